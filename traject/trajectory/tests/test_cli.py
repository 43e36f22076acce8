"""``traject trajectory end-date``: the computation from the command line, without a database."""

import json
import subprocess
import sys

from traject.cli import main

EXAMPLE = {
    "start": "2025-10-01",
    "nominal_months": 60,
    "plan_submitted_on": "2026-03-15",
    "interruptions": [{"start": "2026-01-05", "end": "2026-05-01", "kind": "sick"}],
}


def write(tmp_path, data, name="input.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_json_output_has_the_documented_fields(tmp_path, capsys):
    assert main(["trajectory", "end-date", write(tmp_path, EXAMPLE)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {
        "counted_start",
        "planned_end",
        "submission_delay_days",
        "interruption_days",
        "extension_days",
        "expected_end",
        "lines",
    }
    assert out["expected_end"] == "2031-03-26"


def test_text_output_explains_line_by_line(tmp_path, capsys):
    path = write(tmp_path, EXAMPLE)
    assert main(["trajectory", "end-date", path, "--format", "text", "--lang", "fr"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("Fin attendue")
    assert len(out) == 6


def test_overrides_of_the_data(tmp_path, capsys):
    data = dict(EXAMPLE, submission_months=6, threshold_weeks=20)
    assert main(["trajectory", "end-date", write(tmp_path, data)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["submission_delay_days"] == 0
    assert out["extension_days"] == 0
    assert out["expected_end"] == "2030-09-30"


def test_bad_input_exits_2_with_a_clear_message(tmp_path, capsys):
    data = dict(EXAMPLE, interruptions=[{"start": "2026-05-01", "end": "2026-01-05"}])
    assert main(["trajectory", "end-date", write(tmp_path, data)]) == 2
    err = capsys.readouterr().err
    assert "ends (2026-01-05) before it starts (2026-05-01)" in err


def test_missing_field_exits_2(tmp_path, capsys):
    assert main(["trajectory", "end-date", write(tmp_path, {"nominal_months": 60})]) == 2
    assert "start: this field is missing" in capsys.readouterr().err


def test_not_json_and_missing_file_exit_2(tmp_path, capsys):
    assert main(["trajectory", "end-date", write(tmp_path, "{nope")]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["trajectory", "end-date", str(tmp_path / "absent.json")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_the_installed_command_needs_no_django(tmp_path):
    path = write(tmp_path, EXAMPLE)
    code = (
        "import sys; from traject.cli import main; rc = main(sys.argv[1:]); "
        "assert 'django' not in sys.modules, 'django imported'; sys.exit(rc)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "trajectory", "end-date", path, "--format", "text"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "2031-03-26" in proc.stdout
