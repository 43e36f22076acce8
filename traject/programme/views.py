"""Pages of the programme: trainer sessions, yearly training, course evaluations, news."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.forms import add_service_errors
from traject.core.pdf import pdf_response, render_pdf
from traject.organisation.models import Country, Hospital, University
from traject.organisation.permissions import admin_university_ids, is_ministry_officer

from . import forms, permissions, selectors, services
from .ics import sessions_ics
from .models import Registration


def _form_page(request, form, *, title, cancel_url=None, intro=None):
    return render(
        request,
        "core/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "intro": intro},
    )


def _flash_error(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def home(request):
    user = request.user
    may_read = permissions.can_view_catalogue(user)
    courses = permissions.courses_to_evaluate(user)
    if not may_read and not courses.exists():
        permissions.catalogue_reader(user)  # 403
    now = timezone.now()
    country = selectors.catalogue_country(user, request.GET.get("country"))
    upcoming = permissions.sessions_visible_to(user).filter(starts__gte=now)
    if country:
        upcoming = upcoming.filter(country=country)
    context = {
        "upcoming": upcoming[:50],
        "country": country or selectors.ALL_COUNTRIES,
        "countries": [*Country.choices, (selectors.ALL_COUNTRIES, _("All countries"))],
        "mine": Registration.objects.filter(trainer=user)
        .select_related("session")
        .order_by("-session__starts")[:50],
        "status": selectors.yearly_status(user) if permissions.is_trainer(user) else None,
        "organiser": permissions.can_organise(user),
        # The organiser's recent and coming sessions: where attendance is recorded.
        "organised": permissions.sessions_managed_by(user)
        .filter(starts__gte=now - datetime.timedelta(days=90))
        .order_by("-starts")[:50]
        if permissions.can_organise(user)
        else [],
        "coordinator": permissions.has_coordinator_role(user),
        "evaluations": courses.exists() or permissions.can_write_news(user),
        "news_writer": permissions.can_write_news(user),
    }
    return render(request, "programme/home.html", context)


@login_required
def session_detail(request, pk):
    session = permissions.session_for(request.user, pk)
    registrations = session.registrations.select_related("trainer")
    mine = registrations.filter(trainer=request.user).first()
    manages = permissions.can_manage_session(request.user, session)
    return render(
        request,
        "programme/session_detail.html",
        {
            "session": session,
            "mine": mine,
            "taken": registrations.count(),
            "registrations": registrations if manages else None,
            "manages": manages,
            "may_register": permissions.can_register(request.user, session),
            "started": session.starts <= timezone.now(),
        },
    )


@login_required
def session_create(request):
    user = permissions.organiser(request.user)
    universities = (
        University.objects.all()
        if is_ministry_officer(user)
        else University.objects.filter(pk__in=admin_university_ids(user))
    )
    hospitals = (
        Hospital.objects.all()
        if is_ministry_officer(user)
        else Hospital.objects.filter(pk__in=permissions.coordinated_hospital_ids(user))
    )
    form = forms.SessionForm(request.POST or None, universities=universities, hospitals=hospitals)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.trainer_session_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("programme:session_detail", pk=session.pk)
    return _form_page(
        request, form, title=_("New trainer session"), cancel_url=reverse("programme:home")
    )


@login_required
def session_edit(request, pk):
    session = permissions.session_to_manage(request.user, pk)
    initial = {name: getattr(session, name) for name in services.SESSION_FIELDS}
    initial["starts"] = timezone.localtime(session.starts).strftime("%Y-%m-%dT%H:%M")
    initial["ends"] = timezone.localtime(session.ends).strftime("%Y-%m-%dT%H:%M")
    initial["version"] = session.version
    form = forms.SessionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.trainer_session_update(
                session=session, actor=request.user, expected_version=version, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The session was changed; the registered trainers are told by e-mail.")
            )
            return redirect("programme:session_detail", pk=session.pk)
    return _form_page(
        request,
        form,
        title=_("Change the session"),
        cancel_url=reverse("programme:session_detail", args=[session.pk]),
    )


@login_required
@require_POST
def session_cancel(request, pk):
    session = permissions.session_to_manage(request.user, pk)
    try:
        services.trainer_session_cancel(
            session=session, actor=request.user, expected_version=request.POST.get("version")
        )
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request, _("The session was cancelled; the registered trainers are told by e-mail.")
        )
    return redirect("programme:session_detail", pk=session.pk)


@login_required
@require_POST
def session_register(request, pk):
    session = permissions.session_to_register(request.user, pk)
    try:
        services.registration_create(session=session, actor=request.user)
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("You are registered."))
    return redirect("programme:session_detail", pk=session.pk)


@login_required
@require_POST
def session_unregister(request, pk):
    session = permissions.session_to_register(request.user, pk)
    try:
        services.registration_cancel(session=session, actor=request.user)
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("You are no longer registered."))
    return redirect("programme:session_detail", pk=session.pk)


@login_required
@require_POST
def attendance_record(request, pk, registration_pk):
    registration = permissions.registration_to_record(request.user, pk, registration_pk)
    try:
        services.attendance_record(registration=registration, actor=request.user)
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("The attendance is recorded."))
    return redirect("programme:session_detail", pk=pk)


@login_required
def certificate(request, registration_pk):
    registration = permissions.certificate_for(request.user, registration_pk)
    pdf = render_pdf(
        "programme/certificate.html",
        {
            "registration": registration,
            "session": registration.session,
            "today": timezone.localdate(),
        },
    )
    return pdf_response(pdf, f"certificate-{registration.session_id}.pdf")


@login_required
def my_calendar(request):
    user = permissions.trainer(request.user)
    registrations = Registration.objects.filter(trainer=user).select_related("session")
    response = HttpResponse(
        sessions_ics(registrations, user.get_full_name() or user.email),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="trainer-sessions.ics"'
    return response


@login_required
def hospital_overview(request):
    user = permissions.hospital_overview_reader(request.user)
    return render(
        request,
        "programme/hospital_overview.html",
        {"rows": selectors.hospital_overview(user), "year": timezone.localdate().year},
    )


# --- Course evaluations ----------------------------------------------------------------------


@login_required
def evaluation_list(request):
    user = permissions.evaluation_reader(request.user)
    return render(
        request,
        "programme/evaluation_list.html",
        {
            "evaluations": permissions.evaluations_visible_to(user).select_related(
                "course", "campaign"
            ),
            "courses": permissions.courses_to_evaluate(user),
        },
    )


@login_required
def evaluation_create(request, course_pk):
    course = permissions.course_for_evaluation(request.user, course_pk)
    form = forms.EvaluationForm(
        request.POST or None, initial={"closes": timezone.localdate() + datetime.timedelta(days=21)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.course_evaluation_open(
                course=course, closes=form.cleaned_data["closes"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("programme:evaluation_detail", pk=evaluation.pk)
    return _form_page(
        request,
        form,
        title=_("Evaluate the course %(course)s") % {"course": course.name},
        cancel_url=reverse("programme:evaluation_list"),
        intro=_(
            "The ASO of the course are invited to an anonymous survey. Results are shown once the survey is closed and enough ASO have answered."
        ),
    )


@login_required
def evaluation_detail(request, pk):
    evaluation = permissions.evaluation_for(request.user, pk)
    return render(
        request,
        "programme/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "results": selectors.evaluation_results(evaluation),
            "may_manage": permissions.can_open_course_evaluation(request.user, evaluation.course),
            "may_publish": permissions.can_publish_evaluation(request.user, evaluation),
            "publish_form": forms.PublishForm(),
        },
    )


@login_required
@require_POST
def evaluation_close(request, pk):
    evaluation = permissions.evaluation_to_manage(request.user, pk)
    try:
        services.course_evaluation_close(evaluation=evaluation, actor=request.user)
    except ValidationError as error:
        _flash_error(request, error)
    return redirect("programme:evaluation_detail", pk=pk)


@login_required
@require_POST
def evaluation_publish(request, pk):
    evaluation = permissions.evaluation_to_publish(request.user, pk)
    form = forms.PublishForm(request.POST)
    if form.is_valid():
        try:
            services.course_evaluation_publish(
                evaluation=evaluation, highlight=form.cleaned_data["highlight"], actor=request.user
            )
        except ValidationError as error:
            _flash_error(request, error)
        else:
            messages.success(request, _("The highlight is published as news."))
    else:
        messages.error(request, _("Write the highlight."))
    return redirect("programme:evaluation_detail", pk=pk)


# --- News --------------------------------------------------------------------------------


@login_required
def news_list(request):
    items = permissions.news_written_by(request.user)
    return render(request, "programme/news_list.html", {"items": items[:200]})


@login_required
def news_create(request):
    user = permissions.news_writer(request.user)
    universities = (
        University.objects.all()
        if is_ministry_officer(user)
        else University.objects.filter(pk__in=admin_university_ids(user))
    )
    today = timezone.localdate()
    form = forms.NewsForm(
        request.POST or None,
        universities=universities,
        initial={
            "publish_on": today,
            "expires_on": today + datetime.timedelta(days=30),
            "kind": "announcement",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.news_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The news item is published."))
            return redirect("programme:news_list")
    return _form_page(
        request, form, title=_("New news item"), cancel_url=reverse("programme:news_list")
    )


@login_required
@require_POST
def news_read(request, pk):
    item = permissions.news_to_read(request.user, pk)
    services.news_mark_read(item=item, actor=request.user)
    return redirect(request.POST.get("next") if _safe_next(request) else "core:dashboard")


def _safe_next(request) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    )
