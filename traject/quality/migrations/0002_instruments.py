from django.db import migrations


def load(apps, schema_editor):
    from traject.quality.instruments import load_instruments

    load_instruments(apps)


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
