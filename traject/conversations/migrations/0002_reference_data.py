"""Load the cycle rules of the Dutch specialties and the job aids of each kind of talk."""

from django.db import migrations


def load(apps, schema_editor):
    from traject.conversations.reference_data import load_checklists, load_cycle_rules

    load_cycle_rules(
        apps.get_model("organisation", "Specialty"), apps.get_model("conversations", "CycleRules")
    )
    load_checklists(apps.get_model("conversations", "ChecklistItem"))


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("organisation", "0005_dutch_reference_data"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
