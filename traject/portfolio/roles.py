"""The role the portfolio app contributes (discovered by ``accounts.roles`` via the registry)."""

from traject.accounts.roles import TITULARIS


def role_querysets(user) -> dict:
    from .models import Course

    return {TITULARIS: Course.objects.filter(titularis=user)}
