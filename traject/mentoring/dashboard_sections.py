from django.utils.translation import gettext as _

from traject.core.dashboard import Section

from . import permissions, selectors
from .models import NoteShare


def sections(request) -> list[Section]:
    """The mentor's group at a glance; notes an ASO shared with this person."""
    user = request.user
    result = []
    if permissions.is_mentor(user):
        overview = selectors.mentor_overview(user)
        result.append(
            Section(
                _("My mentor groups"),
                "mentoring/partials/dashboard_mentor.html",
                {"overview": overview, "attention": selectors.attention_count(overview)},
                order=15,
            )
        )
    shares = NoteShare.objects.filter(recipient=user, withdrawn_at__isnull=True).count()
    if shares:
        result.append(
            Section(
                _("Mentoring notes shared with you"),
                "mentoring/partials/dashboard_shared.html",
                {"count": shares},
                order=25,
            )
        )
    return result
