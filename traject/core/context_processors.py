from .navigation import navigation_for


def navigation(request):
    """Put the navigation the user may use into every template."""
    return {"nav_items": navigation_for(request)}
