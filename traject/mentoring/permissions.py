"""Who may see or change mentor groups. Deny by default."""

from django.db.models import Q, QuerySet

from traject.organisation.models import ProgrammeAdministrator
from traject.organisation.permissions import is_programme_admin

from .models import MentorGroup


def mentor_groups_visible_to(user) -> QuerySet[MentorGroup]:
    """The mentor's own groups, the ASO's own group, and groups of the administrator's universities."""
    if not getattr(user, "is_authenticated", False):
        return MentorGroup.objects.none()
    q = Q(mentor=user) | Q(memberships__trainee__user=user)
    if is_programme_admin(user):
        q |= Q(
            university_id__in=ProgrammeAdministrator.objects.filter(user=user).values(
                "university_id"
            )
        )
    return MentorGroup.objects.filter(q).distinct()


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
