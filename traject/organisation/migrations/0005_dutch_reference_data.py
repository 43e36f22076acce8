"""Load the Dutch specialties and the 8 OORs as reference data."""

from django.db import migrations


def load(apps, schema_editor):
    from traject.organisation.reference_data import load_regions, load_specialties

    load_specialties(apps.get_model("organisation", "Specialty"))
    load_regions(apps.get_model("organisation", "Region"))


class Migration(migrations.Migration):
    dependencies = [("organisation", "0004_country_regions_team")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
