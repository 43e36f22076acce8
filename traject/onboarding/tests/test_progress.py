"""A big import runs as a task: the upload is kept in the run's row (the task gets only its id),
the progress is recorded in the database (no cache needed) and the page polls it with htmx."""

import io

import pytest
from django.db import connection, connections
from django.urls import reverse

from traject.onboarding import services, tables
from traject.onboarding.kinds import KINDS
from traject.onboarding.models import ImportRun
from traject.organisation.models import Trainee, University

DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def _upload(header, rows, name="big.csv"):
    upload = io.BytesIO(tables.write_table(header, rows, "csv"))
    upload.name = name
    return upload


def _trainee_rows(count, start=0):
    return [
        [
            f"aso{n:05d}@progress.example",
            f"Voornaam{n}",
            f"Achternaam{n}",
            "nl",
            "inwendige-geneeskunde",
            "ugent",
            "2025-10-01",
            f"1-{n:05d}-00-001",
        ]
        for n in range(start, start + count)
    ]


class _Recorder:
    """Stands in for the task: records what is put in the queue, then enqueues it."""

    def __init__(self, task):
        self.task = task
        self.calls = []

    def enqueue(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        return self.task.enqueue(*args, **kwargs)


@pytest.mark.django_db
def test_a_big_import_waits_as_a_task_and_the_page_polls_its_progress_from_the_database(
    world, client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from traject.onboarding import tasks

    settings.CACHES = DUMMY_CACHE  # the progress must not depend on a shared cache
    queue = _Recorder(tasks.process_import_run)
    monkeypatch.setattr(tasks, "process_import_run", queue)
    client.force_login(world.users["programme_admin"])
    rows = [[f"p{n:04d}", f"Universiteit {n}"] for n in range(600)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("onboarding:index"),
            {"kind": "universities", "file": _upload(["code", "name"], rows)},
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/runs/{run.pk}/")
    assert run.status == "pending" and run.total == 600 and run.upload
    assert not University.objects.filter(code="p0001").exists()  # not in the request

    url = reverse("onboarding:run", args=[run.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'hx-trigger="every 2s"' in page.content
    poll = client.get(url, HTTP_HX_REQUEST="true")
    assert b'value="0" max="600"' in poll.content and "HX-Redirect" not in poll

    # what a worker records while it runs is what the next poll shows
    ImportRun.objects.filter(pk=run.pk).update(status="running", processed=250)
    poll = client.get(url, HTTP_HX_REQUEST="true")
    assert b'value="250" max="600"' in poll.content
    api = client.get(f"/api/v1/onboarding/imports/{run.pk}").json()
    assert api["status"] == "running" and api["processed"] == 250 and api["total"] == 600
    ImportRun.objects.filter(pk=run.pk).update(status="pending", processed=0)

    for callback in callbacks:  # the worker runs the task
        callback()
    # the queue holds the run's id only: no file, no personal data
    assert queue.calls == [((), {"run_id": run.pk})]
    run.refresh_from_db()
    assert run.status == "done" and run.processed == 600 and run.counts["created"] == 600
    assert not run.upload  # the file is gone once processed
    assert University.objects.filter(code="p0599").exists()
    poll = client.get(url, HTTP_HX_REQUEST="true")
    assert poll["HX-Redirect"] == url
    assert client.get(f"/api/v1/onboarding/imports/{run.pk}").json()["processed"] == 600


@pytest.mark.django_db
def test_a_big_aso_file_with_bad_lines_imports_nothing_and_lists_them(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = DUMMY_CACHE
    client.force_login(world.users["programme_admin"])
    rows = _trainee_rows(700)
    rows[10][4] = "no-such-specialty"
    rows[500][6] = "31/02/2025"
    rows[650][0] = "not an address"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("onboarding:index"),
            {"kind": "trainees", "file": _upload(KINDS["trainees"].columns, rows)},
        )
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == "refused" and run.counts["refused"] == 3 and run.processed == 700
    refused = {e["line"]: e["message"] for e in run.lines if e["outcome"] == "refused"}
    assert set(refused) == {12, 502, 652}  # file lines: the header is line 1
    assert "no-such-specialty" in refused[12] and "31/02/2025" in refused[502]
    assert not Trainee.objects.filter(user__email__endswith="@progress.example").exists()
    page = client.get(response["Location"])
    assert page.status_code == 200 and "no-such-specialty" in page.content.decode()


@pytest.mark.django_db
def test_the_bulk_aso_import_creates_audits_and_is_idempotent(world):
    from allauth.account.models import EmailAddress

    from traject.audit.models import AuditEvent

    actor = world.users["programme_admin"]
    data = tables.write_table(KINDS["trainees"].columns, _trainee_rows(40), "csv")
    dry = services.import_file(
        kind="trainees", data=data, filename="a.csv", actor=actor, dry_run=True
    )
    assert (
        dry.counts["created"] == 40
        and not Trainee.objects.filter(user__email__endswith="@progress.example").exists()
    )
    real = services.import_file(
        kind="trainees", data=data, filename="a.csv", actor=actor, dry_run=False
    )
    assert real.applied and real.counts["created"] == 40
    trainee = Trainee.objects.select_related("user").get(riziv_number="1-00007-00-001")
    assert (
        trainee.user.email == "aso00007@progress.example" and not trainee.user.has_usable_password()
    )
    assert EmailAddress.objects.filter(
        user=trainee.user, email=trainee.user.email, verified=True, primary=True
    ).exists()
    for target in (trainee.user, trainee):
        assert AuditEvent.objects.filter(
            action="create",
            object_type=target._meta.label_lower,
            object_id=str(target.pk),
            actor=actor,
            subject=trainee.user,
        ).exists()
    # a changed name goes through the services; the rest changes nothing
    rows = _trainee_rows(40)
    rows[3][1] = "Anders"
    again = services.import_file(
        kind="trainees",
        data=tables.write_table(KINDS["trainees"].columns, rows, "csv"),
        filename="a.csv",
        actor=actor,
        dry_run=False,
    )
    assert again.counts == {"created": 0, "changed": 1, "unchanged": 39, "refused": 0}
    # platform staff may not register ASO (as in the forms): every new line is refused
    from traject.testing.factories import UserFactory

    staff = UserFactory(is_staff=True)
    other = tables.write_table(KINDS["trainees"].columns, _trainee_rows(5, start=100), "csv")
    refused = services.import_file(
        kind="trainees", data=other, filename="a.csv", actor=staff, dry_run=False
    )
    assert (
        refused.counts["refused"] == 5
        and not Trainee.objects.filter(riziv_number="1-00100-00-001").exists()
    )


@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_to_other_connections_while_the_import_runs(monkeypatch):
    """The import's transaction stays open until the end (all or nothing); the progress is
    committed beside it, so another connection (the page's) reads it meanwhile."""
    from traject.testing.world import build_world

    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer: the progress inside the transaction waits")
    world = build_world()
    seen = []
    original = services.ProgressRecorder.__call__

    def observe(self, processed):
        original(self, processed)
        main = connections["default"]
        reader = type(main)(dict(main.settings_dict), "default")
        try:
            with reader.cursor() as cursor:
                cursor.execute(
                    "SELECT processed, (SELECT count(*) FROM organisation_university "
                    "WHERE code LIKE 'q%%') FROM onboarding_importrun WHERE id = %s",
                    [self.pk],
                )
                seen.append(cursor.fetchone())
        finally:
            reader.close()

    monkeypatch.setattr(services.ProgressRecorder, "__call__", observe)
    rows = [[f"q{n:04d}", f"Universiteit {n}"] for n in range(600)]
    run = services.import_run_start(
        kind="universities",
        upload=_upload(["code", "name"], rows),
        actor=world.users["programme_admin"],
        dry_run=False,
    )
    run.refresh_from_db()
    assert run.status == "done" and University.objects.filter(code__startswith="q").count() == 600
    assert [processed for processed, _ in seen] == [0, 250, 500]
    assert all(visible == 0 for _, visible in seen)  # nothing imported is visible before the end


@pytest.mark.django_db
def test_the_bulk_aso_check_reports_as_the_line_by_line_import(world, monkeypatch):
    """The same file gives the same report, line by line, with and without the bulk plan."""
    import dataclasses

    from traject.onboarding import kinds

    actor = world.users["programme_admin"]
    rows = _trainee_rows(12)
    Trainee.objects.filter(user=world.users["other_aso"]).update(riziv_number="1-99999-99-002")
    rows[0][0] = world.users["aso"].email  # an existing ASO: changed through the service
    rows[1][7] = "1-99999-99-002"  # another person's RIZIV number
    rows[2][4] = "no-such-specialty"
    rows[3][5] = "nowhere"
    rows[4][6] = "someday"
    rows[5][3] = "de"
    rows[6][0] = "not an address"
    rows[7][1] = ""
    rows[8][7] = "12345"  # not a RIZIV number
    rows[9][2] = "=HYPERLINK()"  # the written CSV neutralises it ('=…): a plain name
    rows[10][0] = world.users["stagemeester"].email  # a person who is not an ASO yet
    data = tables.write_table(KINDS["trainees"].columns, rows, "csv")

    spec = KINDS["trainees"]

    def report(plan):
        monkeypatch.setitem(kinds.KINDS, "trainees", dataclasses.replace(spec, plan=plan))
        result = services.import_file(
            kind="trainees", data=data, filename="a.csv", actor=actor, dry_run=True
        )
        return [(e["line"], e["outcome"], e["message"]) for e in result.lines]

    plans, original = [], KINDS["trainees"].plan

    def spied(*args):
        plans.append(original(*args))
        return plans[-1]

    bulk, line_by_line = report(spied), report(None)
    assert plans and plans[0] is not None  # the bulk plan did check this file
    assert bulk == line_by_line
    outcomes = {line: outcome for line, outcome, _m in bulk}
    assert outcomes[13] == "created" and outcomes[2] == "changed" and outcomes[12] == "created"
    assert {line for line, o in outcomes.items() if o == "refused"} == set(range(3, 11))

    # a RIZIV number that an earlier line takes from an ASO of the same file: line by line
    Trainee.objects.filter(user=world.users["aso"]).update(riziv_number="1-99999-99-001")
    rows = _trainee_rows(2)
    rows[0][0] = world.users["aso"].email
    rows[1][7] = "1-99999-99-001"
    data = tables.write_table(KINDS["trainees"].columns, rows, "csv")
    plans.clear()
    assert [o for _l, o, _m in report(spied)] == ["changed", "created"]
    assert plans == [None]
