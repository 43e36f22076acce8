"""Recognition applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.audit.services import audit_read
from traject.core.concurrency import ConflictError, version_from_request
from traject.core.forms import add_service_errors

from .. import forms, permissions, selectors, services
from ..models import (
    RecognitionApplication,
)
from .home import _form_page

# --- Recognition applications ------------------------------------------------------------


def _applicant_services(user):
    return (
        permissions.services_coordinated_by(user) | permissions.services_trained_by(user)
    ).distinct()


@login_required
def application_list(request):
    user = request.user
    permissions.applications_for(user)
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
    permissions.applicant(user)
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


@login_required
def application_detail(request, pk):
    application = permissions.application_for(request.user, pk)
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
    application = permissions.application_for(request.user, pk, for_edit=True)
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
    application = permissions.application_for(request.user, pk, for_edit=True)
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
    application, member = permissions.application_part_for(
        request.user, pk, "staff", member_pk, for_edit=True
    )
    services.staff_member_remove(member=member, actor=request.user)
    return redirect(reverse("quality:application_detail", args=[application.pk]) + "#staff")


@login_required
def application_figures(request, pk):
    application = permissions.application_for(request.user, pk, for_edit=True)
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
    form = forms.ActivityFiguresForm(
        request.POST or None, months=months, initial_rows=existing, version=application.version
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_figures_save(
                application=application,
                figures=form.figures(),
                actor=request.user,
                expected_version=form.cleaned_data["version"],
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
    application = permissions.application_for(request.user, pk, for_edit=True)
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
    application, document = permissions.application_part_for(
        request.user, pk, "documents", document_pk
    )
    return _file_response(document.file, document.original_name, document.content_type)


@login_required
@require_POST
def application_document_delete(request, pk, document_pk):
    application, document = permissions.application_part_for(
        request.user, pk, "documents", document_pk, for_edit=True
    )
    version = version_from_request(request, request.POST.get("version"))
    try:
        services.document_remove(document=document, actor=request.user, expected_version=version)
    except ConflictError as error:
        # Nothing is lost: the dossier as it is now, with the reason, to decide again.
        messages.error(request, error.messages[0])
        response = application_detail(request, application.pk)
        response.status_code = 409
        return response
    return redirect(reverse("quality:application_detail", args=[application.pk]) + "#documents")


@login_required
@require_POST
def application_submit(request, pk):
    application = permissions.application_for(request.user, pk, for_edit=True)
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
    application = permissions.application_for(request.user, pk, for_review=True)
    try:
        services.application_start_review(application=application, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("quality:application_detail", pk=application.pk)


@login_required
def application_decide(request, pk):
    application = permissions.application_for(request.user, pk, for_review=True)
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
