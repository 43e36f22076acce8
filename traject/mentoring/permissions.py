"""Who may see or change what in mentoring. Deny by default.

The mentor is a confidant, not an assessor: nothing here lets a mentor assess. One-to-one
notes are visible to their mentor and their ASO only, and to a person the ASO shared that one
note with (until the ASO withdraws the consent). Programme administrators manage groups and
the session plan but never read notes, intervision notes or referrals.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from traject.core.permissions import ensure, get_scoped_or_404, is_authenticated
from traject.organisation.models import Stage, Trainee
from traject.organisation.permissions import admin_university_ids, is_programme_admin

from .models import (
    AgreedDeadline,
    ConfidentialNote,
    GroupSession,
    IntervisionNote,
    MentorGroup,
    MentorGroupMembership,
    Referral,
    SessionTheme,
)

_authenticated = is_authenticated


# Groups -----------------------------------------------------------------------------------


def mentor_groups_visible_to(user) -> QuerySet[MentorGroup]:
    """The mentor's own groups, the ASO's own group, and groups of the administrator's universities."""
    if not _authenticated(user):
        return MentorGroup.objects.none()
    q = Q(mentor=user) | Q(memberships__trainee__user=user)
    if is_programme_admin(user):
        q |= Q(university_id__in=_admin_universities(user))
    return MentorGroup.objects.filter(q).distinct()


def _admin_universities(user):
    return admin_university_ids(user)


def can_manage_mentor_groups(user) -> bool:
    """Programme administrators form mentor groups."""
    return is_programme_admin(user)


def can_manage_mentor_group(user, group: MentorGroup) -> bool:
    """A programme administrator of the group's university changes its members."""
    return is_programme_admin(user) and group.university_id in admin_university_ids(user)


def is_mentor_of_group(user, group: MentorGroup) -> bool:
    return _authenticated(user) and group.mentor_id == user.pk


def is_member_of_group(user, group: MentorGroup) -> bool:
    return (
        _authenticated(user)
        and MentorGroupMembership.objects.filter(group=group, trainee__user=user).exists()
    )


def is_mentor(user) -> bool:
    return _authenticated(user) and MentorGroup.objects.filter(mentor=user).exists()


# Session plan -----------------------------------------------------------------------------


def can_manage_session_plan(user, university_id: int | None) -> bool:
    """A programme administrator adapts the plan of their own university (never the default)."""
    return (
        university_id is not None
        and is_programme_admin(user)
        and university_id in admin_university_ids(user)
    )


def themes_editable_by(user) -> QuerySet[SessionTheme]:
    if not is_programme_admin(user):
        return SessionTheme.objects.none()
    return SessionTheme.objects.filter(university_id__in=_admin_universities(user))


# Sessions and intervision -----------------------------------------------------------------


def sessions_reachable_by(user) -> QuerySet[GroupSession]:
    """Sessions of the groups the user is related to (what is not here is a 404)."""
    return GroupSession.objects.filter(group__in=mentor_groups_visible_to(user))


def can_view_session(user, session: GroupSession) -> bool:
    """The mentor and the members; administrators plan groups but do not sit in."""
    return is_mentor_of_group(user, session.group) or is_member_of_group(user, session.group)


def can_manage_session(user, session_or_group) -> bool:
    """Only the group's mentor schedules sessions, records attendance and keeps group notes."""
    group = getattr(session_or_group, "group", session_or_group)
    return is_mentor_of_group(user, group)


def intervision_notes_visible_to(user) -> QuerySet[IntervisionNote]:
    if not _authenticated(user):
        return IntervisionNote.objects.none()
    return IntervisionNote.objects.filter(
        Q(session__group__mentor=user) | Q(session__group__memberships__trainee__user=user)
    ).distinct()


# One-to-one: the ASO and their mentor --------------------------------------------------------


def mentor_of(trainee: Trainee):
    """The current mentor of an ASO, or None."""
    membership = (
        MentorGroupMembership.objects.filter(trainee=trainee)
        .select_related("group__mentor")
        .first()
    )
    return membership.group.mentor if membership else None


def mentees_of(user) -> QuerySet[Trainee]:
    """The ASO this user currently mentors."""
    if not _authenticated(user):
        return Trainee.objects.none()
    return Trainee.objects.filter(mentor_membership__group__mentor=user)


def one_to_one_trainees(user) -> QuerySet[Trainee]:
    """ASO whose one-to-one page the user may open: their mentees, and themself if in a group."""
    if not _authenticated(user):
        return Trainee.objects.none()
    return Trainee.objects.filter(
        Q(mentor_membership__group__mentor=user) | Q(user=user, mentor_membership__isnull=False)
    ).distinct()


def can_follow_up(user, trainee: Trainee) -> bool:
    """The mentor and the ASO keep notes and agree deadlines together."""
    return one_to_one_trainees(user).filter(pk=trainee.pk).exists()


def is_current_mentor(user, trainee: Trainee) -> bool:
    return mentees_of(user).filter(pk=trainee.pk).exists()


