"""Bulk import: dry run, all or nothing, idempotent, audited, every kind, from outside too."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from traject.audit.models import AuditEvent
from traject.onboarding import tables
from traject.onboarding.kinds import KINDS
from traject.onboarding.services import import_file
from traject.organisation.models import (
    HospitalCoordinator,
    ServiceRecognition,
    Stage,
    Trainee,
    TrainerRecognition,
    University,
)

pytestmark = pytest.mark.django_db


def _csv(header, *rows) -> bytes:
    return tables.write_table(header, [list(r) for r in rows], "csv")


def _run(world, kind, data, dry_run=False, name="f.csv"):
    return import_file(
        kind=kind, data=data, filename=name, actor=world.users["programme_admin"], dry_run=dry_run
    )


def test_a_dry_run_reports_line_by_line_and_changes_nothing(world):
    data = _csv(
        ["code", "name"], ["vub", "Vrije Universiteit Brussel"], ["ugent", "Universiteit Gent"]
    )
    report = _run(world, "universities", data, dry_run=True)
    assert [(e["line"], e["outcome"]) for e in report.lines] == [(2, "created"), (3, "unchanged")]
    assert not University.objects.filter(code="vub").exists()
    real = _run(world, "universities", data)
    assert real.applied and University.objects.get(code="vub").name == "Vrije Universiteit Brussel"
    again = _run(world, "universities", data)
    assert again.counts == {"created": 0, "changed": 0, "unchanged": 2, "refused": 0}
    assert (
        AuditEvent.objects.filter(object_type="organisation.university", action="create").count()
        == 1
    )


def test_one_refused_line_imports_nothing_and_names_the_line(world):
    data = _csv(
        ["number", "hospital", "service", "start", "end"],
        ["D-1", "UZ Gent", "Inwendige geneeskunde", "2026-01-01", "2030-12-31"],
        ["D-2", "UZ Gent", "No such service", "2026-01-01", "2030-12-31"],
        ["D-3", "UZ Gent", "Inwendige geneeskunde", "31/12/2026", "not a date"],
    )
    report = _run(world, "recognitions", data)
    assert not report.applied
    refused = {e["line"]: e["message"] for e in report.lines if e["outcome"] == "refused"}
    assert set(refused) == {3, 4}
    assert "No such service" in refused[3] and "not a date" in refused[4]
    assert not ServiceRecognition.objects.filter(reference="D-1").exists()


def test_the_register_with_stagemeesters_is_idempotent_by_recognition_number(world):
    stagemeester = world.users["stagemeester"].email
    data = _csv(
        ["number", "hospital", "service", "start", "end", "stagemeester", "capacity"],
        ["S-9", "UZ Gent", "Inwendige geneeskunde", "2026-01-01", "2030-12-31", stagemeester, "2"],
    )
    assert _run(world, "recognitions", data).counts["created"] == 1
    changed = data.replace(b",2\r\n", b",3\r\n")
    assert _run(world, "recognitions", changed).counts["changed"] == 1
    assert TrainerRecognition.objects.get(reference="S-9").capacity == 3


def test_trainees_people_stages_courses_and_mentor_groups(world):
    trainees = _csv(
        KINDS["trainees"].columns,
        [
            "nieuw@ugent.example",
            "Nina",
            "Nieuw",
            "fr",
            "inwendige-geneeskunde",
            "ugent",
            "2025-10-01",
            "1-23456-78-901",
        ],
    )
    assert _run(world, "trainees", trainees).counts["created"] == 1
    trainee = Trainee.objects.get(riziv_number="1-23456-78-901")
    assert trainee.user.language == "fr" and not trainee.user.has_usable_password()
    assert trainee.user.emailaddress_set.get().verified  # can log in by SSO at once
    # The same RIZIV number with another address is refused, never merged silently.
    other = trainees.replace(b"nieuw@ugent.example", b"iemand@ugent.example")
    assert _run(world, "trainees", other).refused
    stage = _csv(
        KINDS["stages"].columns,
        [
            "nieuw@ugent.example",
            "UZ Gent",
            "Inwendige geneeskunde",
            world.users["stagemeester"].email,
            "2026-10-01",
            "2026-12-31",
        ],
    )
    assert _run(world, "stages", stage).counts["created"] == 1
    assert _run(world, "stages", stage).counts["unchanged"] == 1
    assert Stage.objects.filter(trainee=trainee).count() == 1
    people = _csv(
        KINDS["people"].columns,
        ["coord@uzgent.example", "Karel", "Claes", "nl", "coordinator", "", "", "UZ Gent"],
        ["minister@example.test", "Mia", "Nister", "nl", "ministry", "", "", ""],
    )
    report = _run(world, "people", people)
    assert report.refused  # a programme administrator may not appoint ministry officers
    assert not HospitalCoordinator.objects.filter(user__email="coord@uzgent.example").exists()
    assert _run(
        world,
        "people",
        _csv(
            KINDS["people"].columns,
            ["coord@uzgent.example", "Karel", "Claes", "nl", "coordinator", "", "", "UZ Gent"],
        ),
    ).applied
    courses = _csv(
        KINDS["courses"].columns,
        ["msg-ethiek", "Ethiek", "expert", "ugent", "", world.users["titularis"].email],
    )
    assert _run(world, "courses", courses).counts["created"] == 1
    groups = _csv(
        KINDS["mentor_groups"].columns,
        ["ugent", "Mentorgroep Z", world.users["mentor"].email, "2026", "nieuw@ugent.example"],
    )
    assert _run(world, "mentor_groups", groups).counts["created"] == 1
    assert _run(world, "mentor_groups", groups).counts["unchanged"] == 1


def test_formulas_nul_bytes_and_huge_cells_are_refused(world):
    data = _csv(["code", "name"], ["x1", "ok"]).replace(b"ok", b'=HYPERLINK("http://evil")')
    report = _run(world, "universities", data)
    assert report.refused and "formul" in report.lines[0]["message"]
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _run(world, "universities", b"code,name\x00\n")
    long = _csv(["code", "name"], ["x2", "a" * 1_000_001])
    assert _run(world, "universities", long).refused
    with pytest.raises(ValidationError):
        _run(world, "universities", _csv(["code", "name"], ["x3", "a" * 3_000_000]))
    with pytest.raises(ValidationError):
        _run(world, "universities", b"naam\nx\n")  # missing columns


def test_templates_neutralise_formulas_and_read_back(world, client):
    assert tables.neutralise("=1+1") == "'=1+1" and tables.neutralise("-12") == "-12"
    client.force_login(world.users["programme_admin"])
    for kind in KINDS:
        for fmt in ("csv", "xlsx"):
            response = client.get(reverse("onboarding:template", args=[kind, fmt]))
            assert response.status_code == 200
            header, rows = tables.read_table(response.content, f"t.{fmt}")
            assert header == KINDS[kind].columns and len(rows) == len(KINDS[kind].examples)


def test_the_pages_dry_run_then_import_then_nothing_changes(world, client):
    from traject.onboarding.models import ImportRun

    client.force_login(world.users["programme_admin"])
    data = _csv(["code", "name"], ["vub", "VUB"])

    def upload(dry_run):
        payload = {"kind": "universities", "file": io.BytesIO(data)}
        payload["file"].name = "u.csv"
        if dry_run:
            payload["dry_run"] = "on"
        response = client.post(reverse("onboarding:index"), payload)
        assert response.status_code == 302
        assert client.get(response["Location"]).status_code == 200
        return ImportRun.objects.latest("pk").counts

    assert upload(True)["created"] == 1 and not University.objects.filter(code="vub").exists()
    assert upload(False)["created"] == 1
    assert University.objects.filter(code="vub").exists()
    assert upload(False)["unchanged"] == 1
    bad = client.post(
        reverse("onboarding:index"), {"kind": "universities", "file": io.BytesIO(b"x")}
    )
    assert bad.status_code == 200  # no name, not .csv: a form error


def test_the_api_imports_and_reports(world, client):
    from traject.accounts.services import api_token_create

    _token, key = api_token_create(user=world.users["programme_admin"], name="import")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    upload = io.BytesIO(_csv(["code", "name"], ["vub", "VUB"]))
    upload.name = "u.csv"
    response = client.post(
        "/api/v1/onboarding/imports",
        {"kind": "universities", "dry_run": "false", "file": upload},
        **headers,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "done" and body["counts"]["created"] == 1
    assert (
        client.get(f"/api/v1/onboarding/imports/{body['id']}", **headers).json()["id"] == body["id"]
    )
    bad = io.BytesIO(b"\x00\x01")
    bad.name = "u.csv"
    refused = client.post(
        "/api/v1/onboarding/imports", {"kind": "universities", "file": bad}, **headers
    )
    assert refused.status_code == 400
    _t, aso_key = api_token_create(user=world.users["aso"], name="x")
    assert (
        client.get("/api/v1/onboarding/kinds", HTTP_AUTHORIZATION=f"Bearer {aso_key}").status_code
        == 403
    )


def test_a_big_file_runs_as_a_task_with_progress(
    world, client, settings, django_capture_on_commit_callbacks
):
    from traject.onboarding.models import ImportRun

    client.force_login(world.users["programme_admin"])
    rows = [[f"u{n:04d}", f"Universiteit {n}"] for n in range(600)]
    upload = io.BytesIO(_csv(["code", "name"], *rows))
    upload.name = "many.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("onboarding:index"), {"kind": "universities", "file": upload}
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.status == "done" and run.counts["created"] == 600
    assert not run.upload  # the file is gone once processed
    report = client.get(reverse("onboarding:run_report", args=[run.pk]))
    assert report.status_code == 200 and report.content.count(b"\n") == 601


def test_the_command(world, tmp_path, capsys):
    path = tmp_path / "u.csv"
    path.write_bytes(_csv(["code", "name"], ["vub", "VUB"]))
    call_command(
        "import",
        "universities",
        str(path),
        "--dry-run",
        "--as",
        world.users["programme_admin"].email,
    )
    assert (
        "dry run" in capsys.readouterr().out and not University.objects.filter(code="vub").exists()
    )
    call_command("import", "universities", str(path), "--as", world.users["programme_admin"].email)
    assert University.objects.filter(code="vub").exists()
    with pytest.raises(CommandError):
        call_command("import", "universities", str(path), "--as", world.users["aso"].email)
