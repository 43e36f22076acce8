from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.navigation import NavItem
from traject.organisation.models import Trainee

from . import permissions
from .models import NoteShare


def items(request) -> list[NavItem]:
    """Mentoring pages for the people who use them."""
    user = request.user
    result = []
    if permissions.is_mentor(user):
        result.append(NavItem(_("My mentor groups"), reverse("mentoring:dashboard"), order=30))
    if Trainee.objects.filter(user=user).exists():
        result.append(NavItem(_("My mentor group"), reverse("mentoring:my_group"), order=31))
    if NoteShare.objects.filter(recipient=user, withdrawn_at__isnull=True).exists():
        result.append(
            NavItem(_("Notes shared with me"), reverse("mentoring:shared_with_me"), order=32)
        )
    if permissions.can_manage_mentor_groups(user):
        result.append(NavItem(_("Mentor groups"), reverse("mentoring:group_list"), order=82))
    return result
