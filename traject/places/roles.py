"""The role the places app contributes (discovered by ``accounts.roles`` via the registry)."""

from traject.accounts.roles import REGION_BOARD


def role_querysets(user) -> dict:
    from .models import RegionBoardMember

    return {REGION_BOARD: RegionBoardMember.objects.filter(user=user)}
