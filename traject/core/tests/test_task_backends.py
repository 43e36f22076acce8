"""The real task backends: the database queue with its worker, and Redis (RQ) for scale."""

import os
import socket
import subprocess
import sys

import pytest

ENQUEUE = (
    "from traject.core.tasks import send_templated_email;"
    "r = send_templated_email.enqueue(user_id=999999, subject_template='x', body_template='y', context={});"
    "print(r.id)"
)
RESULT = (
    "from traject.core.tasks import send_templated_email;"
    "r = send_templated_email.get_result({id!r});"
    "print(r.status, r.return_value if r.status == 'SUCCESSFUL' else '-')"
)


def _traject(args, env):
    return (
        subprocess.run(
            [sys.executable, "-m", "traject.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )


def _env(tmp_path, **extra):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(TRAJECT_ENV="development", TRAJECT_DATA_DIR=str(tmp_path), **extra)
    return env


def test_the_database_queue_runs_a_task_in_its_worker(tmp_path):
    env = _env(tmp_path, TASKS_BACKEND="database")
    subprocess.run(
        [sys.executable, "-m", "traject.cli", "migrate", "-v0"], env=env, check=True, timeout=180
    )
    task_id = _traject(["shell", "-v0", "-c", ENQUEUE], env)
    assert _traject(["shell", "-v0", "-c", RESULT.format(id=task_id)], env) == "READY -"
    subprocess.run(
        [sys.executable, "-m", "traject.cli", "db_worker", "--batch", "--no-startup-delay"],
        env=env,
        check=True,
        timeout=180,
    )
    assert _traject(["shell", "-v0", "-c", RESULT.format(id=task_id)], env) == "SUCCESSFUL False"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis server on 127.0.0.1:6379")
def test_the_redis_queue_runs_a_task_in_an_rq_worker(tmp_path):
    env = _env(tmp_path, TASKS_BACKEND="redis", REDIS_URL="redis://127.0.0.1:6379/15")
    subprocess.run(
        [sys.executable, "-m", "traject.cli", "migrate", "-v0"], env=env, check=True, timeout=180
    )
    task_id = _traject(["shell", "-v0", "-c", ENQUEUE], env)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "traject.cli",
            "rqworker",
            "default",
            "--burst",
            "--job-class",
            "django_tasks_rq.backend.Job",
        ],
        env=env,
        check=True,
        timeout=180,
        capture_output=True,
    )
    assert _traject(["shell", "-v0", "-c", RESULT.format(id=task_id)], env) == "SUCCESSFUL False"
