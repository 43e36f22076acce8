from traject.accounts.roles import PROGRAMME_ADMIN, has_role
from traject.core.permissions import ensure, is_authenticated


def can_search_audit_log(user) -> bool:
    """Platform staff and programme administrators may search the audit log; nobody may edit it."""
    return is_authenticated(user) and (user.is_superuser or has_role(user, PROGRAMME_ADMIN))


def audit_log_for(user):
    """The audit log, for those who may search it (403 else)."""
    from .models import AuditEvent

    ensure(can_search_audit_log(user))
    return AuditEvent.objects.all()
