"""Load the 31 specialties of the Master Specialistische Geneeskunde as reference data."""

from django.db import migrations


def load(apps, schema_editor):
    from traject.organisation.reference_data import load_specialties

    load_specialties(apps.get_model("organisation", "Specialty"))


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
