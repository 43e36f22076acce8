"""The people picker of the course form: its titularis (see traject.core.pickers)."""

from traject.core.pickers import register_scope

from . import permissions as perms


def staff_accounts(user):
    """Active accounts that are not an ASO's: who can hold a course."""
    from traject.accounts.models import User

    if not perms.can_manage_courses(user):
        return User.objects.none()
    return User.objects.filter(is_active=True, trainee__isnull=True)


register_scope(
    "course_titularis",
    allowed=perms.can_manage_courses,
    candidates=staff_accounts,
    search=("first_name", "last_name", "email"),
    label=lambda u: f"{u.get_full_name()} ({u.email})",
)
