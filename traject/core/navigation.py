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
