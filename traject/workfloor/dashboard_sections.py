from django.utils.translation import gettext as _

from traject.accounts.roles import TRAINEE, has_role
from traject.core.dashboard import Section
from traject.core.memo import per_request
from traject.organisation.vocabulary import term, user_country

from . import selectors


def sections(request) -> list[Section]:
    """The ASO's one tap to "Vraag feedback nu"; the stagemeester's team."""
    user = request.user
    result = []
    if has_role(user, TRAINEE):
        result.append(
            Section(
                _("Feedback on the work floor"), "workfloor/partials/dashboard_aso.html", order=9
            )
        )
    services = per_request(
        request,
        "workfloor.led_services",
        lambda: list(selectors.services_led_by(user).values_list("pk", flat=True)),
    )
    if services:
        from .models import TeamMember

        members = TeamMember.objects.filter(service_id__in=services, is_active=True).count()
        result.append(
            Section(
                term("team_title", user_country(user)),
                "workfloor/partials/dashboard_team.html",
                {"members": members},
                order=25,
            )
        )
    return result
