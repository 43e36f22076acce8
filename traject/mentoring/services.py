"""Writes for mentoring: groups, the session plan, sessions, notes, deadlines, referrals."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.accounts.roles import forget_roles
from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import delete_versioned, save_versioned
from traject.core.notifications import notify
from traject.organisation.eligibility import assessor_conflicts, ensure_eligible, mentor_problems

from . import permissions, selectors
from .models import (
    MAX_GROUP_SIZE,
    AgreedDeadline,
    Attendance,
    ConfidentialNote,
    GroupSession,
    IntervisionNote,
    MentorGroup,
    MentorGroupMembership,
    NoteShare,
    Referral,
    SessionTheme,
)


def mentor_group_save(*, group: MentorGroup, actor, expected_version=None) -> MentorGroup:
    """Create or change a mentor group."""
    if not permissions.can_manage_mentor_groups(actor) or (
        group.university_id and not permissions.can_manage_mentor_group(actor, group)
    ):
        raise PermissionDenied
    created = group.pk is None
    previous_mentor_id = None
    if not created:
        previous_mentor_id = (
            MentorGroup.objects.filter(pk=group.pk).values_list("mentor_id", flat=True).first()
        )
    if created or previous_mentor_id != group.mentor_id:
        members = (
            [m.trainee for m in group.memberships.select_related("trainee__user")]
            if group.pk
            else []
        )
        ensure_eligible(mentor_problems(group.mentor, members, actor=actor), "mentor")
    with transaction.atomic():
        save_versioned(group, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=group,
        )
    forget_roles(group.mentor)
    return group


def mentor_group_add_trainee(*, group: MentorGroup, trainee, actor) -> MentorGroupMembership:
    """Add an ASO to a mentor group; a ninth member is refused."""
    if not permissions.can_manage_mentor_group(actor, group):
        raise PermissionDenied
    with transaction.atomic():
        # Lock the group row so two simultaneous additions cannot both take the eighth place.
        locked = MentorGroup.objects.select_for_update().get(pk=group.pk)
        existing = (
            MentorGroupMembership.objects.filter(trainee=trainee).select_related("group").first()
        )
        if existing is not None:
            if existing.group_id == locked.pk:
                raise ValidationError(
                    _("%(trainee)s is already in this group.") % {"trainee": trainee}
                )
            raise ValidationError(
                _("%(trainee)s already belongs to mentor group %(group)s.")
                % {"trainee": trainee, "group": existing.group}
            )
        size = locked.memberships.count()
        if size >= MAX_GROUP_SIZE:
            raise ValidationError(
                _(
                    "Mentor group %(group)s already has %(size)d ASO; a mentor accompanies at most %(max)d."
                )
                % {"group": locked, "size": size, "max": MAX_GROUP_SIZE},
                code="group_full",
            )
        ensure_eligible(assessor_conflicts(locked.mentor, [trainee]), "trainee")
        membership = MentorGroupMembership.objects.create(group=locked, trainee=trainee)
        audit_record(
            actor=actor, action=AuditEvent.Action.CREATE, target=membership, subject=trainee.user
        )
    return membership


def mentor_group_remove_trainee(*, membership: MentorGroupMembership, actor) -> None:
    """Take an ASO out of a mentor group."""
    if not permissions.can_manage_mentor_group(actor, membership.group):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            target=membership,
            subject=membership.trainee.user,
        )
        membership.delete()


# The group-session plan -------------------------------------------------------------------


def session_plan_adapt(*, university, actor) -> list[SessionTheme]:
    """Give a university its own copy of the default plan, to adapt."""
    if not permissions.can_manage_session_plan(actor, university.pk):
        raise PermissionDenied
    with transaction.atomic():
        if SessionTheme.objects.filter(university=university).exists():
            raise ValidationError(
                _("%(university)s already has its own plan.") % {"university": university}
            )
        themes = [
            SessionTheme(
                university=university,
                training_year=theme.training_year,
                position=theme.position,
                title=theme.title,
                title_fr=theme.title_fr,
                title_en=theme.title_en,
                description=theme.description,
            )
            for theme in SessionTheme.objects.filter(university__isnull=True)
        ]
        for theme in themes:
            theme.full_clean()
            theme.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=university,
            summary="adapted the mentoring session plan",
        )
    return themes


def session_theme_save(*, theme: SessionTheme, actor, expected_version=None) -> SessionTheme:
    """Create or change a theme of a university's plan."""
    if not permissions.can_manage_session_plan(actor, theme.university_id):
        raise PermissionDenied
    created = theme.pk is None
    with transaction.atomic():
        save_versioned(theme, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=theme,
        )
    return theme


