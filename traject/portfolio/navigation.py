from django.urls import reverse
from django.utils.translation import gettext as _

from traject.accounts.roles import STAGEMEESTER, has_role
from traject.core.navigation import NavItem

from . import permissions
from .models import FeedbackRequest


def items(request) -> list[NavItem]:
    """Portfolio pages for the people who use them."""
    user = request.user
    result = []
    if permissions.trainee_of(user) is not None:
        result += [
            NavItem(_("My portfolio"), reverse("portfolio:overview"), order=10),
            NavItem(_("My feedback"), reverse("portfolio:feedback_timeline"), order=11),
            NavItem(_("My IOP"), reverse("portfolio:goal_list"), order=12),
        ]
    if has_role(user, STAGEMEESTER):
        result.append(NavItem(_("My ASO"), reverse("portfolio:stagemeester_table"), order=20))
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
