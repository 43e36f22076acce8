from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.navigation import NavItem

from . import permissions


def items(request) -> list[NavItem]:
    """My hours for an ASO; shared reports for their recipients; statistics for the ministry."""
    result = []
    if permissions.own_trainee(request.user) is not None:
        result.append(NavItem(_("My hours"), reverse("worktime:week"), order=20))
    if permissions.shares_visible_to(request.user).filter(recipient=request.user).exists():
        result.append(
            NavItem(_("Shared hours reports"), reverse("worktime:shared_received"), order=70)
        )
    if permissions.can_view_statistics(request.user):
        result.append(
            NavItem(_("Working-time anomalies"), reverse("worktime:statistics"), order=70)
        )
    return result
