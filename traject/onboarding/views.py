from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import permissions, services, tables
from .forms import ImportForm
from .kinds import KINDS

SHOWN_LINES = 500


@login_required
def index(request):
    """Choose a kind, download its template, upload a file (dry run first)."""
    permissions.importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.import_run_start(
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("onboarding:run", pk=run.pk)
    return render(
        request,
        "onboarding/index.html",
        {
            "form": form,
            "kinds": KINDS.values(),
            "runs": permissions.import_runs_visible_to(request.user)[:10],
        },
    )


@login_required
def template(request, kind, fmt):
    """A template with the columns and example rows (formulas neutralised)."""
    spec = permissions.import_kind_for(request.user, kind, fmt)
    content = tables.write_table(spec.columns, spec.examples, fmt)
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="traject-{kind}.{fmt}"'
    return response


@login_required
def run(request, pk):
    """The report of one import; while a task runs, the page polls its progress (htmx)."""
    run = permissions.import_run_for(request.user, pk)
    context = {
        "run": run,
        "progress": services.progress_of(run),
        "shown": sorted(run.lines, key=lambda e: e["outcome"] != "refused")[:SHOWN_LINES],
        "kind_label": KINDS[run.kind].label if run.kind in KINDS else run.kind,
    }
    if request.htmx:
        response = render(request, "onboarding/partials/progress.html", context)
        if run.finished:  # the poll ends: htmx loads the whole report
            response["HX-Redirect"] = reverse("onboarding:run", args=[run.pk])
        return response
    return render(request, "onboarding/run.html", context)


@login_required
def run_report(request, pk):
    """The whole line-by-line report as CSV (cells neutralised)."""
    run = permissions.import_run_for(request.user, pk)
    outcomes = {
        "created": _("created"),
        "changed": _("changed"),
        "unchanged": _("unchanged"),
        "refused": _("refused"),
    }
    rows = [
        [e["line"], outcomes.get(e["outcome"], e["outcome"]), e["key"], e["message"]]
        for e in run.lines
    ]
    header = [
        pgettext("CSV column", "Line"),
        pgettext("CSV column", "Outcome"),
        pgettext("CSV column", "Key"),
        pgettext("CSV column", "Message"),
    ]
    content = tables.write_table(header, rows, "csv")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="traject-import-{run.pk}.csv"'
    return response
