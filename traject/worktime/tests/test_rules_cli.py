"""The ``worktime check`` command: output formats and exit statuses."""

import io
import json

import pytest

from traject.worktime.cli import main
from traject.worktime.rules import check
from traject.worktime.tests.test_rules_support import _no_lockouts, entry, schedule  # noqa: F401

SIXTY = [entry(f"2025-01-{d:02d}T07:00", f"2025-01-{d:02d}T19:00") for d in range(6, 11)]
SIXTY_ONE = [*SIXTY, entry("2025-01-11T07:00", "2025-01-11T08:00")]


@pytest.fixture
def write(tmp_path):
    def write(data: object, name: str = "schedule.json") -> str:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return str(path)

    return write


def test_a_compliant_schedule_prints_the_json_report_and_exits_0(write, capsys):
    data = schedule("BE", SIXTY)
    assert main(["check", write(data)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == check(data, "nl")
    assert out.startswith('{\n  "compliant": true,')
    assert err == ""


def test_violations_exit_1_with_messages_in_the_chosen_language(write, capsys):
    assert main(["check", write(schedule("BE", SIXTY_ONE)), "--lang", "fr"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [v["message"] for v in report["violations"]] == [
        "Semaine du 6 janvier : 61 h travaillées, la limite est de 60 h"
    ]


def test_the_text_format_shows_weeks_then_violations(write, capsys):
    assert (
        main(["check", write(schedule("BE", SIXTY_ONE)), "--format", "text", "--lang", "en"]) == 1
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "Week", "Hours", "Night", "Weekend", "Holiday", ">48", "Standby", "Blocks", "Leave"
    ]  # fmt: skip
    assert lines[1].split() == ["2025-01-06", "61", "6", "1", "0", "13", "0", "0", "0"]
    assert "Averages" in lines
    assert lines[-3:] == [
        "Violations (1)",
        "- BE_WEEK_MAX: Week of 6 January: 61 h worked, the limit is 60 h",
        "  Source: Wet van 12 december 2010 / Loi du 12 décembre 2010, art. 5 §1 (60 h), "
        "art. 7 §1 (+12 h opt-out)",
    ]


def test_the_text_format_says_so_when_compliant_with_dutch_decimals(write, capsys):
    data = schedule("BE", [entry("2025-01-06T07:00", "2025-01-06T15:30")])
    assert main(["check", write(data), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].split()[:2] == ["2025-01-06", "8,5"]
    assert out.rstrip().endswith("In orde: geen overtredingen.")


def test_bad_input_exits_2_with_the_problems_on_stderr(write, capsys):
    data = schedule(
        "BE", [entry("2025-01-06T08:00", "2025-01-06T07:00")], reference_start="2025-01-07"
    )
    assert main(["check", write(data), "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "“reference_start” 2025-01-07 is not a Monday",
        "Entry 1 (start 2025-01-06T08:00): the end 2025-01-06T07:00 is not after the start",
    ]


def test_an_unreadable_file_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.json"), "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith(f"Cannot read {tmp_path / 'missing.json'}")


def test_invalid_json_exits_2(write, capsys):
    assert main(["check", write('{"jurisdiction": "BE",'), "--lang", "en"]) == 2
    assert "is not valid JSON" in capsys.readouterr().err


def test_a_dash_reads_the_schedule_from_standard_input(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(schedule("BE", SIXTY_ONE))))
    assert main(["check", "-", "--format", "text", "--lang", "nl"]) == 1
    assert "Week van 6 januari: 61 u gewerkt, de grens is 60 u" in capsys.readouterr().out


def test_invalid_json_on_standard_input_exits_2(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("not json"))
    assert main(["check", "-", "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("<stdin> is not valid JSON")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["check"],
        ["verify", "x.json"],
        ["check", "x.json", "--format", "xml"],
        ["check", "x.json", "--lang", "de"],
    ],
)
def test_bad_arguments_exit_2(argv, capsys):
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_help_exits_0(capsys):
    assert main(["check", "--help"]) == 0
    assert "--format" in capsys.readouterr().out
