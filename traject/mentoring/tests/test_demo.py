import pytest

from traject.core.demo import load_demo
from traject.mentoring.models import ConfidentialNote, GroupSession, NoteShare
from traject.mentoring.permissions import notes_visible_to

pytestmark = pytest.mark.django_db


def test_the_demo_has_active_groups_and_loading_twice_changes_nothing(demo_loaded):
    ctx = load_demo()  # the second run: it only collects what the first one made
    sessions = GroupSession.objects.count()
    assert sessions >= 2 * len(ctx.data["mentor_groups"]) > 0
    mentor = ctx.personas["mentor"]
    assert notes_visible_to(mentor).count() == 2
    share = NoteShare.objects.get()
    assert list(notes_visible_to(share.recipient)) == [share.note]
    load_demo()
    assert GroupSession.objects.count() == sessions
    assert ConfidentialNote.objects.count() == 2
