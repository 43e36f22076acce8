"""Overlapping entries become impossible in the database itself (PostgreSQL).

Two exclusion constraints on the time range of an ASO's entries: counted entries may not
overlap one another, nor may two standbys at home (a call-out inside a standby is fine: it is
counted, the standby is not). The service also serialises the writes of one ASO (a lock on the
trainee row; on SQLite every write transaction begins IMMEDIATE), so the constraint is the
backstop for any path that bypasses the service.

On SQLite (development, tests) this migration does nothing. Before adding the constraints it
removes exact duplicates (same ASO, kind, start and end: the double taps the old race stored),
keeping the oldest row; any other overlap makes the migration fail, naming the constraint.
"""

from django.db import migrations

CONSTRAINTS = {
    # kind <> standby: every counted kind (call-outs included).
    "worktime_no_overlapping_counted_entries": "kind <> 'oncall_home_standby'",
    "worktime_no_overlapping_standbys": "kind = 'oncall_home_standby'",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = "worktime_timeentry"
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"DELETE FROM {table} a USING {table} b "
        "WHERE a.trainee_id = b.trainee_id AND a.kind = b.kind "
        'AND a.start = b.start AND a."end" = b."end" AND a.id > b.id'
    )
    for name, condition in CONSTRAINTS.items():
        schema_editor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {name} EXCLUDE USING gist "
            f'(trainee_id WITH =, tstzrange(start, "end", \'[)\') WITH &&) WHERE ({condition})'
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE worktime_timeentry DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("worktime", "0005_reference_start_any_day_for_us")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