def session_theme_delete(*, theme: SessionTheme, actor, expected_version: int) -> None:
    """Remove a theme from a university's plan (sessions keep their date and place); refused
    (409) when it changed since the administrator saw it."""
    if not permissions.can_manage_session_plan(actor, theme.university_id):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, target=theme)
        delete_versioned(theme, expected_version=expected_version)


# Sessions, attendance and intervision notes ---------------------------------------------


def group_session_save(*, session: GroupSession, actor, expected_version=None) -> GroupSession:
    """Schedule or change a group session (the group's mentor only)."""
    if not permissions.can_manage_session(actor, session.group):
        raise PermissionDenied
    if session.theme_id is not None and session.theme not in selectors.themes_for(
        session.group.university
    ):
        raise ValidationError({"theme": _("Choose a theme of this group's session plan.")})
    created = session.pk is None
    if created:
        session.created_by = actor
    with transaction.atomic():
        save_versioned(session, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=session,
        )
    return session


def group_session_delete(*, session: GroupSession, actor, expected_version: int) -> None:
    """Cancel a session (refused, 409, when it changed since the mentor saw it)."""
    if not permissions.can_manage_session(actor, session):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, target=session)
        delete_versioned(session, expected_version=expected_version)


def attendance_record(*, session: GroupSession, statuses: dict, actor) -> list[Attendance]:
    """Record who attended: ``statuses`` maps a member's Trainee pk to an Attendance status."""
    if not permissions.can_manage_session(actor, session):
        raise PermissionDenied
    members = {m.trainee_id: m.trainee for m in session.group.memberships.select_related("trainee")}
    valid = set(Attendance.Status.values)
    errors = []
    for trainee_id, status in statuses.items():
        if int(trainee_id) not in members:
            errors.append(_("ASO %(id)s is not a member of this group.") % {"id": trainee_id})
        elif status not in valid:
            errors.append(_("%(status)s is not a valid attendance.") % {"status": status})
    if errors:
        raise ValidationError(errors)
    rows = []
    with transaction.atomic():
        for trainee_id, status in statuses.items():
            row, _created = Attendance.objects.update_or_create(
                session=session, trainee_id=int(trainee_id), defaults={"status": status}
            )
            rows.append(row)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=session,
            summary=f"recorded attendance of {len(rows)} ASO",
        )
    return rows


def intervision_note_save(
    *, note: IntervisionNote, actor, expected_version=None
) -> IntervisionNote:
    """Write or change the group's intervision note (the mentor keeps them)."""
    if not permissions.can_manage_session(actor, note.session):
        raise PermissionDenied
    created = note.pk is None
    if created:
        note.author = actor
    with transaction.atomic():
        save_versioned(note, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=note,
        )
    return note


# Confidential one-to-one notes ------------------------------------------------------------


def confidential_note_save(
    *, note: ConfidentialNote, actor, expected_version=None
) -> ConfidentialNote:
    """Write or change a one-to-one note; the mentor and the ASO both may."""
    created = note.pk is None
    if created:
        if not permissions.can_follow_up(actor, note.trainee):
            raise PermissionDenied
        mentor = permissions.mentor_of(note.trainee)
        if mentor is None:
            raise ValidationError(_("This ASO has no mentor yet."))
        note.mentor = mentor
        note.author = actor
    elif not permissions.is_party_to_note(actor, note):
        raise PermissionDenied
    with transaction.atomic():
        save_versioned(note, expected_version=expected_version)
        # The audit row names the note, never its text.
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=note,
            subject=note.trainee.user,
        )
    return note


