from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from traject.core.navigation import NavItem

from . import permissions
from .vocabulary import term, user_country


def items(request) -> list[NavItem]:
    """Organisation pages for the people who may use them."""
    user = request.user
    result = []
    if permissions.can_view_organisation(user):
        result.append(NavItem(_("Organisation"), reverse("organisation:index"), order=80))
    if permissions.can_manage_stages(user) or permissions.sees_other_trainees(user):
        # NL: "aios" (the country's word, organisation.vocabulary)
        label = capfirst(term("trainee", user_country(user)))
        result.append(NavItem(label, reverse("organisation:trainee_list"), order=81))
    return result
