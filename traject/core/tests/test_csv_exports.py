"""Every CSV export goes through one helper that neutralises spreadsheet formulas."""

import csv
import io
import pathlib

import pytest
from django.urls import reverse

from traject.core.csvexport import csv_text, safe_cell

FORMULAS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", " =1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_is_written_as_text(value):
    assert safe_cell(value).startswith("'")
    row = next(csv.reader(io.StringIO(csv_text([[value]]))))
    assert row[0].startswith("'")


def test_plain_values_and_numbers_are_untouched():
    assert safe_cell("Gent") == "Gent"
    assert safe_cell(-3) == -3
    assert safe_cell(None) == ""


def test_no_module_writes_csv_but_the_helper():
    root = pathlib.Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "csvexport.py"
        and ("csv.writer(" in path.read_text() or "csv.DictWriter(" in path.read_text())
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_register_export_neutralises_a_formula_in_a_name(client, world):
    from traject.organisation.models import ServiceRecognition

    world.service.name = '=HYPERLINK("http://evil","klik")'
    world.service.save()
    assert ServiceRecognition.objects.filter(service=world.service).exists()
    client.force_login(world.users["ministry"])
    response = client.get(reverse("quality:register_csv"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # streamed: any size
    rows = list(csv.reader(io.StringIO(text)))
    names = [row[1] for row in rows[1:]]
    assert "'" + world.service.name in names
    assert world.service.name not in names


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,first,absent",
    [("nl", ["Soort", "Naam", "Stagedienst"], "kind"), ("fr", ["Type", "Nom", "Hôpital"], "kind")],
)
def test_the_register_export_has_its_headers_in_the_readers_language(
    client, world, language, first, absent
):
    reader = world.users["ministry"]
    reader.language = language  # the language remembered on the account
    reader.save()
    client.force_login(reader)
    response = client.get(reverse("quality:register_csv"))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheet programs then read the accents
    header = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    for word in first:
        assert word in header
    assert absent not in header


def test_no_export_writes_a_header_of_bare_english_field_names():
    """Header rows are labels in the reader's language, not ``["kind", "name", ...]``; only the
    working-time import/export format (read back by the import) keeps its fixed column names."""
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    bare = re.compile(r'\[\s*"[a-z_]+",\s*"[a-z_]+",\s*"[a-z_]+"')
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "transfer.py":
            continue
        text = path.read_text()
        exports = ("csv_response", "csv_rows", "write_table(")
        if any(name in text for name in exports) and bare.search(text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


@pytest.mark.django_db
def test_the_import_report_reads_in_french_and_neutralises_a_formula(client, world):
    from traject.onboarding.models import ImportRun

    admin = world.users["programme_admin"]
    admin.language = "fr"
    admin.save()
    run = ImportRun.objects.create(
        kind="universities",
        filename="u.csv",
        created_by=admin,
        status="done",
        lines=[{"line": 2, "outcome": "created", "key": "=cmd|' /C calc'!A0", "message": ""}],
    )
    client.force_login(admin)
    response = client.get(reverse("onboarding:run_report", args=[run.pk]))
    assert response.status_code == 200
    header, line = list(csv.reader(io.StringIO(response.content.decode())))
    assert header == ["Ligne", "Résultat", "Clé", "Message"]
    assert line[1] == "créé" and line[2].startswith("'=")