def note_share(*, note: ConfidentialNote, recipient, actor) -> NoteShare:
    """Record the ASO's consent to let one person read this one note."""
    if not permissions.can_share_note(actor, note):
        raise PermissionDenied
    if not permissions.share_recipients_for(note.trainee).filter(pk=recipient.pk).exists():
        raise ValidationError(
            {"recipient": _("You can share a note with your current stagemeesters only.")}
        )
    with transaction.atomic():
        if NoteShare.objects.filter(
            note=note, recipient=recipient, withdrawn_at__isnull=True
        ).exists():
            raise ValidationError(
                {
                    "recipient": _("This note is already shared with %(person)s.")
                    % {"person": recipient}
                }
            )
        share = NoteShare.objects.create(note=note, recipient=recipient, shared_by=actor)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=share,
            subject=note.trainee.user,
            summary=f"consent to share a mentoring note with {recipient}",
        )
        notify(
            user=recipient,
            subject_template="mentoring/email/note_shared_subject.txt",
            body_template="mentoring/email/note_shared_body.txt",
            context={
                "trainee_name": str(note.trainee),
                "path": reverse("mentoring:note_detail", args=[note.pk]),
            },
        )
    return share


def note_share_withdraw(*, share: NoteShare, actor) -> NoteShare:
    """Withdraw the consent: the recipient no longer sees the note."""
    if not permissions.can_share_note(actor, share.note):
        raise PermissionDenied
    if share.withdrawn_at is not None:
        return share
    with transaction.atomic():
        share.withdrawn_at = timezone.now()
        share.save(update_fields=["withdrawn_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=share,
            subject=share.note.trainee.user,
            summary="withdrew consent to share a mentoring note",
        )
    return share


# Follow-up: agreed deadlines and referrals ------------------------------------------------

DEADLINE_REMINDER_DAYS = 2
REMINDER_HOUR = 8


def _remind_at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(REMINDER_HOUR)))


def _schedule(task, when: datetime.datetime, **kwargs) -> None:
    """Queue a reminder for its moment once the transaction commits.

    With a backend that cannot defer tasks, the daily sweep (``traject mentoring_reminders``)
    sends it instead; the reminder services are idempotent, so both paths may run.
    """

    def enqueue():
        backend = task.get_backend()
        if when <= timezone.now():
            task.enqueue(**kwargs)
        elif backend.supports_defer:
            task.using(run_after=when).enqueue(**kwargs)

    transaction.on_commit(enqueue)


def agreed_deadline_save(
    *, deadline: AgreedDeadline, actor, expected_version=None
) -> AgreedDeadline:
    """Record or change an intermediate deadline; the ASO is reminded before it."""
    from .tasks import remind_agreed_deadline

    created = deadline.pk is None
    if created:
        if not permissions.can_follow_up(actor, deadline.trainee):
            raise PermissionDenied
        deadline.mentor = permissions.mentor_of(deadline.trainee)
        deadline.created_by = actor
    elif not (
        deadline.mentor_id == actor.pk or deadline.trainee.user_id == getattr(actor, "pk", None)
    ):
        raise PermissionDenied
    if deadline.todo_list_id is not None:
        todo = {row["list_id"]: row for row in selectors.todo_status(deadline.trainee)}.get(
            deadline.todo_list_id
        )
        if todo is None:
            raise ValidationError({"todo_list_id": _("This is not one of the ASO's to-do lists.")})
        deadline.course_label = str(todo.get("course", ""))[:200]
    with transaction.atomic():
        if not created:
            previous = AgreedDeadline.objects.get(pk=deadline.pk)
            if previous.due_on != deadline.due_on:
                deadline.reminder_sent_at = None
        save_versioned(deadline, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=deadline,
            subject=deadline.trainee.user,
        )
        if deadline.done_on is None:
            _schedule(
                remind_agreed_deadline,
                _remind_at(deadline.due_on - datetime.timedelta(days=DEADLINE_REMINDER_DAYS)),
                deadline_id=deadline.pk,
            )
    return deadline


