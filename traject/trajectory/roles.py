"""The roles the trajectory app contributes (discovered by ``accounts.roles`` via the registry)."""

from traject.accounts.roles import AUTHORITY_OFFICER, COMMISSION_MEMBER


def role_querysets(user) -> dict:
    from .models import AuthorityOfficer, CommissionMember

    return {
        AUTHORITY_OFFICER: AuthorityOfficer.objects.filter(user=user),
        COMMISSION_MEMBER: CommissionMember.objects.filter(user=user),
    }
