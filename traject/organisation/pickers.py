"""The people pickers of the stage form (see traject.core.pickers)."""

from traject.core.pickers import register_scope

from . import permissions as org


def _trainees(user):
    return org.trainees_administered_by(user).select_related("user")


def _stagemeesters(user):
    from traject.accounts.models import User

    return User.objects.filter(trainer_recognitions__isnull=False, is_active=True)


def _person(user) -> str:
    return f"{user.get_full_name()} ({user.email})"


register_scope(
    "stage_trainee",
    allowed=org.can_manage_stages,
    candidates=_trainees,
    search=("user__first_name", "user__last_name", "user__email", "riziv_number"),
    label=lambda t: _person(t.user),
    email="user__email",
)
register_scope(
    "stagemeester",
    allowed=org.can_manage_stages,
    candidates=_stagemeesters,
    search=("first_name", "last_name", "email"),
    label=_person,
)
