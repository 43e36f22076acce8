from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from traject.accounts.roles import COORDINATOR, MENTOR, PROGRAMME_ADMIN, roles_of
from traject.core.navigation import NavItem

from . import permissions
from .vocabulary import term, user_country


def items(request) -> list[NavItem]:
    """Organisation pages for the people who may use them."""
    user = request.user
    result = []
    if permissions.can_view_organisation(user):
        result.append(NavItem(_("Organisation"), reverse("organisation:index"), order=80))
    # A stagemeester and nothing more sees the ASO of their own stages: "My ASO" (portfolio) is
    # their menu item, and its page leads on to this list for the ASO of earlier stages. One item
    # for one set of people; two ("My ASO", "ASO") made them guess which.
    wider = roles_of(user) & {COORDINATOR, MENTOR, PROGRAMME_ADMIN}
    if permissions.can_manage_stages(user) or (wider and permissions.sees_other_trainees(user)):
        # NL: "aios" (the country's word, organisation.vocabulary)
        label = capfirst(term("trainee", user_country(user)))
        result.append(NavItem(label, reverse("organisation:trainee_list"), order=81))
    return result
