"""The role the mentoring app contributes (discovered by ``accounts.roles`` via the registry)."""

from traject.accounts.roles import MENTOR


def role_querysets(user) -> dict:
    from .models import MentorGroup

    return {MENTOR: MentorGroup.objects.filter(mentor=user)}
