"""HTML pages of quality of training. Every page goes through permissions and services."""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.audit.services import audit_read
from traject.core.forms import add_service_errors
from traject.core.pdf import pdf_response, render_pdf
from traject.core.permissions import ensure, get_scoped_or_404
from traject.organisation.permissions import is_ministry_officer

from . import forms, permissions, selectors, services
from .instruments import ASO_INSTRUMENT, TRAINER_PROFILE, get_instrument
from .models import (
    Audience,
    Campaign,
    ImprovementAction,
    Instrument,
    Invitation,
    RecognitionApplication,
    Theme,
)


def _form_page(request, form, *, title, cancel_url=None, submit_label=None, intro=None):
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "submit_label": submit_label,
            "intro": intro,
        },
    )


@login_required
def home(request):
    """What quality of training offers this person."""
    user = request.user
    invitations = (
        Invitation.objects.filter(user=user, responded=False, campaign__status=Campaign.Status.OPEN)
        .select_related("campaign")
        .order_by("campaign__closes")
    )
    return render(
        request,
        "quality/home.html",
        {
            "open_invitations": invitations,
            "can_apply": permissions.can_apply_for_recognition(user),
            "is_ministry": is_ministry_officer(user),
            "can_view_register": permissions.can_view_register(user),
            "can_open_campaign": permissions.can_open_campaign(user),
            "can_view_reports": permissions.can_view_reports(user),
            "can_self_evaluate": permissions.can_self_evaluate(user),
            "can_log_activities": permissions.can_log_activities(user) or is_ministry_officer(user),
        },
    )


# --- Recognition applications ------------------------------------------------------------


def _applicant_services(user):
    return (
        permissions.services_coordinated_by(user) | permissions.services_trained_by(user)
    ).distinct()


@login_required
def application_list(request):
    user = request.user
    ensure(permissions.can_apply_for_recognition(user) or is_ministry_officer(user))
    applications = (
        permissions.applications_visible_to(user)
        .select_related("service__hospital", "trainer")
        .order_by("-created_at")
    )
    status = request.GET.get("status", "")
    if status in RecognitionApplication.Status.values:
        applications = applications.filter(status=status)
    return render(
        request,
        "quality/application_list.html",
        {
            "applications": applications,
            "statuses": RecognitionApplication.Status.choices,
            "status": status,
            "can_apply": permissions.can_apply_for_recognition(user),
        },
    )


