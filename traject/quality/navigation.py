from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.navigation import NavItem


def items(request) -> list[NavItem]:
    """Everyone signed in may answer surveys; the hub shows only what the person may use."""
    return [NavItem(_("Quality of training"), reverse("quality:home"), order=70)]
