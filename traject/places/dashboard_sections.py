from django.utils.translation import gettext as _

from traject.core.dashboard import Section
from traject.core.memo import per_request

from . import permissions
from .models import ShowcasePage


def sections(request) -> list[Section]:
    """The training group's showcase pages (published, last updated)."""
    ids = showcase_service_ids(request)
    if not ids:
        return []
    pages = list(
        ShowcasePage.objects.filter(service_id__in=ids)
        .select_related("service__hospital")
        .order_by("service__name")[:5]
    )
    return [
        Section(
            _("Our showcase page"),
            "places/partials/dashboard_showcase.html",
            {"pages": pages, "count": len(ids)},
            order=70,
        )
    ]


def showcase_service_ids(request) -> list[int]:
    """The ids of the stagediensten whose showcase this person edits, once per request (the
    menu and the dashboard both ask)."""
    return per_request(
        request,
        "places.showcase_services",
        lambda: list(permissions.showcase_services_of(request.user).values_list("pk", flat=True)),
    )
