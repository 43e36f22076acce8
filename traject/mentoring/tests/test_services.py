import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from traject.mentoring import selectors, services
from traject.mentoring.models import (
    MAX_GROUP_SIZE,
    AgreedDeadline,
    Attendance,
    ConfidentialNote,
    GroupSession,
    MentorGroupMembership,
    NoteShare,
    Referral,
    SessionTheme,
)
from traject.mentoring.permissions import notes_visible_to
from traject.testing import factories as f

pytestmark = pytest.mark.django_db


def test_the_default_plan_has_the_yearly_themes_of_the_programme():
    themes = selectors.themes_for(None)
    by_year = {year: [t.title_en for t in items] for year, items in selectors.plan_by_year(themes)}
    assert by_year[1] == [
        "Getting to know each other, confidentiality and expectations",
        "Dealing with stress",
    ]
    assert by_year[2] == ["Uncertainty", "Feedback"]
    assert by_year[3] == ["Conflict", "Time"]
    assert by_year[4] == ["Grief and loss", "Work-life balance"]


def test_an_administrator_adapts_the_plan_of_their_university_only(world):
    admin = world.users["programme_admin"]
    themes = services.session_plan_adapt(university=world.university, actor=admin)
    assert len(themes) == 8
    theme = themes[0]
    theme.title = "Kennismaking"
    services.session_theme_save(theme=theme, actor=admin, expected_version=theme.version)
    assert selectors.themes_for(world.university).first().title == "Kennismaking"
    assert selectors.themes_for(world.other_university).first().title.startswith("Kennismaking,")
    with pytest.raises(PermissionDenied):
        services.session_plan_adapt(university=world.other_university, actor=admin)
    with pytest.raises(PermissionDenied):
        services.session_plan_adapt(university=world.university, actor=world.users["mentor"])


def test_a_ninth_aso_is_refused_with_a_clear_message(world):
    admin = world.users["programme_admin"]
    for _ in range(MAX_GROUP_SIZE - 1):
        trainee = f.TraineeFactory(university=world.university)
        services.mentor_group_add_trainee(group=world.mentor_group, trainee=trainee, actor=admin)
    with translation.override("en"), pytest.raises(ValidationError, match="at most 8"):
        services.mentor_group_add_trainee(
            group=world.mentor_group, trainee=world.other_trainee, actor=admin
        )
    assert world.mentor_group.memberships.count() == MAX_GROUP_SIZE


def _session(world, **kwargs):
    theme = selectors.themes_for(world.university).get(training_year=1, position=1)
    session = GroupSession(
        group=world.mentor_group,
        theme=theme,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Zaal 1",
        **kwargs,
    )
    return services.group_session_save(session=session, actor=world.users["mentor"])


def test_only_the_groups_mentor_schedules_sessions_and_records_attendance(world):
    session = _session(world)
    services.attendance_record(
        session=session, statuses={world.trainee.pk: "present"}, actor=world.users["mentor"]
    )
    assert Attendance.objects.get(session=session).status == "present"
    for persona in ("programme_admin", "aso", "stagemeester"):
        with pytest.raises(PermissionDenied):
            services.attendance_record(
                session=session, statuses={world.trainee.pk: "absent"}, actor=world.users[persona]
            )


def test_attendance_of_someone_outside_the_group_is_refused(world):
    session = _session(world)
    with pytest.raises(ValidationError):
        services.attendance_record(
            session=session,
            statuses={world.other_trainee.pk: "present"},
            actor=world.users["mentor"],
        )
    with pytest.raises(ValidationError):
        services.attendance_record(
            session=session, statuses={world.trainee.pk: "maybe"}, actor=world.users["mentor"]
        )


def test_a_theme_from_another_universitys_plan_is_refused(world):
    other_plan = services.session_plan_adapt(
        university=world.other_university,
        actor=f.ProgrammeAdministratorFactory(university=world.other_university).user,
    )
    session = GroupSession(
        group=world.mentor_group,
        theme=other_plan[0],
        starts_at=timezone.now(),
        place="Zaal 1",
    )
    with pytest.raises(ValidationError):
        services.group_session_save(session=session, actor=world.users["mentor"])


def test_the_mentor_and_the_aso_both_write_notes_and_nobody_else_sees_them(world):
    note = services.confidential_note_save(
        note=ConfidentialNote(trainee=world.trainee, held_on=timezone.localdate(), text="x"),
        actor=world.users["aso"],
    )
    assert note.mentor == world.users["mentor"]
    for persona in ("aso", "mentor"):
        assert list(notes_visible_to(world.users[persona])) == [note]
    for persona in (
        "other_aso",
        "stagemeester",
        "coordinator",
        "titularis",
        "programme_admin",
        "ministry",
        "other_stagemeester",
    ):
        assert not notes_visible_to(world.users[persona]).exists(), persona
    with pytest.raises(PermissionDenied):
        services.confidential_note_save(
            note=ConfidentialNote(trainee=world.trainee, held_on=timezone.localdate(), text="x"),
            actor=world.users["stagemeester"],
        )


