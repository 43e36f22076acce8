from django.urls import reverse
from django.utils.translation import gettext as _

from traject.accounts.roles import TRAINEE, has_role
from traject.core.memo import per_request
from traject.core.navigation import NavItem
from traject.organisation.models import Trainee

from . import permissions


def items(request) -> list[NavItem]:
    """The conversation cycle for the trainees and trainers who have one."""
    user = request.user
    result = []
    # The three questions of this menu in one query (an EXISTS each, stopping at its first row).
    trains, in_team, leads = per_request(
        request, "conversations.facts", lambda: permissions.cycle_facts(user)
    )
    if trains:
        result.append(
            NavItem(_("Conversation cycle of my group"), reverse("conversations:index"), order=22)
        )
    own = permissions.in_cycle(Trainee.objects.filter(user=user)).values_list("pk", flat=True)
    for pk in own[:1] if has_role(user, TRAINEE) else ():
        result.append(
            NavItem(
                _("My conversation cycle"), reverse("conversations:trainee", args=[pk]), order=21
            )
        )
    if in_team:
        result.append(
            NavItem(_("Deputy and training group"), reverse("conversations:teams"), order=24)
        )
    if result or leads:
        result.append(
            NavItem(_("Local training plans"), reverse("conversations:local_plans"), order=23)
        )
    return result
