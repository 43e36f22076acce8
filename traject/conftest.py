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
