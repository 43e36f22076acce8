"""Reference data shipped with Traject: the specialties of the MSG (Belgium), the Dutch
specialties and the 8 Dutch training regions (OOR). All of it is data an administrator may
change afterwards; the migrations and the test factories load it through these functions.
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SPECIALTIES_FILE = DATA / "specialties.json"
SPECIALTIES_NL_FILE = DATA / "specialties_nl.json"
REGIONS_NL_FILE = DATA / "regions_nl.json"


def _rows(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def load_specialties(specialty_model) -> None:
    """Create or update the specialties; takes the model so that migrations can pass theirs."""
    for path, country in ((SPECIALTIES_FILE, "BE"), (SPECIALTIES_NL_FILE, "NL")):
        if country == "NL" and not _has_field(specialty_model, "country"):
            continue  # an old migration state, before specialties had a country
        for row in _rows(path):
            defaults = {
                "name_nl": row["nl"],
                "name_fr": row["fr"],
                "name_en": row["en"],
                "duration_years": row["years"],
            }
            if _has_field(specialty_model, "country"):
                defaults["country"] = country
            specialty_model.objects.update_or_create(code=row["code"], defaults=defaults)


def load_regions(region_model) -> None:
    """Create or update the 8 OORs."""
    for row in _rows(REGIONS_NL_FILE):
        region_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "umc": row["umc"]}
        )


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())
