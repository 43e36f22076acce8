from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from traject.accounts.roles import ROLE_LABELS, roles_of

from .dashboard import sections_for


@login_required
def dashboard(request):
    """Show each signed-in person what they must do next, per role."""
    roles = roles_of(request.user)
    return render(
        request,
        "core/dashboard.html",
        {
            "role_labels": [ROLE_LABELS[role] for role in ROLE_LABELS if role in roles],
            "sections": sections_for(request),
        },
    )


@require_GET
def healthz(request):
    """Tell a load balancer whether the app and its database answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
