import re

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import permissions, pickers
from .dashboard import sections_for


@login_required
def dashboard(request):
    """Show each signed-in person what they must do next, per role."""
    from traject.organisation.vocabulary import role_labels  # the country's words

    return render(
        request,
        "core/dashboard.html",
        {
            "role_labels": role_labels(request.user),
            "sections": sections_for(request),
        },
    )


@require_GET
def healthz(request):
    """Tell a load balancer whether the app and its database answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


_FIELD_NAME = re.compile(r"^[a-z_]{1,40}$")


def _picker_field(request) -> tuple[str, str]:
    scope_name, field = request.GET.get("scope", ""), request.GET.get("field", "")
    if not _FIELD_NAME.match(field):
        raise Http404
    return scope_name, field


@login_required
@require_GET
def people_search(request):
    """The people picker's results: matches among whom the signed-in person may pick."""
    scope_name, field = _picker_field(request)
    query = request.GET.get(f"{field}__q", "").strip()
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    result = permissions.people_search(request.user, scope_name, query, page)
    return render(
        request,
        "core/partials/people_results.html",
        {
            "page": result,
            "scope": scope_name,
            "field": field,
            "query": query,
            "min_chars": pickers.MIN_CHARS,
        },
    )


@login_required
@require_GET
def people_pick(request):
    """The picker with one person chosen (404 for anyone the user may not pick)."""
    scope_name, field = _picker_field(request)
    scope, obj, candidates = permissions.picked_person(
        request.user, scope_name, request.GET.get("pk", "")
    )
    widget = pickers.PersonPicker(scope.name)
    widget.queryset = candidates
    return HttpResponse(widget.render(field, obj.pk, attrs={"id": f"id_{field}"}))
