from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.core.dashboard import Section
from traject.core.memo import per_request

from . import permissions, selectors
from .models import DistributionPlan, ShowcasePage


def sections(request) -> list[Section]:
    """An OOR board member's places of this year and the plans awaiting the region's wishes; the
    training group's showcase pages (published, last updated)."""
    result = _board_sections(request.user)
    ids = showcase_service_ids(request)
    if not ids:
        return result
    pages = list(
        ShowcasePage.objects.filter(service_id__in=ids)
        .select_related("service__hospital")
        .order_by("service__name")[:5]
    )
    return result + [
        Section(
            _("Our showcase page"),
            "places/partials/dashboard_showcase.html",
            {"pages": pages, "count": len(ids)},
            order=70,
        )
    ]


def _board_sections(user) -> list[Section]:
    """The region's places this calendar year (occupied, vacant, to refill) and the distribution
    plans that wait for the boards' wishes: what an OOR board member acts on, one tap away."""
    region_ids = permissions.board_region_ids(user)
    if not region_ids:
        return []
    today = timezone.localdate()
    places = selectors.nl_places(
        permissions.places_visible_to(user).filter(hospital__region_id__in=region_ids),
        year=today.year,
    )
    total = selectors.nl_overview(places, on=today)["total"]
    plans = list(
        permissions.plans_visible_to(user)
        .filter(state=DistributionPlan.State.WISHES)
        .select_related("specialty")[:5]
    )
    query = urlencode({"country": "NL", "year": today.year})
    return [
        Section(
            _("Training places of your region"),
            "places/partials/dashboard_board.html",
            {
                "year": today.year,
                "total": total,
                "plans": plans,
                "list_url": f"{reverse('places:place_list')}?{query}",
            },
            order=20,
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
