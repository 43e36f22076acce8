from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.navigation import NavItem

from . import permissions


def items(request) -> list[NavItem]:
    """Trainers and organisers find the sessions; titularissen and administrators the evaluations."""
    user = request.user
    out = []
    if permissions.can_view_catalogue(user) or permissions.courses_to_evaluate(user).exists():
        out.append(NavItem(_("Programme"), reverse("programme:home"), order=75))
    return out
