from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.navigation import NavItem

from .permissions import can_import


def items(request) -> list[NavItem]:
    if can_import(request.user):
        return [NavItem(_("Import"), reverse("onboarding:index"), order=88)]
    return []
