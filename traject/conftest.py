import pytest


@pytest.fixture
def world(db):
    """One person per persona, with their relations (see traject/testing/world.py)."""
    from traject.testing.world import build_world

    return build_world()


@pytest.fixture(scope="session", autouse=True)
def _files_in_tmp(tmp_path_factory):
    """Uploads and generated files go to a temporary folder per test process (set before any
    module-scoped world is built), never the working copy's data/."""
    from django.test import override_settings

    root = tmp_path_factory.mktemp("files")
    with override_settings(MEDIA_ROOT=root / "media", PRIVATE_ROOT=root / "private"):
        yield root


@pytest.fixture(autouse=True)
def _no_lockouts(settings):
    """Keep tests independent of log-in lock-outs; the lock-out test turns axes back on."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    """Requests of all tests come from one address: the work-floor throttle's own tests turn
    it back on."""
    settings.WORKFLOOR_THROTTLE = None


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """Load the whole demo world once per test module, rolled back afterwards."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", quiet_logins=True)
        yield
        transaction.set_rollback(True)