def test_the_audit_log_never_holds_the_text_of_a_note(world):
    from traject.audit.models import AuditEvent

    services.confidential_note_save(
        note=ConfidentialNote(
            trainee=world.trainee, held_on=timezone.localdate(), text="Burn-out signalen"
        ),
        actor=world.users["mentor"],
    )
    for event in AuditEvent.objects.all():
        assert "Burn-out" not in f"{event.object_label} {event.summary}"


def test_sharing_needs_the_asos_consent_and_reaches_only_that_note(
    world, note, django_capture_on_commit_callbacks
):
    other_note = ConfidentialNote.objects.create(
        trainee=world.trainee, mentor=world.users["mentor"], held_on="2026-10-01", text="ander"
    )
    stagemeester = world.users["stagemeester"]
    with pytest.raises(PermissionDenied):
        services.note_share(note=note, recipient=stagemeester, actor=world.users["mentor"])
    with django_capture_on_commit_callbacks(execute=True):
        share = services.note_share(note=note, recipient=stagemeester, actor=world.users["aso"])
    assert share.shared_at is not None and share.recipient == stagemeester
    assert list(notes_visible_to(stagemeester)) == [note]
    assert other_note not in notes_visible_to(stagemeester)
    assert len(mail.outbox) == 1 and note.text not in mail.outbox[0].body
    services.note_share_withdraw(share=share, actor=world.users["aso"])
    assert not notes_visible_to(stagemeester).exists()
    assert NoteShare.objects.get(pk=share.pk).withdrawn_at is not None


def test_a_note_is_shared_only_with_a_current_stagemeester(world, note):
    with pytest.raises(ValidationError):
        services.note_share(
            note=note, recipient=world.users["other_stagemeester"], actor=world.users["aso"]
        )
    with pytest.raises(ValidationError):
        services.note_share(
            note=note, recipient=world.users["programme_admin"], actor=world.users["aso"]
        )


def test_a_note_cannot_be_shared_twice_with_the_same_person_while_shared(world, note):
    services.note_share(note=note, recipient=world.users["stagemeester"], actor=world.users["aso"])
    with pytest.raises(ValidationError):
        services.note_share(
            note=note, recipient=world.users["stagemeester"], actor=world.users["aso"]
        )


def test_an_agreed_deadline_reminds_the_aso_two_days_before_and_only_once(
    world, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    deadline = services.agreed_deadline_save(
        deadline=AgreedDeadline(
            trainee=world.trainee, description="Eerste helft", due_on=today + datetime.timedelta(5)
        ),
        actor=world.users["mentor"],
    )
    assert deadline.mentor == world.users["mentor"]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders(today=today) == 0
        assert services.send_due_reminders(today=today + datetime.timedelta(3)) == 1
        assert services.send_due_reminders(today=today + datetime.timedelta(4)) == 0
    assert mail.outbox[-1].to == [world.users["aso"].email]
    assert "Eerste helft" in mail.outbox[-1].body


def test_a_reminder_is_scheduled_on_the_task_queue_when_the_backend_can_defer(
    world, settings, django_capture_on_commit_callbacks
):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    due = timezone.localdate() + datetime.timedelta(10)
    with django_capture_on_commit_callbacks(execute=True):
        services.agreed_deadline_save(
            deadline=AgreedDeadline(trainee=world.trainee, description="Klaar", due_on=due),
            actor=world.users["aso"],
        )
    results = task_backends["default"].results
    assert len(results) == 1
    assert results[0].task.name == "remind_agreed_deadline"
    assert timezone.localdate(results[0].task.run_after) == due - datetime.timedelta(2)


def test_a_referral_reminds_the_mentor_at_the_follow_up_date(
    world, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    referral = services.referral_save(
        referral=Referral(
            trainee=world.trainee,
            referred_to="Huisarts",
            reason="Vermoeidheid",
            referred_on=today,
            follow_up_on=today + datetime.timedelta(14),
        ),
        actor=world.users["mentor"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders(today=today + datetime.timedelta(13)) == 0
        assert services.send_due_reminders(today=today + datetime.timedelta(14)) == 1
    message = mail.outbox[-1]
    assert message.to == [world.users["mentor"].email]
    assert "Vermoeidheid" not in message.body and "Huisarts" not in message.body
    referral.closed_on = today
    referral.outcome = "Gaat beter"
    services.referral_save(referral=referral, actor=world.users["mentor"])
    with pytest.raises(PermissionDenied):
        services.referral_save(referral=referral, actor=world.users["aso"])


def test_only_the_current_mentor_refers(world):
    for persona in ("aso", "stagemeester", "programme_admin"):
        with pytest.raises(PermissionDenied):
            services.referral_save(
                referral=Referral(
                    trainee=world.trainee,
                    referred_to="a",
                    reason="b",
                    referred_on="2026-01-01",
                    follow_up_on="2026-02-01",
                ),
                actor=world.users[persona],
            )


def test_a_former_mentor_no_longer_reads_the_notes_unless_the_aso_shares_them(world, note):
    services.mentor_group_remove_trainee(
        membership=MentorGroupMembership.objects.get(trainee=world.trainee),
        actor=world.users["programme_admin"],
    )
    assert note not in notes_visible_to(world.users["mentor"])
    assert note in notes_visible_to(world.users["aso"])  # the ASO keeps them
    assert SessionTheme.objects.filter(university__isnull=True).count() == 8
