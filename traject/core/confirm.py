"""Ask before an irreversible or sensitive action, saying exactly what will happen.

The action's form posts as usual; the view answers the first POST with ``confirmation(...)``,
a page listing the consequences with a button that posts again with ``confirmed=1`` (and the
values the person chose). Works without JavaScript; nothing happens until the second POST.
"""

from django.shortcuts import render


def is_confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get("confirmed") == "1"


def confirmation(
    request,
    *,
    title: str,
    consequences: list[str],
    confirm_label: str,
    cancel_url: str,
    carry: dict | None = None,
    action: str = "",
):
    """The page that says what will happen and asks for the second, confirming POST."""
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "carry": sorted((carry or {}).items()),
            "action": action or request.get_full_path(),
        },
    )
