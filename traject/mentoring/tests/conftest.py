import pytest

from traject.mentoring.models import ConfidentialNote


@pytest.fixture
def note(world):
    """A one-to-one note of the mentor and the ASO."""
    return ConfidentialNote.objects.create(
        trainee=world.trainee,
        mentor=world.users["mentor"],
        author=world.users["mentor"],
        held_on="2026-11-02",
        text="Slaapt slecht sinds de nachtdiensten; wil praten met een psycholoog.",
    )
