"""Reference data shipped with Traject: the 31 specialties of the MSG."""

import json
from pathlib import Path

SPECIALTIES_FILE = Path(__file__).resolve().parent / "data" / "specialties.json"


def load_specialties(specialty_model) -> None:
    """Create or update the specialties; takes the model so that migrations can pass theirs."""
    for row in json.loads(SPECIALTIES_FILE.read_text(encoding="utf-8")):
        specialty_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_nl": row["nl"],
                "name_fr": row["fr"],
                "name_en": row["en"],
                "duration_years": row["years"],
            },
        )