def notes_visible_to(user) -> QuerySet[ConfidentialNote]:
    """Notes of the user as mentor or as ASO, and notes the ASO shared with the user."""
    if not _authenticated(user):
        return ConfidentialNote.objects.none()
    # The note's mentor reads it only while still the ASO's mentor: a former mentor (the group
    # got another mentor, or the ASO moved) reads it only when the ASO shares it.
    return ConfidentialNote.objects.filter(
        Q(mentor=user, trainee__mentor_membership__group__mentor=user)
        | Q(trainee__user=user)
        | Q(shares__recipient=user, shares__withdrawn_at__isnull=True)
    ).distinct()


def is_party_to_note(user, note: ConfidentialNote) -> bool:
    """The note's mentor and its ASO; a person it was shared with only reads."""
    if not _authenticated(user):
        return False
    if user.pk == note.trainee.user_id:
        return True
    return user.pk == note.mentor_id and is_current_mentor(user, note.trainee)


def can_share_note(user, note: ConfidentialNote) -> bool:
    """Only the ASO gives (and withdraws) consent to share a note."""
    return _authenticated(user) and note.trainee.user_id == user.pk


def share_recipients_for(trainee: Trainee):
    """The people the ASO may share a note with: the stagemeesters of their current stages."""
    from traject.accounts.models import User

    today = timezone.localdate()
    stagemeester_ids = Stage.objects.filter(
        trainee=trainee, start__lte=today, end__gte=today
    ).values("stagemeester_id")
    return User.objects.filter(pk__in=stagemeester_ids, is_active=True).order_by(
        "last_name", "first_name"
    )


def deadlines_visible_to(user) -> QuerySet[AgreedDeadline]:
    if not _authenticated(user):
        return AgreedDeadline.objects.none()
    return AgreedDeadline.objects.filter(Q(mentor=user) | Q(trainee__user=user))


def referrals_visible_to(user) -> QuerySet[Referral]:
    """The mentor who referred, and the ASO it concerns."""
    if not _authenticated(user):
        return Referral.objects.none()
    return Referral.objects.filter(Q(mentor=user) | Q(trainee__user=user))


def can_manage_referral(user, referral: Referral) -> bool:
    """The mentor keeps the referral register; the ASO reads it."""
    return _authenticated(user) and referral.mentor_id == user.pk


def can_refer(user, trainee: Trainee) -> bool:
    return is_current_mentor(user, trainee)


# Guards shared by the pages and the API: 404 without a relation, 403 without the right ------


def _audit(user, subject, target, summary: str = "") -> None:
    """Record the read of another person's mentoring data (one's own is not logged)."""
    from traject.audit.services import audit_read

    audit_read(actor=user, subject=subject, target=target, summary=summary)


def mentor(user):
    """Someone who mentors a group (403 otherwise)."""
    ensure(is_mentor(user))
    return user


def own_membership(user) -> tuple[Trainee, MentorGroupMembership | None]:
    """The signed-in ASO and their mentor group membership, if any (403 for anyone else)."""
    trainee = Trainee.objects.filter(user=user).first() if _authenticated(user) else None
    ensure(trainee is not None)
    membership = (
        MentorGroupMembership.objects.filter(trainee=trainee)
        .select_related("group__mentor")
        .first()
    )
    return trainee, membership


def group_manager(user):
    """A programme administrator, who forms mentor groups and keeps the plan (403 otherwise)."""
    ensure(can_manage_mentor_groups(user))
    return user


def admin_universities(user):
    """The universities of a programme administrator (403 for anyone else)."""
    from traject.organisation.models import University

    group_manager(user)
    return University.objects.filter(pk__in=_admin_universities(user))


def plan_university_for(user, pk):
    """A university whose session plan the administrator adapts (403 / 404)."""
    university = get_scoped_or_404(admin_universities(user), pk=pk)
    ensure(can_manage_session_plan(user, university.pk))
    return university


def new_group_university_for(user, pk):
    """The university of a new mentor group (API): 403 for non-administrators, 400 for an
    unknown university, 403 for another university."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from traject.organisation.models import University

    group_manager(user)
    university = University.objects.filter(pk=pk).first()
    if university is None:
        raise ValidationError({"university_id": [_("Unknown university.")]})
    ensure(can_manage_session_plan(user, university.pk))
    return university


def mentor_candidate(pk):
    """An active account named as a group's mentor (404 for an unknown one)."""
    from traject.accounts.models import User

    return get_scoped_or_404(User.objects.filter(is_active=True), pk=pk)


def theme_for(user, pk) -> SessionTheme:
    """A theme of a plan the administrator keeps (403 / 404)."""
    group_manager(user)
    return get_scoped_or_404(themes_editable_by(user), pk=pk)


def plan_themes(user, university_id=None):
    """The session plan of a university, or the default (reference data for signed-in users)."""
    from traject.organisation.models import University

    from .selectors import themes_for

    if not _authenticated(user):
        return SessionTheme.objects.none()
    university = University.objects.filter(pk=university_id).first() if university_id else None
    return themes_for(university)


