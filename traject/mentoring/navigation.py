from django.urls import reverse
from django.utils.translation import gettext as _

from traject.accounts.roles import MENTOR, TRAINEE, has_role
from traject.core.memo import per_request
from traject.core.navigation import NavItem

from . import permissions
from .models import NoteShare


def items(request) -> list[NavItem]:
    """Mentoring pages for the people who use them."""
    user = request.user
    result = []
    if has_role(user, MENTOR):
        result.append(NavItem(_("My mentor groups"), reverse("mentoring:dashboard"), order=30))
    if has_role(user, TRAINEE):
        result.append(NavItem(_("My mentor group"), reverse("mentoring:my_group"), order=31))
    shared = per_request(
        request,
        "mentoring.shared_notes",
        lambda: NoteShare.objects.filter(recipient=user, withdrawn_at__isnull=True).count(),
    )
    if shared:
        result.append(
            NavItem(_("Notes shared with me"), reverse("mentoring:shared_with_me"), order=32)
        )
    if permissions.can_manage_mentor_groups(user):
        result.append(NavItem(_("Mentor groups"), reverse("mentoring:group_list"), order=82))
    return result


def trainee_links(request, trainee) -> list[NavItem]:
    """From an ASO's page to the mentor's page of that ASO."""
    membership = getattr(trainee, "mentor_membership", None)
    if membership is not None and permissions.is_mentor_of_group(request.user, membership.group):
        return [NavItem(_("Mentoring"), reverse("mentoring:trainee_detail", args=[trainee.pk]), 20)]
    return []
