from django import template
from django.utils.translation import gettext_lazy as _

from traject.conversations import cycle
from traject.conversations.models import Kind, Outcome, TransferDocument

register = template.Library()

STATUS_LABELS = {
    cycle.HELD: _("held"),
    cycle.PLANNED: _("planned"),
    cycle.OVERDUE: _("overdue"),
    cycle.DUE: _("to plan"),
    cycle.UPCOMING: _("later"),
}
STATUS_BADGES = {
    cycle.HELD: "ok",
    cycle.PLANNED: "",
    cycle.OVERDUE: "bad",
    cycle.DUE: "warn",
    cycle.UPCOMING: "",
}
STEP_LABELS = {
    "nominal": _("nominal duration"),
    "evc": _("shortening for prior competences (EVC)"),
    "part_time": _("part-time period"),
    "extension": _("extension"),
}


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "")


@register.filter
def kind_label(kind: str) -> str:
    return Kind(kind).label if kind in Kind.values else kind


@register.filter
def outcome_label(outcome: str) -> str:
    return Outcome(outcome).label if outcome in Outcome.values else ""


@register.filter
def transfer_status_label(status: str) -> str:
    values = TransferDocument.Status
    return values(status).label if status in values.values else status


@register.filter
def step_label(kind: str) -> str:
    return STEP_LABELS.get(kind, kind)
