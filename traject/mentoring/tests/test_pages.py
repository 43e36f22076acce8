import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from traject.mentoring import selectors
from traject.mentoring.models import (
    MAX_GROUP_SIZE,
    Attendance,
    ConfidentialNote,
    GroupSession,
    IntervisionNote,
    MentorGroup,
    MentorGroupMembership,
    NoteShare,
    Referral,
)
from traject.testing import factories as f

pytestmark = pytest.mark.django_db


def _login(client, world, persona):
    client.force_login(world.users[persona])
    return client


def test_an_administrator_creates_a_group_and_adds_and_removes_an_aso(client, world):
    _login(client, world, "programme_admin")
    response = client.post(
        reverse("mentoring:group_create"),
        {
            "name": "Mentorgroep B",
            "mentor": world.users["mentor"].email,
            "university": world.university.pk,
            "start_year": 2026,
        },
    )
    group = MentorGroup.objects.get(name="Mentorgroep B")
    assert response.status_code == 302
    response = client.post(
        reverse("mentoring:group_add_trainee", args=[group.pk]), {"trainee": world.other_trainee.pk}
    )
    assert response.status_code == 302
    membership = MentorGroupMembership.objects.get(trainee=world.other_trainee)
    assert membership.group == group
    page = client.get(reverse("mentoring:group_detail", args=[group.pk])).content.decode()
    assert str(world.other_trainee) in page
    client.post(reverse("mentoring:group_remove_trainee", args=[group.pk, membership.pk]))
    assert not MentorGroupMembership.objects.filter(pk=membership.pk).exists()
    listing = client.get(reverse("mentoring:group_list")).content.decode()
    assert "Mentorgroep B" in listing and "Mentorgroep A" in listing


