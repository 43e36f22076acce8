from traject.onboarding.models import ImportRun
from traject.testing.permission_table import Row, expect


def extend_world(world):
    run = ImportRun.objects.create(
        kind="universities",
        filename="u.csv",
        created_by=world.users["programme_admin"],
        status=ImportRun.Status.DONE,
        lines=[{"line": 2, "outcome": "unchanged", "key": "ugent", "message": ""}],
        counts={"created": 0, "changed": 0, "unchanged": 1, "refused": 0},
        total=1,
        processed=1,
    )
    world.add(import_run=run)


ROWS = [
    Row("GET", "onboarding:index", expect=expect(403, programme_admin=200, anonymous=302)),
    Row(
        "GET",
        "onboarding:template",
        args=lambda w: ["trainees", "xlsx"],
        expect=expect(403, programme_admin=200, anonymous=302),
    ),
    Row(
        "GET",
        "onboarding:run",
        args=lambda w: [w.import_run.pk],
        expect=expect(403, programme_admin=200, anonymous=302),
    ),
    Row(
        "GET",
        "onboarding:run_report",
        args=lambda w: [w.import_run.pk],
        expect=expect(403, programme_admin=200, anonymous=302),
    ),
    Row("GET", "api:list_kinds", expect=expect(403, programme_admin=200, anonymous=401)),
    Row(
        "GET",
        "api:get_import",
        args=lambda w: [w.import_run.pk],
        expect=expect(403, programme_admin=200, anonymous=401),
    ),
    Row(
        "POST",
        "api:create_import",
        data=lambda w: {"kind": "universities"},
        expect=expect(422, anonymous=401),
        description="(no file: a clear 422 for everyone signed in)",
    ),
]
