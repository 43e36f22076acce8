from django.db import migrations


def load(apps, schema_editor):
    # The shipped instruments again (idempotent): adds the Dutch opleider's competency profile
    # to a database made before it existed.
    from traject.quality.instruments import load_instruments

    load_instruments(apps)


class Migration(migrations.Migration):
    dependencies = [("quality", "0004_supporting_document_version")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
