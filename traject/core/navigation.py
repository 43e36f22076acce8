"""Navigation built from the items each app offers the current user."""

from dataclasses import dataclass

from .registry import app_modules


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 50


def navigation_for(request) -> list[NavItem]:
    """Collect the navigation items of every app for this request, in order."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items: list[NavItem] = []
    for module in app_modules("navigation"):
        items.extend(module.items(request))
    return sorted(items, key=lambda item: item.order)


def items(request) -> list[NavItem]:
    """Offer the dashboard to every signed-in user."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    return [NavItem(_("Dashboard"), reverse("core:dashboard"), order=0)]


def trainee_links_for(request, trainee) -> list[NavItem]:
    """The ways on from an ASO's page: what each app lets this user do for this ASO.

    An app's ``navigation`` module may offer ``trainee_links(request, trainee)``; each link is
    offered only when its own permission rule allows it.
    """
    links: list[NavItem] = []
    for module in app_modules("navigation"):
        offer = getattr(module, "trainee_links", None)
        if offer is not None:
            links.extend(offer(request, trainee))
    return sorted(links, key=lambda item: item.order)
