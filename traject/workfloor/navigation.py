from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from traject.accounts.roles import TRAINEE, has_role
from traject.core.memo import per_request
from traject.core.navigation import NavItem
from traject.organisation.vocabulary import term, user_country

from . import selectors


def items(request) -> list[NavItem]:
    user = request.user
    result = []
    if has_role(user, TRAINEE):
        result.append(NavItem(_("Ask for feedback now"), reverse("workfloor:ask_now"), order=11))
    led = per_request(
        request,
        "workfloor.led_services",
        lambda: list(selectors.services_led_by(user).values_list("pk", flat=True)),
    )
    if led:
        # NL: "Opleidingsgroep" (the country's word, organisation.vocabulary)
        label = capfirst(term("team", user_country(user)))
        result.append(NavItem(label, reverse("workfloor:team"), order=22))
    return result
