"""Roles derived from relationships. One person may hold several.

Each app contributes the roles its relationships give through the registry: a ``roles.py``
with ``role_querysets(user) -> {role: queryset}`` (a role is held when its queryset has a row).
"""

import functools

from django.utils.translation import gettext_lazy as _

from traject.core.memo import forget, per_object
from traject.core.registry import app_modules
from traject.core.statements import user_statement

TRAINEE = "trainee"
STAGEMEESTER = "stagemeester"
COORDINATOR = "coordinator"
MENTOR = "mentor"
TITULARIS = "titularis"
PROGRAMME_ADMIN = "programme_admin"
MINISTRY = "ministry"
AUTHORITY_OFFICER = "authority_officer"
COMMISSION_MEMBER = "commission_member"
REGION_BOARD = "region_board"

ROLE_LABELS = {
    TRAINEE: _("ASO (trainee)"),
    STAGEMEESTER: _("Stagemeester"),
    COORDINATOR: _("Coördinerend stagemeester"),
    MENTOR: _("Mentor"),
    TITULARIS: _("Titularis"),
    PROGRAMME_ADMIN: _("Programme administrator"),
    MINISTRY: _("Ministry officer"),
    AUTHORITY_OFFICER: _("Officer of the community administration"),
    COMMISSION_MEMBER: _("Member of the erkenningscommissie"),
    REGION_BOARD: _("Member of an OOR board"),
}


@functools.cache
def _role_providers() -> tuple:
    """Each app's ``roles.role_querysets`` (found once through the registry)."""
    return tuple(
        module.role_querysets
        for module in app_modules("roles")
        if hasattr(module, "role_querysets")
    )


@functools.cache
def _role_names() -> tuple[str, ...]:
    return tuple(sorted(_role_querysets(None)))


def _role_querysets(user) -> dict:
    checks = {}
    for provide in _role_providers():
        checks.update(provide(user))
    return checks


def _roles_question(user):
    """Every role at once: an EXISTS a role, each stopping at its first row."""
    from django.contrib.auth import get_user_model
    from django.db.models import Exists

    checks = _role_querysets(user)
    names = sorted(checks)
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .order_by()
        .annotate(**{f"has_{role}": Exists(checks[role]) for role in names})
        .values_list(*(f"has_{role}" for role in names))
    )


def roles_of(user) -> frozenset[str]:
    """Return the roles a user holds, computed once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return per_object(user, "accounts.roles", lambda: _roles_now(user))


def _roles_now(user) -> frozenset[str]:
    # One statement compiled once per process, not nine queries: every page asks the roles.
    row = user_statement("roles", _roles_question, user)
    return frozenset(role for role, held in zip(_role_names(), row or (), strict=False) if held)


def has_role(user, role: str) -> bool:
    """Tell whether the user holds the role."""
    return role in roles_of(user)


def holding(role: str):
    """A condition on users: they hold ``role`` (the same relations as ``roles_of``), for a
    query over many people, e.g. ``User.objects.filter(holding(MENTOR))``."""
    from django.db.models import Exists, OuterRef

    return Exists(_role_querysets(OuterRef("pk"))[role])


def forget_roles(user) -> None:
    """Drop the cached roles after a relationship changed."""
    forget(user, "accounts.roles")
