"""Writing the audit log: every service records who did what."""

from django.db.models import Model

from .models import AuditEvent


def _label(obj) -> str:
    return str(obj)[:255] if obj is not None else ""


def audit_event(
    *, actor, action: str, target: Model | None = None, subject=None, summary: str = ""
) -> AuditEvent:
    """One event, not saved yet (a bulk import saves many at once with ``bulk_create``)."""
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent(
        actor=actor_obj,
        actor_label=_label(actor_obj) or "system",
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None and target.pk is not None else "",
        object_label=_label(target),
        subject=subject,
        subject_label=_label(subject),
        summary=summary[:500],
    )


def audit_record(
    *, actor, action: str, target: Model | None = None, subject=None, summary: str = ""
) -> AuditEvent:
    """Append one event to the audit log."""
    event = audit_event(actor=actor, action=action, target=target, subject=subject, summary=summary)
    event.save()
    return event


def audit_read(
    *, actor, subject, target: Model | None = None, summary: str = ""
) -> AuditEvent | None:
    """Record that someone read another person's personal data (reading your own is not logged)."""
    if subject is None or getattr(actor, "pk", None) == subject.pk:
        return None
    return audit_record(
        actor=actor, action=AuditEvent.Action.READ, target=target, subject=subject, summary=summary
    )
