"""Survey reports and improvement actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from traject.core.csvexport import csv_response
from traject.core.forms import add_service_errors
from traject.core.pdf import pdf_response, render_pdf

from .. import forms, permissions, selectors, services
from ..instruments import default_report_instrument, report_country
from ..models import (
    Audience,
    ImprovementAction,
    Instrument,
)
from .home import _form_page

# --- Reports -------------------------------------------------------------------------------


@login_required
def report_index(request):
    user = request.user
    query = request.GET.get("q", "").strip()[:100]
    groups = permissions.report_groups(user)
    if query:
        groups["service"] = groups["service"].filter(name__icontains=query) | groups[
            "service"
        ].filter(hospital__name__icontains=query)
        groups["hospital"] = groups["hospital"].filter(name__icontains=query)
        groups["specialty"] = groups["specialty"].filter(name_nl__icontains=query) | groups[
            "specialty"
        ].filter(name_en__icontains=query)
    return render(
        request,
        "quality/report_index.html",
        {
            "services": groups["service"][:200],
            "hospitals": groups["hospital"][:200],
            "specialties": groups["specialty"][:200],
            "years": range(1, 7) if permissions.can_view_year_reports(user) else [],
            "query": query,
        },
    )


def _report_context(request, kind, key):
    user = request.user
    obj = permissions.report_group_for(user, kind, key)
    instrument = permissions.report_instrument_for(
        request.GET.get("instrument") or default_report_instrument(kind, obj)
    )
    # The surveys of the group's training (a Dutch opleidingsgroep's report opens on the aios's).
    instruments = Instrument.objects.exclude(audience=Audience.TRAINER_SELF).filter(
        country__in=["", report_country(kind, obj)]
    )
    report = selectors.group_report(instrument, kind, key)
    report["bar_chart"] = mark_safe(report["bar_chart"])  # noqa: S308 - built with escaped labels
    report["line_chart"] = mark_safe(report["line_chart"])  # noqa: S308
    actions, can_act = [], False
    if kind == "service":
        actions = list(
            ImprovementAction.objects.filter(service=obj, campaign__instrument=instrument)
            .select_related("campaign", "theme")
            .order_by("campaign__opens", "created_at")
        )
        can_act = permissions.can_write_improvement_action(user, obj)
        for edition in report["editions"]:
            edition["actions"] = [a for a in actions if a.campaign_id == edition["campaign"].pk]
            earlier = [a for a in actions if a.campaign.opens < edition["campaign"].opens]
            edition["follow_up"] = earlier
    return {
        "kind": kind,
        "key": key,
        "group": obj,
        "label": selectors.group_label(kind, obj),
        "report": report,
        "instruments": instruments,
        "instrument": instrument,
        "can_act": can_act,
    }


@login_required
def report_detail(request, kind, key):
    return render(request, "quality/report_detail.html", _report_context(request, kind, key))


@login_required
def report_csv(request, kind, key):
    context = _report_context(request, kind, key)
    return csv_response(
        f"report-{kind}-{key}.csv",
        selectors.report_csv_rows(context["report"], context["label"]),
        bom=True,
    )


@login_required
def report_pdf(request, kind, key):
    context = _report_context(request, kind, key)
    pdf = render_pdf("quality/report_pdf.html", context, request=request)
    return pdf_response(pdf, f"report-{kind}-{key}.pdf")


@login_required
def action_create(request, service_pk, campaign_pk):
    service, campaign = permissions.improvement_action_target_for(
        request.user, service_pk, campaign_pk
    )
    form = forms.ImprovementActionForm(request.POST or None, instrument=campaign.instrument)
    report_url = (
        reverse("quality:report_detail", args=["service", service.pk])
        + f"?instrument={campaign.instrument.code}"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.improvement_action_create(
                service=service,
                campaign=campaign,
                theme=form.cleaned_data["theme"],
                action=form.cleaned_data["action"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The improvement action was saved."))
            return redirect(report_url)
    return _form_page(
        request,
        form,
        title=_("Improvement action for %(service)s") % {"service": service},
        intro=_("In answer to the report of %(campaign)s.") % {"campaign": campaign},
        cancel_url=report_url,
    )


@login_required
def action_update(request, pk):
    action = permissions.improvement_action_for(request.user, pk, for_write=True)
    form = forms.ImprovementActionUpdateForm(
        request.POST or None,
        initial={"version": action.version, "status": action.status, "follow_up": action.follow_up},
    )
    report_url = (
        reverse("quality:report_detail", args=["service", action.service_id])
        + f"?instrument={action.campaign.instrument.code}"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.improvement_action_update(
                improvement_action=action,
                status=form.cleaned_data["status"],
                follow_up=form.cleaned_data["follow_up"],
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(report_url)
    return _form_page(
        request,
        form,
        title=_("Follow up an improvement action"),
        intro=action.action,
        cancel_url=report_url,
    )
