from django.urls import reverse
from django.utils.translation import gettext as _

from traject.accounts.roles import STAGEMEESTER, TRAINEE, has_role
from traject.core.navigation import NavItem
from traject.organisation.vocabulary import term, user_country

from . import permissions
from .models import FeedbackRequest


def items(request) -> list[NavItem]:
    """Portfolio pages for the people who use them."""
    user = request.user
    result = []
    if has_role(user, TRAINEE):
        result += [
            NavItem(_("My portfolio"), reverse("portfolio:overview"), order=10),
            NavItem(_("My feedback"), reverse("portfolio:feedback_timeline"), order=11),
            NavItem(_("My IOP"), reverse("portfolio:goal_list"), order=12),
        ]
    if has_role(user, STAGEMEESTER):
        # NL: "Mijn aios" (the country's word, organisation.vocabulary)
        label = term("my_trainees", user_country(user))
        result.append(NavItem(label, reverse("portfolio:stagemeester_table"), order=20))
    if has_role(user, STAGEMEESTER) or FeedbackRequest.objects.filter(supervisor=user).exists():
        result.append(
            NavItem(_("Feedback requests"), reverse("portfolio:feedback_requests"), order=21)
        )
    if permissions.is_titularis(user):
        result.append(NavItem(_("Submissions"), reverse("portfolio:submissions"), order=40))
    if permissions.can_manage_courses(user):
        result += [
            NavItem(_("Courses"), reverse("portfolio:course_list"), order=83),
            NavItem(_("EPA catalogue"), reverse("portfolio:epa_list"), order=84),
        ]
    return result


def trainee_links(request, trainee) -> list[NavItem]:
    """From an ASO's page to their portfolio, IOP, feedback and EPA decisions."""
    user = request.user
    result = []
    if permissions.can_view_portfolio(user, trainee) and not permissions.is_self(user, trainee):
        result += [
            NavItem(_("Portfolio"), reverse("portfolio:trainee_overview", args=[trainee.pk]), 10),
            NavItem(_("IOP"), reverse("portfolio:iop", args=[trainee.pk]), 11),
            NavItem(_("Give feedback"), reverse("portfolio:feedback_give", args=[trainee.pk]), 12),
        ]
    elif permissions.can_view_todo_status(user, trainee) and not permissions.is_self(user, trainee):
        result.append(
            NavItem(_("To-do status"), reverse("portfolio:trainee_status", args=[trainee.pk]), 10)
        )
    if permissions.can_decide_entrustment(user, trainee):
        result.append(
            NavItem(
                _("Record an EPA decision"),
                reverse("portfolio:entrustment_create", args=[trainee.pk]),
                13,
            )
        )
    return result
