from django.utils.translation import gettext as _

from traject.accounts.roles import MENTOR, has_role
from traject.core.dashboard import Section
from traject.core.memo import per_request

from . import selectors
from .models import NoteShare


def sections(request) -> list[Section]:
    """The mentor's group at a glance; notes an ASO shared with this person."""
    user = request.user
    result = []
    if has_role(user, MENTOR):
        overview = selectors.mentor_overview(user)
        result.append(
            Section(
                _("My mentor groups"),
                "mentoring/partials/dashboard_mentor.html",
                {"overview": overview, "attention": selectors.attention_count(overview)},
                order=15,
            )
        )
    shares = per_request(
        request,
        "mentoring.shared_notes",
        lambda: NoteShare.objects.filter(recipient=user, withdrawn_at__isnull=True).count(),
    )
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
