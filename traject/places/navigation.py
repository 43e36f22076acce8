from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.navigation import NavItem

from . import permissions
from .dashboard_sections import showcase_service_ids


def items(request) -> list[NavItem]:
    """Training places for those who oversee them; the showcase editor for training groups."""
    user = request.user
    result = []
    if permissions.can_view_places(user):
        result.append(NavItem(_("Training places"), reverse("places:overview"), order=60))
    if showcase_service_ids(request):
        result.append(NavItem(_("Our showcase page"), reverse("places:showcase_mine"), order=61))
    if user.is_authenticated:  # the public showcase, for everyone (also in the site footer)
        result.append(NavItem(_("Training showcase"), reverse("places:showcase"), order=62))
    return result
