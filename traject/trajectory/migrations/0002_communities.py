"""The communities and their deadlines, as data (an administrator may change them later)."""

from django.db import migrations

from traject.trajectory.reference_data import load_communities


def seed(apps, schema_editor):
    load_communities(apps.get_model("trajectory", "Community"))


class Migration(migrations.Migration):
    dependencies = [("trajectory", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
