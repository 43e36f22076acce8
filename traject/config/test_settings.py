"""Settings for the test suite: the normal settings in test mode."""

import os

os.environ["TRAJECT_ENV"] = "test"

from .settings import *  # noqa: E402, F403

# Tests change the data and read the statistics at once: every reading asks for the fingerprint
# (test_stored_figures.py checks the few seconds' reuse with its own value).
WORKTIME_STATISTICS_FRESH_SECONDS = 0

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    import tempfile

    # A file database in memory-backed temporary storage rather than SQLite's shared-cache
    # in-memory database: tests that write from several threads at once (worktime's race test)
    # then get SQLite's real locking (BEGIN IMMEDIATE waits) instead of "table is locked".
    _shm = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()  # noqa: S108
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(_shm, f"traject-test-{os.getpid()}.sqlite3")
    }
