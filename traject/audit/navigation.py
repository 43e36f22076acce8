from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.navigation import NavItem

from .permissions import can_search_audit_log


def items(request) -> list[NavItem]:
    """The audit log, for those who may search it."""
    return (
        [NavItem(_("Audit log"), reverse("audit:log"), order=95)]
        if can_search_audit_log(request.user)
        else []
    )
