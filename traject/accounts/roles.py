"""Roles derived from relationships. One person may hold several."""

from django.utils.translation import gettext_lazy as _

TRAINEE = "trainee"
STAGEMEESTER = "stagemeester"
COORDINATOR = "coordinator"
MENTOR = "mentor"
TITULARIS = "titularis"
PROGRAMME_ADMIN = "programme_admin"
MINISTRY = "ministry"

ROLE_LABELS = {
    TRAINEE: _("ASO (trainee)"),
    STAGEMEESTER: _("Stagemeester"),
    COORDINATOR: _("Coördinerend stagemeester"),
    MENTOR: _("Mentor"),
    TITULARIS: _("Titularis"),
    PROGRAMME_ADMIN: _("Programme administrator"),
    MINISTRY: _("Ministry officer"),
}


def roles_of(user) -> frozenset[str]:
    """Return the roles a user holds, computed once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_traject_roles", None)
    if cached is not None:
        return cached
    from traject.mentoring.models import MentorGroup
    from traject.organisation.models import (
        HospitalCoordinator,
        MinistryOfficer,
        ProgrammeAdministrator,
        Trainee,
        TrainerRecognition,
    )
    from traject.portfolio.models import Course

    checks = {
        TRAINEE: Trainee.objects.filter(user=user),
        STAGEMEESTER: TrainerRecognition.objects.filter(trainer=user),
        COORDINATOR: HospitalCoordinator.objects.filter(user=user),
        MENTOR: MentorGroup.objects.filter(mentor=user),
        TITULARIS: Course.objects.filter(titularis=user),
        PROGRAMME_ADMIN: ProgrammeAdministrator.objects.filter(user=user),
        MINISTRY: MinistryOfficer.objects.filter(user=user),
    }
    roles = frozenset(role for role, qs in checks.items() if qs.exists())
    user._traject_roles = roles
    return roles


def has_role(user, role: str) -> bool:
    """Tell whether the user holds the role."""
    return role in roles_of(user)


def forget_roles(user) -> None:
    """Drop the cached roles after a relationship changed."""
    if hasattr(user, "_traject_roles"):
        del user._traject_roles
