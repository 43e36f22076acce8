"""The organiser changes or cancels a trainer session: only the organiser, with the version they
saw, before it starts; every registered trainer is told by e-mail (through the task queue)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from traject.core.concurrency import ConflictError, VersionRequired
from traject.programme import services
from traject.programme.models import Registration, TrainerSession
from traject.programme.tests.helpers import make_session, move_to_past

pytestmark = pytest.mark.django_db


def _registered(world, session):
    for persona in ("stagemeester", "other_stagemeester"):
        Registration.objects.create(session=session, trainer=world.users[persona])


def test_the_organiser_moves_a_session_and_the_registrants_are_told(
    world, django_capture_on_commit_callbacks
):
    session = make_session(world)
    _registered(world, session)
    later = session.starts + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.trainer_session_update(
            session=session,
            actor=world.users["programme_admin"],
            expected_version=1,
            starts=later,
            ends=later + datetime.timedelta(hours=2),
            place="Gent, zaal 2",
        )
    session.refresh_from_db()
    assert session.version == 2 and session.starts == later and session.place == "Gent, zaal 2"
    told = {address for message in mail.outbox for address in message.to}
    assert told == {world.users["stagemeester"].email, world.users["other_stagemeester"].email}
    assert all("Gent, zaal 2" in message.body for message in mail.outbox)
    # An edit based on the old version is refused, not applied.
    with pytest.raises(ConflictError):
        services.trainer_session_update(
            session=TrainerSession.objects.get(pk=session.pk),
            actor=world.users["programme_admin"],
            expected_version=1,
            title="Oud",
        )
    with pytest.raises(VersionRequired):
        services.trainer_session_update(
            session=session, actor=world.users["ministry"], expected_version=None, title="X"
        )


@pytest.mark.parametrize("persona", ["stagemeester", "coordinator", "aso", "titularis"])
def test_only_the_organiser_changes_or_cancels(world, persona):
    session = make_session(world)
    with pytest.raises(PermissionDenied):
        services.trainer_session_update(
            session=session, actor=world.users[persona], expected_version=1, title="Gekaapt"
        )
    with pytest.raises(PermissionDenied):
        services.trainer_session_cancel(
            session=session, actor=world.users[persona], expected_version=1
        )
    session.refresh_from_db()
    assert session.title != "Gekaapt" and session.cancelled_on is None and session.version == 1


def test_bad_changes_are_refused(world):
    session = make_session(world, capacity=5)
    _registered(world, session)
    admin = world.users["programme_admin"]
    for fields, field in (
        ({"capacity": 1}, "capacity"),  # two are registered
        ({"title": "x\x00"}, "title"),
        ({"title": "x" * 1_000_000}, "title"),
        ({"ends": session.starts - datetime.timedelta(hours=1)}, "ends"),
        ({"place": "", "online": False}, "place"),
    ):
        with pytest.raises(ValidationError) as error:
            services.trainer_session_update(
                session=TrainerSession.objects.get(pk=session.pk),
                actor=admin,
                expected_version=1,
                **fields,
            )
        assert field in error.value.message_dict, fields
    with pytest.raises(ValidationError):  # the organiser cannot change who organises it
        services.trainer_session_update(
            session=session, actor=admin, expected_version=1, university=world.other_university
        )
    past = move_to_past(make_session(world))
    with pytest.raises(ValidationError):
        services.trainer_session_update(session=past, actor=admin, expected_version=1, title="Y")
    assert TrainerSession.objects.get(pk=session.pk).version == 1


def test_a_cancelled_session_tells_the_registrants_and_takes_no_registration(
    world, django_capture_on_commit_callbacks
):
    session = make_session(world)
    _registered(world, session)
    with django_capture_on_commit_callbacks(execute=True):
        services.trainer_session_cancel(
            session=session, actor=world.users["programme_admin"], expected_version=1
        )
    session.refresh_from_db()
    assert session.cancelled_on is not None and session.version == 2
    assert len(mail.outbox) == 2
    with pytest.raises(ValidationError):
        services.registration_create(session=session, actor=world.users["mentor"])
    with pytest.raises(ValidationError):  # once is enough
        services.trainer_session_cancel(
            session=session, actor=world.users["programme_admin"], expected_version=2
        )


def test_the_pages_change_and_cancel_a_session(client, world):
    session = make_session(world)
    _registered(world, session)
    client.force_login(world.users["programme_admin"])
    detail = client.get(f"/programme/sessions/{session.pk}/").content.decode()
    assert f"/programme/sessions/{session.pk}/edit/" in detail
    form = client.get(f"/programme/sessions/{session.pk}/edit/")
    assert form.status_code == 200 and 'name="version" value="1"' in form.content.decode()
    starts = session.starts + datetime.timedelta(days=1)
    data = {
        "title": "Feedback geven, deel 2",
        "theme": "feedback",
        "description": "",
        "starts": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends": (starts + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Gent",
        "points": "2.0",
        "capacity": "10",
        "version": "1",
    }
    response = client.post(f"/programme/sessions/{session.pk}/edit/", data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Feedback geven, deel 2" and session.version == 2
    stale = client.post(f"/programme/sessions/{session.pk}/edit/", data | {"title": "Oud"})
    assert stale.status_code == 200  # the form again, with the conflict
    assert TrainerSession.objects.get(pk=session.pk).title == "Feedback geven, deel 2"
    client.post(f"/programme/sessions/{session.pk}/cancel/", {"version": "2"})
    session.refresh_from_db()
    assert session.cancelled_on is not None
    client.force_login(world.users["stagemeester"])
    page = client.get(f"/programme/sessions/{session.pk}/").content.decode()
    assert "Geannuleerd" in page or "Cancelled" in page
    assert f"/programme/sessions/{session.pk}/register/" not in page


def test_the_api_changes_and_cancels_with_the_version(client, world):
    session = make_session(world)
    _registered(world, session)
    client.force_login(world.users["programme_admin"])
    url = f"/api/v1/programme/sessions/{session.pk}"
    assert client.patch(url, {"title": "X"}, content_type="application/json").status_code == 428
    changed = client.patch(url, {"title": "Nieuw", "version": 1}, content_type="application/json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "Nieuw" and changed.json()["version"] == 2
    stale = client.patch(url, {"title": "Oud", "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    bad = client.patch(url, {"title": "a\x00b", "version": 2}, content_type="application/json")
    assert bad.status_code == 400
    cancelled = client.post(
        f"{url}/cancel", {}, content_type="application/json", HTTP_IF_MATCH='"2"'
    )
    assert cancelled.status_code == 200 and cancelled.json()["cancelled_on"]
    client.force_login(world.users["stagemeester"])
    assert (
        client.post(f"{url}/cancel", {"version": 3}, content_type="application/json").status_code
        == 403
    )


def test_a_cancelled_session_sends_no_reminder_and_is_cancelled_in_the_calendar(world, client):
    from django.utils import timezone

    session = make_session(world, days=1)
    _registered(world, session)
    services.trainer_session_cancel(
        session=session, actor=world.users["programme_admin"], expected_version=1
    )
    mail.outbox.clear()
    assert services.session_reminders_send(today=timezone.localdate()) == 0
    client.force_login(world.users["stagemeester"])
    ics = client.get("/programme/calendar.ics").content.decode()
    assert "STATUS:CANCELLED" in ics and "SEQUENCE:1" in ics