def test_a_ninth_aso_is_refused_on_the_page_with_a_clear_message(client, world):
    group = world.mentor_group
    for _ in range(MAX_GROUP_SIZE - 1):
        MentorGroupMembership.objects.create(
            group=group, trainee=f.TraineeFactory(university=world.university)
        )
    _login(client, world, "programme_admin")
    response = client.post(
        reverse("mentoring:group_add_trainee", args=[group.pk]),
        {"trainee": world.other_trainee.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    # The page speaks the administrator's language: Dutch by default.
    assert "een mentor begeleidt er maximaal 8" in response.content.decode()
    assert group.memberships.count() == MAX_GROUP_SIZE


def test_an_administrator_edits_a_group_and_a_stale_edit_is_refused(client, world):
    _login(client, world, "programme_admin")
    group = world.mentor_group
    data = {
        "name": "Nieuwe naam",
        "mentor": world.users["mentor"].email,
        "university": world.university.pk,
        "start_year": 2023,
        "version": group.version,
    }
    assert client.post(reverse("mentoring:group_edit", args=[group.pk]), data).status_code == 302
    stale = client.post(reverse("mentoring:group_edit", args=[group.pk]), {**data, "name": "Oud"})
    assert stale.status_code == 200
    group.refresh_from_db()
    assert group.name == "Nieuwe naam"


def test_the_mentor_schedules_a_session_records_attendance_and_keeps_group_notes(client, world):
    _login(client, world, "mentor")
    theme = selectors.themes_for(world.university).get(training_year=1, position=1)
    when = timezone.localtime() + datetime.timedelta(days=3)
    response = client.post(
        reverse("mentoring:session_create", args=[world.mentor_group.pk]),
        {"theme": theme.pk, "starts_at": when.strftime("%Y-%m-%dT%H:%M"), "place": "Lokaal 2"},
    )
    session = GroupSession.objects.get()
    assert response.status_code == 302 and session.theme == theme
    client.post(
        reverse("mentoring:session_attendance", args=[session.pk]),
        {f"trainee_{world.trainee.pk}": "excused"},
    )
    assert Attendance.objects.get().status == "excused"
    client.post(
        reverse("mentoring:intervision_create", args=[session.pk]),
        {
            "situation": "Een moeilijk gesprek",
            "question": "Hoe?",
            "reflections": "",
            "agreements": "",
        },
    )
    assert IntervisionNote.objects.get().situation == "Een moeilijk gesprek"
    dashboard = client.get(reverse("mentoring:dashboard")).content.decode()
    assert "Lokaal 2" in dashboard
    # A member reads the session; an administrator of the university does not sit in.
    _login(client, world, "aso")
    assert (
        "Een moeilijk gesprek"
        in client.get(reverse("mentoring:session_detail", args=[session.pk])).content.decode()
    )
    _login(client, world, "programme_admin")
    assert client.get(reverse("mentoring:session_detail", args=[session.pk])).status_code == 403


def test_the_aso_shares_one_note_and_the_stagemeester_reads_that_note_only(client, world, note):
    other = ConfidentialNote.objects.create(
        trainee=world.trainee, mentor=world.users["mentor"], held_on="2026-10-01", text="Privé"
    )
    _login(client, world, "stagemeester")
    assert client.get(reverse("mentoring:note_detail", args=[note.pk])).status_code == 404
    _login(client, world, "aso")
    form = client.get(reverse("mentoring:note_share", args=[note.pk])).content.decode()
    assert world.users["stagemeester"].last_name in form
    assert world.users["other_stagemeester"].email not in form
    asked = client.post(
        reverse("mentoring:note_share", args=[note.pk]),
        {"recipient": world.users["stagemeester"].pk},
    ).content.decode()
    # First the page that says with whom, and that the share can be withdrawn; nothing shared yet.
    assert not NoteShare.objects.exists()
    assert world.users["stagemeester"].get_full_name() in asked and "intrekken" in asked
    client.post(
        reverse("mentoring:note_share", args=[note.pk]),
        {"recipient": world.users["stagemeester"].pk, "confirmed": "1"},
    )
    share = NoteShare.objects.get()
    _login(client, world, "stagemeester")
    assert (
        "nachtdiensten"
        in client.get(reverse("mentoring:note_detail", args=[note.pk])).content.decode()
    )
    assert client.get(reverse("mentoring:note_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("mentoring:note_edit", args=[note.pk])).status_code == 403
    listing = client.get(reverse("mentoring:shared_with_me")).content.decode()
    assert listing.count(reverse("mentoring:note_detail", args=[note.pk])) == 1
    assert reverse("mentoring:note_detail", args=[other.pk]) not in listing
    _login(client, world, "aso")
    client.post(reverse("mentoring:share_withdraw", args=[share.pk]))
    _login(client, world, "stagemeester")
    assert client.get(reverse("mentoring:note_detail", args=[note.pk])).status_code == 404


def test_the_mentor_cannot_share_the_asos_note(client, world, note):
    _login(client, world, "mentor")
    response = client.post(
        reverse("mentoring:note_share", args=[note.pk]),
        {"recipient": world.users["stagemeester"].pk, "confirmed": "1"},
    )
    assert response.status_code == 403
    assert not NoteShare.objects.exists()


def test_the_mentor_agrees_a_deadline_and_refers_on_the_follow_up_page(client, world):
    _login(client, world, "mentor")
    today = timezone.localdate()
    client.post(
        reverse("mentoring:deadline_create", args=[world.trainee.pk]),
        {"description": "Eerste versie", "due_on": str(today - datetime.timedelta(days=1))},
    )
    client.post(
        reverse("mentoring:referral_create", args=[world.trainee.pk]),
        {
            "referred_to": "Bedrijfsarts",
            "reason": "Slaap",
            "referred_on": str(today - datetime.timedelta(days=30)),
            "follow_up_on": str(today),
        },
    )
    assert Referral.objects.get().mentor == world.users["mentor"]
    page = client.get(reverse("mentoring:trainee_detail", args=[world.trainee.pk])).content.decode()
    assert "Eerste versie" in page and "Bedrijfsarts" in page
    dashboard = client.get(reverse("mentoring:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    overview = dashboard.context["overview"][0]["members"][0]
    assert overview["overdue_deadlines"] and overview["referrals_to_follow_up"]


def test_the_django_admin_shows_no_note_texts(admin_client, world, note):
    from django.contrib import admin

    registered = {model._meta.label for model in admin.site._registry}
    for label in ("ConfidentialNote", "NoteShare", "IntervisionNote", "Referral"):
        assert f"mentoring.{label}" not in registered
    IntervisionNote.objects.create(
        session=GroupSession.objects.create(
            group=world.mentor_group, starts_at=timezone.now(), place="Zaal"
        ),
        situation="Groepsgeheim",
    )
    pages = [
        reverse("admin:mentoring_mentorgroup_change", args=[world.mentor_group.pk]),
        reverse("admin:mentoring_groupsession_changelist"),
        reverse("admin:mentoring_groupsession_change", args=[GroupSession.objects.get().pk]),
        reverse("admin:index"),
    ]
    for url in pages:
        body = admin_client.get(url).content.decode()
        assert "nachtdiensten" not in body and "Groepsgeheim" not in body, url


def test_the_aso_sees_their_own_group_and_mentor(client, world):
    _login(client, world, "aso")
    page = client.get(reverse("mentoring:my_group")).content.decode()
    assert "Mentorgroep A" in page and world.users["mentor"].email in page
    _login(client, world, "other_aso")
    assert client.get(reverse("mentoring:my_group")).status_code == 200


def test_the_dashboard_shows_the_mentor_section_and_the_shared_notes(client, world, note):
    _login(client, world, "mentor")
    assert reverse("mentoring:dashboard") in client.get(reverse("core:dashboard")).content.decode()
    NoteShare.objects.create(note=note, recipient=world.users["stagemeester"])
    _login(client, world, "stagemeester")
    assert (
        reverse("mentoring:shared_with_me")
        in client.get(reverse("core:dashboard")).content.decode()
    )


def test_an_administrator_adapts_the_session_plan_through_the_pages(client, world):
    _login(client, world, "programme_admin")
    client.post(reverse("mentoring:plan_adapt", args=[world.university.pk]))
    theme = selectors.themes_for(world.university).get(training_year=2, position=2)
    response = client.post(
        reverse("mentoring:theme_edit", args=[theme.pk]),
        {
            "training_year": 2,
            "position": 2,
            "title": "Feedback geven en ontvangen",
            "title_fr": "",
            "title_en": "",
            "description": "",
            "version": theme.version,
        },
    )
    assert response.status_code == 302
    assert "Feedback geven en ontvangen" in client.get(reverse("mentoring:plan")).content.decode()


def test_the_mentor_is_chosen_by_e_mail_address_whatever_its_case(client, world):
    _login(client, world, "programme_admin")
    data = {"name": "Mentorgroep C", "university": world.university.pk, "start_year": 2026}
    unknown = client.post(
        reverse("mentoring:group_create"), {**data, "mentor": "niemand@example.test"}
    )
    assert unknown.status_code == 200
    assert "Geen actief Traject-account" in unknown.content.decode()
    assert not MentorGroup.objects.filter(name="Mentorgroep C").exists()
    known = client.post(
        reverse("mentoring:group_create"), {**data, "mentor": world.users["mentor"].email.upper()}
    )
    assert known.status_code == 302
    assert MentorGroup.objects.get(name="Mentorgroep C").mentor == world.users["mentor"]