def group_for(
    user, pk, *, for_manage: bool = False, for_sessions: bool = False, for_schedule: bool = False
) -> MentorGroup:
    """A mentor group the user is related to (404). ``for_manage``: an administrator of its
    university changes it; ``for_sessions``: its mentor and members read the sessions;
    ``for_schedule``: its mentor schedules (403)."""
    group = get_scoped_or_404(mentor_groups_visible_to(user).select_related("mentor"), pk=pk)
    if for_manage:
        ensure(can_manage_mentor_group(user, group))
    if for_sessions:
        ensure(is_mentor_of_group(user, group) or is_member_of_group(user, group))
    if for_schedule:
        ensure(can_manage_session(user, group))
    return group


def membership_for(user, group_pk, pk) -> tuple[MentorGroup, MentorGroupMembership]:
    """A membership of a group the administrator manages (404, then 403)."""
    group = group_for(user, group_pk)
    membership = get_scoped_or_404(group.memberships.select_related("trainee__user"), pk=pk)
    ensure(can_manage_mentor_group(user, group))
    return group, membership


def group_candidate_for(user, pk) -> Trainee:
    """An ASO the administrator may place in a group (404 outside their scope)."""
    from traject.organisation.permissions import trainees_visible_to

    return get_scoped_or_404(trainees_visible_to(user), pk=pk)


def session_for(user, pk, *, for_manage: bool = False) -> GroupSession:
    """A session of the user's group (404 / 403); ``for_manage``: its mentor (403)."""
    session = get_scoped_or_404(
        sessions_reachable_by(user).select_related("group__mentor", "group__university", "theme"),
        pk=pk,
    )
    ensure(can_view_session(user, session))
    if for_manage:
        ensure(can_manage_session(user, session))
    return session


def intervision_note_for(user, pk) -> IntervisionNote:
    """An intervision note the mentor of its group changes (404 / 403)."""
    note = get_scoped_or_404(
        intervision_notes_visible_to(user).select_related("session__group"), pk=pk
    )
    ensure(can_manage_session(user, note.session))
    return note


def follow_up_of(user, pk, *, summary: str = "mentoring follow-up") -> Trainee:
    """An ASO whose one-to-one follow-up the user opens (404 / 403); the mentor's read is
    audited, the same way on the page and in the API."""
    trainee = trainee_for(user, pk)
    _audit(user, trainee.user, trainee, summary)
    return trainee


def referrer_for(user, pk) -> Trainee:
    """An ASO the user refers to external help: their current mentor (404 / 403)."""
    trainee = trainee_for(user, pk)
    ensure(can_refer(user, trainee))
    return trainee


def referral_for(user, pk) -> Referral:
    """A referral the user sees (404) and, as the referring mentor, follows up (403)."""
    referral = get_scoped_or_404(referrals_visible_to(user).select_related("trainee"), pk=pk)
    ensure(can_manage_referral(user, referral))
    return referral


def deadline_for(user, pk) -> AgreedDeadline:
    """An agreed deadline of the user as mentor or as ASO (404 otherwise)."""
    return get_scoped_or_404(deadlines_visible_to(user).select_related("trainee"), pk=pk)


def share_for(user, pk):
    """A share of a note the user reads, which only the ASO withdraws (404 / 403)."""
    from .models import NoteShare

    share = get_scoped_or_404(
        NoteShare.objects.filter(note__in=notes_visible_to(user)).select_related(
            "note__trainee", "recipient"
        ),
        pk=pk,
    )
    ensure(can_share_note(user, share.note))
    return share


def shares_with(user):
    """The shares of notes ASO made with this person, still in force."""
    from .models import NoteShare

    if not _authenticated(user):
        return NoteShare.objects.none()
    return NoteShare.objects.filter(recipient=user, withdrawn_at__isnull=True)


def notes_shared_with(user) -> list[ConfidentialNote]:
    """The notes shared with this person; each read is audited."""
    if not _authenticated(user):
        return []
    notes = list(
        ConfidentialNote.objects.filter(shares__in=shares_with(user))
        .distinct()
        .select_related("trainee__user")
    )
    for note in notes:
        _audit(user, note.trainee.user, note)
    return notes


def trainee_for(user, pk) -> Trainee:
    """An ASO whose one-to-one follow-up the user may open; 403 for someone who only knows them."""
    from traject.organisation.permissions import trainees_visible_to

    trainee = one_to_one_trainees(user).select_related("user").filter(pk=pk).first()
    if trainee is not None:
        return trainee
    if trainees_visible_to(user).filter(pk=pk).exists():
        raise PermissionDenied
    raise Http404


def note_for(user, pk, *, for_edit: bool = False, for_share: bool = False) -> ConfidentialNote:
    """A note the user may read (anyone else gets 404, whoever they are); the read is audited.
    ``for_edit``: its mentor and its ASO; ``for_share``: only its ASO (403)."""
    note = get_scoped_or_404(
        notes_visible_to(user).select_related("trainee__user", "mentor"), pk=pk
    )
    if for_edit:
        ensure(is_party_to_note(user, note))
    if for_share:
        ensure(can_share_note(user, note))
    if not (for_edit or for_share):
        _audit(user, note.trainee.user, note)
    return note
