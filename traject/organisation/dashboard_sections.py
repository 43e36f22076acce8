from django.utils.translation import gettext as _

from traject.accounts.roles import (
    COORDINATOR,
    MINISTRY,
    PROGRAMME_ADMIN,
    STAGEMEESTER,
    TRAINEE,
    roles_of,
)
from traject.core.dashboard import Section

from . import selectors
from .vocabulary import term, user_country


def sections(request) -> list[Section]:
    """The organisation's part of each role's dashboard."""
    user = request.user
    roles = roles_of(user)
    result = []
    if TRAINEE in roles:
        trainee = selectors.own_trainee_record(user)
        membership = getattr(trainee, "mentor_membership", None)
        result.append(
            Section(
                _("My training"),
                "organisation/dashboard/trainee.html",
                {
                    "trainee": trainee,
                    "stage": selectors.current_stage_of(trainee),
                    "membership": membership,
                },
                order=10,
            )
        )
    if STAGEMEESTER in roles:
        result.append(
            Section(
                term("my_trainees", user_country(user)),
                "organisation/dashboard/stagemeester.html",
                selectors.stagemeester_overview(user),
                order=20,
            )
        )
    if COORDINATOR in roles:
        result.append(
            Section(
                _("My hospital"),
                "organisation/dashboard/coordinator.html",
                {"hospitals": selectors.coordinator_overview(user)},
                order=30,
            )
        )
    if PROGRAMME_ADMIN in roles:
        result.append(
            Section(
                _("Programme administration"),
                "organisation/dashboard/programme_admin.html",
                selectors.programme_admin_todo(user),
                order=40,
            )
        )
    if MINISTRY in roles:
        result.append(
            Section(
                _("Recognitions ending within six months"),
                "organisation/dashboard/ministry.html",
                selectors.recognitions_ending(),
                order=40,
            )
        )
    return result
