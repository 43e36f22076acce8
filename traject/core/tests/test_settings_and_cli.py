import json
import os
import subprocess
import sys

import pytest

ENV = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}


def _run(args, **env):
    return subprocess.run(
        [sys.executable, "-m", "traject.cli", *args],
        env={**ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(["check"], TRAJECT_ENV="production", ALLOWED_HOSTS="x.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug():
    result = _run(["check"], TRAJECT_ENV="production", SECRET_KEY="k" * 50, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_traject_command_runs_django_management_commands():
    result = _run(["help"], TRAJECT_ENV="test")
    assert result.returncode == 0
    assert "demo" in result.stdout and "db_worker" in result.stdout


def test_worktime_check_needs_no_database(tmp_path):
    schedule = {
        "jurisdiction": "BE",
        "timezone": "Europe/Brussels",
        "opt_out": False,
        "reference_start": "2025-01-06",
        "entries": [{"start": "2025-01-06T08:00", "end": "2025-01-06T20:00", "kind": "planned"}],
    }
    path = tmp_path / "week.json"
    path.write_text(json.dumps(schedule))
    result = _run(
        ["worktime", "check", str(path)], DATABASE_URL="postgres://nobody@127.0.0.1:1/none"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["compliant"] is True


@pytest.mark.django_db
def test_tasks_use_the_database_backend_by_default():
    result = _run(
        [
            "shell",
            "-c",
            "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])",
        ],
        TRAJECT_ENV="development",
    )
    assert result.stdout.strip().splitlines()[-1] == "django_tasks_db.DatabaseBackend"
    result = _run(
        [
            "shell",
            "-c",
            "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])",
        ],
        TRAJECT_ENV="development",
        TASKS_BACKEND="redis",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.stdout.strip().splitlines()[-1] == "django_tasks_rq.RQBackend"
