"""Reference data of the conversation cycle: rules per Dutch specialty and the job aids.

The numbers come from docs/netherlands.md: an introduction talk within 4 weeks of every stage,
4 progress talks in year 1, 2 in years 2 and 3, then 1 a year, a suitability assessment at the
end of every year; the nominal duration is the specialty's. All of it is data (admin).
"""

import json
from pathlib import Path

CHECKLISTS_FILE = Path(__file__).resolve().parent / "data" / "checklists.json"
DEFAULT_PROGRESS_PER_YEAR = [4, 2, 2, 1]
DEFAULT_INTRODUCTION_WEEKS = 4


def load_cycle_rules(specialty_model, rules_model) -> None:
    """Give every Dutch specialty its rules, keeping what an administrator changed."""
    for specialty in specialty_model.objects.filter(country="NL"):
        rules_model.objects.get_or_create(
            specialty=specialty,
            defaults={
                "introduction_weeks": DEFAULT_INTRODUCTION_WEEKS,
                "progress_per_year": DEFAULT_PROGRESS_PER_YEAR,
                "suitability_every_year": True,
                "nominal_months": specialty.duration_years * 12,
            },
        )


def load_checklists(item_model) -> None:
    if item_model.objects.exists():
        return
    for kind, rows in json.loads(CHECKLISTS_FILE.read_text(encoding="utf-8")).items():
        for position, row in enumerate(rows, start=1):
            item_model.objects.create(
                kind=kind,
                position=position,
                text_nl=row["nl"],
                text_fr=row["fr"],
                text_en=row["en"],
            )


def ensure_reference_data() -> None:
    """Reload after a transactional test flushed the tables."""
    from traject.organisation.models import Specialty

    from .models import ChecklistItem, CycleRules

    load_cycle_rules(Specialty, CycleRules)
    load_checklists(ChecklistItem)