def agreed_deadline_complete(*, deadline: AgreedDeadline, actor) -> AgreedDeadline:
    """Mark an agreed deadline as met."""
    if actor.pk not in (deadline.mentor_id, deadline.trainee.user_id):
        raise PermissionDenied
    with transaction.atomic():
        deadline.done_on = timezone.localdate()
        deadline.version += 1
        deadline.save(update_fields=["done_on", "version"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=deadline,
            subject=deadline.trainee.user,
            summary="agreed deadline met",
        )
    return deadline


def agreed_deadline_send_reminder(*, deadline: AgreedDeadline, today=None) -> bool:
    """Remind the ASO of an open deadline that is near; at most once per due date."""
    today = today or timezone.localdate()
    if deadline.done_on is not None or deadline.reminder_sent_at is not None:
        return False
    if deadline.due_on - datetime.timedelta(days=DEADLINE_REMINDER_DAYS) > today:
        return False
    with transaction.atomic():
        updated = AgreedDeadline.objects.filter(
            pk=deadline.pk, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=timezone.now())
        if not updated:
            return False
        notify(
            user=deadline.trainee.user,
            subject_template="mentoring/email/deadline_reminder_subject.txt",
            body_template="mentoring/email/deadline_reminder_body.txt",
            context={
                "description": deadline.description,
                "course": deadline.course_label,
                "due_on": deadline.due_on.isoformat(),
                "path": reverse("mentoring:trainee_detail", args=[deadline.trainee_id]),
            },
        )
    return True


def referral_save(*, referral: Referral, actor, expected_version=None) -> Referral:
    """Add a referral to the register or record its follow-up and outcome."""
    from .tasks import remind_referral_follow_up

    created = referral.pk is None
    if created:
        if not permissions.can_refer(actor, referral.trainee):
            raise PermissionDenied
        referral.mentor = actor
    elif not permissions.can_manage_referral(actor, referral):
        raise PermissionDenied
    with transaction.atomic():
        if not created:
            previous = Referral.objects.get(pk=referral.pk)
            if previous.follow_up_on != referral.follow_up_on:
                referral.reminder_sent_at = None
        save_versioned(referral, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=referral,
            subject=referral.trainee.user,
        )
        if referral.closed_on is None:
            _schedule(
                remind_referral_follow_up,
                _remind_at(referral.follow_up_on),
                referral_id=referral.pk,
            )
    return referral


def referral_send_reminder(*, referral: Referral, today=None) -> bool:
    """Remind the mentor to follow up an open referral on its follow-up date; once."""
    today = today or timezone.localdate()
    if referral.closed_on is not None or referral.reminder_sent_at is not None:
        return False
    if referral.follow_up_on > today:
        return False
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=timezone.now()
        )
        if not updated:
            return False
        # The e-mail names the ASO and links to the register; never to whom or why.
        notify(
            user=referral.mentor,
            subject_template="mentoring/email/referral_follow_up_subject.txt",
            body_template="mentoring/email/referral_follow_up_body.txt",
            context={
                "trainee_name": str(referral.trainee),
                "follow_up_on": referral.follow_up_on.isoformat(),
                "path": reverse("mentoring:trainee_detail", args=[referral.trainee_id]),
            },
        )
    return True


def send_due_reminders(*, today=None) -> int:
    """Send every reminder that is due and not yet sent (the daily sweep)."""
    today = today or timezone.localdate()
    sent = 0
    horizon = today + datetime.timedelta(days=DEADLINE_REMINDER_DAYS)
    for deadline in AgreedDeadline.objects.filter(
        done_on__isnull=True, reminder_sent_at__isnull=True, due_on__lte=horizon
    ).select_related("trainee__user"):
        sent += agreed_deadline_send_reminder(deadline=deadline, today=today)
    for referral in Referral.objects.filter(
        closed_on__isnull=True, reminder_sent_at__isnull=True, follow_up_on__lte=today
    ).select_related("mentor", "trainee__user"):
        sent += referral_send_reminder(referral=referral, today=today)
    return sent
