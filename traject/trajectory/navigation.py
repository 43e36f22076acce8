from django.urls import reverse
from django.utils.translation import gettext as _

from traject.accounts.roles import TRAINEE, has_role
from traject.core.navigation import NavItem

from . import permissions


def items(request) -> list[NavItem]:
    """The ASO's path; the overview for administrators and the authority."""
    user = request.user
    result = []
    if has_role(user, TRAINEE) and permissions.is_belgian_trainee(user):
        result.append(NavItem(_("My path to recognition"), reverse("trajectory:home"), order=12))
        result.append(
            NavItem(_("Where to go in case of difficulties"), reverse("trajectory:help"), order=13)
        )
    if permissions.is_authority(user) or permissions.trajectories_overseen_by(user).exists():
        result.append(NavItem(_("Paths to recognition"), reverse("trajectory:overview"), order=84))
    if permissions.can_manage_contacts(user):
        result.append(
            NavItem(
                _("Contacts in case of difficulties"), reverse("trajectory:contact_list"), order=85
            )
        )
    return result
