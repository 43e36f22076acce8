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

from traject.core.permissions import ensure, get_scoped_or_404
from traject.organisation.models import ProgrammeAdministrator, Stage, Trainee
from traject.organisation.permissions import is_programme_admin

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


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


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
    return ProgrammeAdministrator.objects.filter(user=user).values("university_id")


def can_manage_mentor_groups(user) -> bool:
    """Programme administrators form mentor groups."""
    return is_programme_admin(user)


def can_manage_mentor_group(user, group: MentorGroup) -> bool:
    """A programme administrator of the group's university changes its members."""
    return (
        is_programme_admin(user)
        and ProgrammeAdministrator.objects.filter(
            user=user, university_id=group.university_id
        ).exists()
    )


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
        and ProgrammeAdministrator.objects.filter(user=user, university_id=university_id).exists()
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
    return ConfidentialNote.objects.filter(
        Q(mentor=user)
        | Q(trainee__user=user)
        | Q(shares__recipient=user, shares__withdrawn_at__isnull=True)
    ).distinct()


def is_party_to_note(user, note: ConfidentialNote) -> bool:
    """The note's mentor and its ASO; a person it was shared with only reads."""
    return _authenticated(user) and user.pk in (note.mentor_id, note.trainee.user_id)


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


def group_for(user, pk) -> MentorGroup:
    return get_scoped_or_404(mentor_groups_visible_to(user).select_related("mentor"), pk=pk)


def session_for(user, pk) -> GroupSession:
    session = get_scoped_or_404(
        sessions_reachable_by(user).select_related("group__mentor", "group__university", "theme"),
        pk=pk,
    )
    ensure(can_view_session(user, session))
    return session


def trainee_for(user, pk) -> Trainee:
    """An ASO whose one-to-one follow-up the user may open; 403 for someone who only knows them."""
    from traject.organisation.permissions import trainees_visible_to

    trainee = one_to_one_trainees(user).select_related("user").filter(pk=pk).first()
    if trainee is not None:
        return trainee
    if trainees_visible_to(user).filter(pk=pk).exists():
        raise PermissionDenied
    raise Http404


def note_for(user, pk) -> ConfidentialNote:
    """A note the user may read; anyone else gets 404, whoever they are."""
    return get_scoped_or_404(
        notes_visible_to(user).select_related("trainee__user", "mentor"), pk=pk
    )
