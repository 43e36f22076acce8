from traject.accounts.roles import PROGRAMME_ADMIN, has_role


def can_search_audit_log(user) -> bool:
    """Platform staff and programme administrators may search the audit log; nobody may edit it."""
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or has_role(user, PROGRAMME_ADMIN)
    )
