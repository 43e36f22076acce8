"""Set Django up for a benchmark: a throw-away SQLite database unless DATABASE_URL is set."""

import os
import sys
import tempfile
from pathlib import Path


def setup_django() -> None:
    """Put the project on the path, choose the test settings and call django.setup()."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if "DATABASE_URL" not in os.environ:
        os.environ["TRAJECT_DATA_DIR"] = tempfile.mkdtemp(prefix="traject-bench-")
    os.environ.setdefault("TRAJECT_ENV", "test")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traject.config.settings")
    import django

    django.setup()
