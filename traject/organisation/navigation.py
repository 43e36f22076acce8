from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.navigation import NavItem

from . import permissions


def items(request) -> list[NavItem]:
    """Organisation pages for the people who may use them."""
    user = request.user
    result = []
    if permissions.can_view_organisation(user):
        result.append(NavItem(_("Organisation"), reverse("organisation:index"), order=80))
    if (
        permissions.can_manage_stages(user)
        or permissions.trainees_visible_to(user).exclude(user=user).exists()
    ):
        result.append(NavItem(_("ASO"), reverse("organisation:trainee_list"), order=81))
    return result
