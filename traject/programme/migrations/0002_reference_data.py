from django.db import migrations


def load(apps, schema_editor):
    from traject.programme.instrument import load_course_instrument, load_requirements

    load_course_instrument(apps)
    load_requirements(apps)


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial"), ("quality", "0002_instruments")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
