import pytest


@pytest.fixture
def world(db):
    """One person per persona, with their relations (see traject/testing/world.py)."""
    from traject.testing.world import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _no_lockouts(settings):
    """Keep tests independent of log-in lock-outs; the lock-out test turns axes back on."""
    settings.AXES_ENABLED = False


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """Load the whole demo world once per test module, rolled back afterwards."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", quiet_logins=True)
        yield
        transaction.set_rollback(True)
