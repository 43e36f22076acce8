"""Load the 31 specialties of the Master Specialistische Geneeskunde as reference data."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "specialties.json"


def load_specialties(apps, schema_editor):
    Specialty = apps.get_model("organisation", "Specialty")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        Specialty.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_nl": row["nl"],
                "name_fr": row["fr"],
                "name_en": row["en"],
                "duration_years": row["years"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [migrations.RunPython(load_specialties, migrations.RunPython.noop)]
