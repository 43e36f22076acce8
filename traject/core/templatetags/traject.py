"""Template helpers every page may use (a builtin, no {% load %} needed)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def table_box(label: str = ""):
    """Attributes of the box a wide table scrolls in, on its own, on a phone.

    The box is focusable (keyboard users can scroll it) and named; traject.js marks a box whose
    table is wider than the screen so that the hint "scroll sideways" shows.
    """
    return format_html(
        'class="table-wrap" tabindex="0" role="region" aria-label="{}" data-hint="{}"',
        label or gettext("Table"),
        gettext("Scroll sideways to see every column."),
    )


@register.filter
def when(value):
    """A date or time in the reader's local zone and format, also from an ISO string.

    Engines and exports carry ISO timestamps ("2026-11-23T20:00:00+00:00"); people read
    "23/11/2026 21:00".
    """
    import datetime

    from django.utils import timezone
    from django.utils.formats import date_format

    if isinstance(value, str):
        text = value
        try:
            value = datetime.datetime.fromisoformat(text)
        except ValueError:
            return text
        if len(text) == 10:  # a date without a time
            return date_format(value.date(), "SHORT_DATE_FORMAT")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return value


@register.simple_tag
def colon():
    """The colon after a translated label, as each language writes it (French: a narrow space)."""
    from django.utils.translation import get_language

    return "\u202f:" if (get_language() or "").startswith("fr") else ":"
