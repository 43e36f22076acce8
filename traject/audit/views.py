from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from . import permissions
from .models import AuditEvent


@login_required
def audit_log(request):
    """Search the audit log (read-only for everyone)."""
    events = permissions.audit_log_for(request.user)
    query = request.GET.get("q", "").strip()
    action = request.GET.get("action", "")
    if query:
        events = events.filter(
            Q(actor_label__icontains=query)
            | Q(subject_label__icontains=query)
            | Q(object_label__icontains=query)
            | Q(summary__icontains=query)
        )
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"page": page, "query": query, "action": action, "actions": AuditEvent.Action.choices},
    )
