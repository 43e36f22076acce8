"""The people pickers of the mentor group forms (see traject.core.pickers)."""

from traject.core.pickers import register_scope
from traject.organisation.permissions import trainees_administered_by

from . import permissions as perms


def staff_accounts(user):
    """Active accounts that are not an ASO's: who can be a mentor."""
    from traject.accounts.models import User

    if not perms.can_manage_mentor_groups(user):
        return User.objects.none()
    return User.objects.filter(is_active=True, trainee__isnull=True)


def trainees_without_group(user):
    """The administrator's ASO who are in no mentor group yet."""
    return (
        trainees_administered_by(user).filter(mentor_membership__isnull=True).select_related("user")
    )


def _person(user) -> str:
    return f"{user.get_full_name()} ({user.email})"


register_scope(
    "mentor",
    allowed=perms.can_manage_mentor_groups,
    candidates=staff_accounts,
    search=("first_name", "last_name", "email"),
    label=_person,
)
register_scope(
    "mentor_group_trainee",
    allowed=perms.can_manage_mentor_groups,
    candidates=trainees_without_group,
    search=("user__first_name", "user__last_name", "user__email", "riziv_number"),
    label=lambda t: _person(t.user),
    email="user__email",
)