@login_required
def application_create(request):
    user = request.user
    ensure(permissions.can_apply_for_recognition(user))
    form = forms.ApplicationCreateForm(request.POST or None, services=_applicant_services(user))
    if request.method == "POST" and form.is_valid():
        trainer = None
        if form.cleaned_data["trainer_email"]:
            trainer = services.user_by_email(form.cleaned_data["trainer_email"])
            if trainer is None:
                form.add_error("trainer_email", _("Nobody with this e-mail address is registered."))
        if form.is_valid():
            try:
                application = services.application_create(
                    kind=form.cleaned_data["kind"],
                    service=form.cleaned_data["service"],
                    trainer=trainer,
                    requested_places=form.cleaned_data["requested_places"],
                    motivation=form.cleaned_data["motivation"],
                    actor=user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The draft application was created."))
                return redirect("quality:application_detail", pk=application.pk)
    return _form_page(
        request,
        form,
        title=_("New recognition application"),
        cancel_url=reverse("quality:application_list"),
        submit_label=_("Create draft"),
    )


def _application(request, pk):
    return get_scoped_or_404(
        permissions.applications_visible_to(request.user).select_related(
            "service__hospital", "service__specialty", "trainer", "applicant"
        ),
        pk=pk,
    )


@login_required
def application_detail(request, pk):
    application = _application(request, pk)
    user = request.user
    overview = (
        application.development_overview
        if not application.is_draft
        else selectors.development_overview(application.service, today=timezone.localdate())
    )
    total_hours = sum(float(row["hours"]) for row in overview)
    if application.trainer_id:
        audit_read(actor=user, subject=application.trainer, target=application)
    return render(
        request,
        "quality/application_detail.html",
        {
            "application": application,
            "staff": application.staff.all(),
            "months": application.activity_months.all(),
            "documents": application.documents.all(),
            "overview": overview,
            "total_hours": total_hours,
            "can_edit": permissions.can_edit_application(user, application),
            "can_review": permissions.can_review_application(user, application),
            "staff_form": forms.StaffMemberForm(),
        },
    )


@login_required
def application_edit(request, pk):
    application = _application(request, pk)
    ensure(permissions.can_edit_application(request.user, application))
    form = forms.ApplicationEditForm(
        request.POST or None,
        initial={
            "version": application.version,
            "requested_places": application.requested_places,
            "motivation": application.motivation,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                application=application,
                requested_places=form.cleaned_data["requested_places"],
                motivation=form.cleaned_data["motivation"],
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("quality:application_detail", pk=application.pk)
    return _form_page(
        request,
        form,
        title=_("Change the application"),
        cancel_url=reverse("quality:application_detail", args=[application.pk]),
    )


@login_required
def application_staff_add(request, pk):
    application = _application(request, pk)
    ensure(permissions.can_edit_application(request.user, application))
    form = forms.StaffMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_member_add(
                application=application, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(reverse("quality:application_detail", args=[application.pk]) + "#staff")
    return _form_page(
        request,
        form,
        title=_("Add a staff member"),
        cancel_url=reverse("quality:application_detail", args=[application.pk]),
        submit_label=_("Add"),
    )


@login_required
@require_POST
def application_staff_delete(request, pk, member_pk):
    application = _application(request, pk)
    ensure(permissions.can_edit_application(request.user, application))
    member = get_object_or_404(application.staff, pk=member_pk)
    services.staff_member_remove(member=member, actor=request.user)
    return redirect(reverse("quality:application_detail", args=[application.pk]) + "#staff")


@login_required
def application_figures(request, pk):
    application = _application(request, pk)
    ensure(permissions.can_edit_application(request.user, application))
    existing = {
        m.month: {
            "admissions": m.admissions,
            "consultations": m.consultations,
            "procedures": m.procedures,
        }
        for m in application.activity_months.all()
    }
    months = (
        sorted(existing)
        if len(existing) == 12
        else services.activity_months_for(timezone.localdate())
    )
    form = forms.ActivityFiguresForm(request.POST or None, months=months, initial_rows=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_figures_save(
                application=application, figures=form.figures(), actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(
                reverse("quality:application_detail", args=[application.pk]) + "#figures"
            )
    return render(
        request,
        "quality/application_figures.html",
        {"application": application, "form": form},
    )


@login_required
def application_document_add(request, pk):
    application = _application(request, pk)
    ensure(permissions.can_edit_application(request.user, application))
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(
                application=application,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(
                reverse("quality:application_detail", args=[application.pk]) + "#documents"
            )
    return _form_page(
        request,
        form,
        title=_("Add a supporting document"),
        cancel_url=reverse("quality:application_detail", args=[application.pk]),
        submit_label=_("Upload"),
    )


def _file_response(field, name, content_type):
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def application_document_download(request, pk, document_pk):
    application = _application(request, pk)
    document = get_object_or_404(application.documents, pk=document_pk)
    return _file_response(document.file, document.original_name, document.content_type)


@login_required
@require_POST
def application_document_delete(request, pk, document_pk):
    application = _application(request, pk)
    ensure(permissions.can_edit_application(request.user, application))
    document = get_object_or_404(application.documents, pk=document_pk)
    services.document_remove(document=document, actor=request.user)
    return redirect(reverse("quality:application_detail", args=[application.pk]) + "#documents")


@login_required
@require_POST
def application_submit(request, pk):
    application = _application(request, pk)
    ensure(permissions.can_edit_application(request.user, application))
    try:
        services.application_submit(application=application, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The application was submitted to the ministry."))
    return redirect("quality:application_detail", pk=application.pk)


@login_required
@require_POST
def application_review(request, pk):
    application = _application(request, pk)
    ensure(permissions.can_review_application(request.user, application))
    try:
        services.application_start_review(application=application, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("quality:application_detail", pk=application.pk)


@login_required
def application_decide(request, pk):
    application = _application(request, pk)
    ensure(permissions.can_review_application(request.user, application))
    form = forms.DecisionForm(
        request.POST or None, initial={"capacity": application.requested_places}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "grant":
                services.application_grant(
                    application=application,
                    start=data["start"],
                    capacity=data["capacity"],
                    reference=data["reference"],
                    actor=request.user,
                )
            else:
                services.application_refuse(
                    application=application, reason=data["reason"], actor=request.user
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("quality:application_detail", pk=application.pk)
    return _form_page(
        request,
        form,
        title=_("Decide on %(application)s") % {"application": application},
        cancel_url=reverse("quality:application_detail", args=[application.pk]),
        submit_label=_("Record the decision"),
    )


# --- Register ------------------------------------------------------------------------------


@login_required
def register(request):
    ensure(permissions.can_view_register(request.user))
    query = request.GET.get("q", "")[:100]
    rows = selectors.register_rows(today=timezone.localdate(), query=query)
    return render(request, "quality/register.html", {"rows": rows, "query": query})


@login_required
def register_csv(request):
    ensure(permissions.can_view_register(request.user))
    query = request.GET.get("q", "")[:100]
    rows = selectors.register_rows(today=timezone.localdate(), query=query)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="recognitions.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "kind",
            "name",
            "service",
            "hospital",
            "specialty",
            "start",
            "end",
            "capacity",
            "reference",
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row["kind"],
                row["name"],
                row.get("service", row["name"]),
                row["hospital"],
                row["specialty"],
                row["start"].isoformat(),
                row["end"].isoformat(),
                row["capacity"],
                row["reference"],
            ]
        )
    return response


# --- Campaigns -----------------------------------------------------------------------------


@login_required
def campaign_list(request):
    ensure(permissions.can_open_campaign(request.user))
    campaigns = permissions.campaigns_visible_to(request.user).select_related(
        "instrument", "university", "specialty"
    )
    return render(request, "quality/campaign_list.html", {"campaigns": campaigns})


@login_required
def campaign_create(request):
    user = request.user
    ensure(permissions.can_open_campaign(user))
    today = timezone.localdate()
    form = forms.CampaignForm(
        request.POST or None,
        scopes=permissions.campaign_scopes(user),
        initial={"opens": today, "closes": today + datetime.timedelta(days=28)},
    )
    if request.method == "POST" and form.is_valid():
        university, specialty = form.scope_objects()
        try:
            campaign = services.campaign_open(
                name=form.cleaned_data["name"],
                instrument=form.cleaned_data["instrument"],
                university=university,
                specialty=specialty,
                opens=form.cleaned_data["opens"],
                closes=form.cleaned_data["closes"],
                actor=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The campaign is open; the invitations are being sent."))
            return redirect("quality:campaign_detail", pk=campaign.pk)
    return _form_page(
        request,
        form,
        title=_("Open a survey campaign"),
        cancel_url=reverse("quality:campaign_list"),
        submit_label=_("Open the campaign"),
    )


def _campaign(request, pk):
    return get_scoped_or_404(
        permissions.campaigns_visible_to(request.user).select_related("instrument"), pk=pk
    )


@login_required
def campaign_detail(request, pk):
    campaign = _campaign(request, pk)
    return render(
        request,
        "quality/campaign_detail.html",
        {
            "campaign": campaign,
            "rates": selectors.response_rates(campaign),
            "can_manage": permissions.can_manage_campaign(request.user, campaign),
        },
    )


@login_required
@require_POST
def campaign_remind(request, pk):
    campaign = _campaign(request, pk)
    ensure(permissions.can_manage_campaign(request.user, campaign))
    try:
        services.campaign_send_reminders(campaign=campaign, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Reminders are being sent to those who have not answered."))
    return redirect("quality:campaign_detail", pk=campaign.pk)


@login_required
@require_POST
def campaign_close(request, pk):
    campaign = _campaign(request, pk)
    ensure(permissions.can_manage_campaign(request.user, campaign))
    try:
        services.campaign_close(campaign=campaign, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The campaign is closed. Its reports are available."))
    return redirect("quality:campaign_detail", pk=campaign.pk)


# --- Answering a survey --------------------------------------------------------------------


@login_required
def survey_list(request):
    invitations = (
        permissions.invitations_of(request.user)
        .select_related("campaign__instrument")
        .order_by("-campaign__opens")
    )
    return render(request, "quality/survey_list.html", {"invitations": invitations})


@login_required
def survey_respond(request, campaign_pk):
    invitation = get_scoped_or_404(
        permissions.invitations_of(request.user).select_related("campaign__instrument"),
        campaign_id=campaign_pk,
    )
    campaign = invitation.campaign
    today = timezone.localdate()
    is_open = campaign.is_open and campaign.opens <= today <= campaign.closes
    if invitation.responded or not is_open:
        return render(
            request,
            "quality/survey_done.html",
            {"campaign": campaign, "responded": invitation.responded},
        )
    form = forms.ScaleForm(request.POST or None, instrument=campaign.instrument)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_response_submit(
                campaign=campaign,
                scores=form.scores(),
                free_text=form.cleaned_data["free_text"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your answers were stored anonymously."))
            return redirect("quality:survey_respond", campaign_pk=campaign.pk)
    return render(request, "quality/survey_form.html", {"campaign": campaign, "form": form})


# --- Reports -------------------------------------------------------------------------------


def _report_groups(user) -> dict:
    groups = {
        "service": permissions.report_services(user).select_related("hospital"),
        "hospital": permissions.report_hospitals(user),
        "specialty": permissions.report_specialties(user),
    }
    return groups


@login_required
def report_index(request):
    user = request.user
    ensure(permissions.can_view_reports(user))
    query = request.GET.get("q", "").strip()[:100]
    groups = _report_groups(user)
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
    if kind not in permissions.REPORT_KINDS:
        raise Http404
    if kind == "year":
        if not permissions.can_view_year_reports(user) or not 1 <= key <= 10:
            raise Http404
        obj = key
    else:
        obj = get_scoped_or_404(_report_groups(user)[kind], pk=key)
    instruments = Instrument.objects.exclude(audience=Audience.TRAINER_SELF)
    code = request.GET.get("instrument") or ASO_INSTRUMENT
    instrument = instruments.filter(code=code).first()
    if instrument is None:
        raise Http404
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
    ensure(permissions.can_view_reports(request.user))
    return render(request, "quality/report_detail.html", _report_context(request, kind, key))


@login_required
def report_csv(request, kind, key):
    ensure(permissions.can_view_reports(request.user))
    context = _report_context(request, kind, key)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-{kind}-{key}.csv"'
    writer = csv.writer(response)
    for row in selectors.report_csv_rows(context["report"], context["label"]):
        writer.writerow(row)
    return response


@login_required
def report_pdf(request, kind, key):
    ensure(permissions.can_view_reports(request.user))
    context = _report_context(request, kind, key)
    pdf = render_pdf("quality/report_pdf.html", context, request=request)
    return pdf_response(pdf, f"report-{kind}-{key}.pdf")


@login_required
def action_create(request, service_pk, campaign_pk):
    service = get_scoped_or_404(permissions.report_services(request.user), pk=service_pk)
    campaign = get_object_or_404(Campaign, pk=campaign_pk, status=Campaign.Status.CLOSED)
    ensure(permissions.can_write_improvement_action(request.user, service))
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
    action = get_scoped_or_404(
        permissions.improvement_actions_visible_to(request.user).select_related(
            "service", "campaign__instrument"
        ),
        pk=pk,
    )
    ensure(permissions.can_write_improvement_action(request.user, action.service))
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


# --- Self-evaluation -----------------------------------------------------------------------


@login_required
def selfeval_list(request):
    ensure(permissions.can_self_evaluate(request.user))
    return render(
        request,
        "quality/selfeval_list.html",
        {"evaluations": permissions.self_evaluations_of(request.user)},
    )


@login_required
def selfeval_create(request):
    ensure(permissions.can_self_evaluate(request.user))
    instrument = get_instrument(TRAINER_PROFILE)
    form = forms.ScaleForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.self_evaluation_create(
                scores=form.scores(), reflection=form.cleaned_data["free_text"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("quality:selfeval_detail", pk=evaluation.pk)
    return render(
        request,
        "quality/survey_form.html",
        {"form": form, "instrument": instrument, "selfeval": True},
    )


@login_required
def selfeval_detail(request, pk):
    own = permissions.self_evaluations_of(request.user)
    evaluation = get_scoped_or_404(own, pk=pk)
    others = own.exclude(pk=evaluation.pk)
    compare_pk = request.GET.get("compare")
    previous = None
    if compare_pk:
        previous = others.filter(pk=compare_pk).first() if compare_pk.isdigit() else None
    else:
        previous = others.filter(
            created_on__lte=evaluation.created_on, pk__lt=evaluation.pk
        ).first()
    themes = Theme.objects.filter(instrument=evaluation.instrument).prefetch_related("items")
    rows = []
    for theme in themes:
        items = []
        for item in theme.items.all():
            now = evaluation.scores.get(item.code)
            before = previous.scores.get(item.code) if previous else None
            items.append(
                {
                    "item": item,
                    "score": now,
                    "previous": before,
                    "delta": (now - before) if now is not None and before is not None else None,
                }
            )
        rows.append({"theme": theme, "items": items})
    return render(
        request,
        "quality/selfeval_detail.html",
        {"evaluation": evaluation, "previous": previous, "others": others, "rows": rows},
    )


# --- Educational activities ----------------------------------------------------------------


@login_required
def activity_list(request):
    user = request.user
    ensure(permissions.can_log_activities(user) or is_ministry_officer(user))
    activities = permissions.activities_visible_to(user).select_related("service__hospital")
    service_pk = request.GET.get("service", "")
    if service_pk.isdigit():
        activities = activities.filter(service_id=service_pk)
    return render(
        request,
        "quality/activity_list.html",
        {
            "activities": activities[:500],
            "can_log": permissions.can_log_activities(user),
        },
    )


@login_required
def activity_create(request):
    user = request.user
    ensure(permissions.can_log_activities(user))
    form = forms.EducationalActivityForm(
        request.POST or None,
        request.FILES or None,
        services=permissions.training_group_services(user),
        initial={"participant": user.get_full_name()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.educational_activity_create(
                service=data["service"],
                participant=data["participant"],
                title=data["title"],
                provider=data["provider"],
                date=data["date"],
                hours=data["hours"],
                accreditation=data["accreditation"],
                proof=data.get("proof"),
                actor=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity was added to the log."))
            return redirect("quality:activity_list")
    return _form_page(
        request,
        form,
        title=_("Log an educational activity"),
        cancel_url=reverse("quality:activity_list"),
    )


@login_required
def activity_proof(request, pk):
    activity = get_scoped_or_404(permissions.activities_visible_to(request.user), pk=pk)
    if not activity.proof:
        raise Http404
    content_type = {
        ".pdf": "application/pdf",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
    }.get(activity.proof.name[activity.proof.name.rfind(".") :].lower(), "application/octet-stream")
    return _file_response(activity.proof, activity.proof_name or "proof", content_type)


@login_required
@require_POST
def activity_delete(request, pk):
    activity = get_scoped_or_404(permissions.activities_visible_to(request.user), pk=pk)
    services.educational_activity_delete(activity=activity, actor=request.user)
    return redirect("quality:activity_list")
