from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.crud import Crud
from traject.core.forms import add_service_errors
from traject.core.navigation import trainee_links_for

from . import forms, permissions, services
from .models import (
    Hospital,
    HospitalCoordinator,
    ServiceRecognition,
    Specialty,
    TrainerRecognition,
    TrainingService,
    University,
)


def _period(obj):
    return f"{obj.start:%d/%m/%Y} – {obj.end:%d/%m/%Y}"


def _recognition_save(*, instance, actor, expected_version):
    return services.reference_save(
        instance=instance,
        actor=actor,
        expected_version=expected_version,
        permission=permissions.can_manage_recognitions,
    )


def _recognition_delete(*, instance, actor):
    return services.reference_delete(
        instance=instance, actor=actor, permission=permissions.can_manage_recognitions
    )


CRUDS = [
    Crud(
        key="university",
        model=University,
        form_class=forms.UniversityForm,
        title=lambda: _("Universities"),
        columns=[(lambda: _("Code"), lambda o: o.code), (lambda: _("Name"), lambda o: o.name)],
        can_view=permissions.can_view_organisation,
        can_edit=permissions.can_manage_organisation,
        save=services.reference_save,
        delete=services.reference_delete,
        search_fields=["name", "code"],
    ),
    Crud(
        key="hospital",
        model=Hospital,
        form_class=forms.HospitalForm,
        title=lambda: _("Hospitals"),
        columns=[
            (lambda: _("Name"), lambda o: o.name),
            (lambda: _("City"), lambda o: o.city),
            (lambda: _("University"), lambda o: o.university or "—"),
        ],
        can_view=permissions.can_view_organisation,
        can_edit=permissions.can_manage_organisation,
        save=services.reference_save,
        delete=services.reference_delete,
        queryset=lambda user: Hospital.objects.select_related("university"),
        search_fields=["name", "city"],
    ),
    Crud(
        key="specialty",
        model=Specialty,
        form_class=forms.SpecialtyForm,
        title=lambda: _("Specialties"),
        columns=[
            (lambda: _("Name"), lambda o: o.name),
            (lambda: _("Duration (years)"), lambda o: o.duration_years),
        ],
        can_view=permissions.can_view_organisation,
        can_edit=permissions.can_manage_organisation,
        save=services.reference_save,
        search_fields=["name_nl", "name_fr", "name_en", "code"],
    ),
    Crud(
        key="service",
        model=TrainingService,
        form_class=forms.TrainingServiceForm,
        title=lambda: _("Stagediensten"),
        columns=[
            (lambda: _("Name"), lambda o: o.name),
            (lambda: _("Hospital"), lambda o: o.hospital.name),
            (lambda: _("Specialty"), lambda o: o.specialty.name),
        ],
        can_view=permissions.can_view_organisation,
        can_edit=permissions.can_manage_organisation,
        save=services.reference_save,
        delete=services.reference_delete,
        queryset=lambda user: TrainingService.objects.select_related("hospital", "specialty"),
        search_fields=["name", "hospital__name", "specialty__name_nl", "specialty__name_fr"],
    ),
    Crud(
        key="service_recognition",
        model=ServiceRecognition,
        form_class=forms.ServiceRecognitionForm,
        title=lambda: _("Recognitions of stagediensten"),
        intro=lambda: _("A recognition by the FOD Volksgezondheid is valid for five years."),
        columns=[
            (lambda: _("Stagedienst"), lambda o: o.service),
            (lambda: _("Valid"), _period),
            (lambda: _("Reference"), lambda o: o.reference),
        ],
        can_view=permissions.can_view_recognitions,
        can_edit=permissions.can_manage_recognitions,
        save=_recognition_save,
        delete=_recognition_delete,
        queryset=lambda user: ServiceRecognition.objects.select_related("service__hospital"),
        search_fields=["service__name", "service__hospital__name", "reference"],
    ),
    Crud(
        key="trainer_recognition",
        model=TrainerRecognition,
        form_class=forms.TrainerRecognitionForm,
        title=lambda: _("Recognitions of stagemeesters"),
        intro=lambda: _(
            "Each recognition sets how many ASO the stagemeester may train at the same time."
        ),
        columns=[
            (lambda: _("Stagemeester"), lambda o: o.trainer),
            (lambda: _("Stagedienst"), lambda o: o.service),
            (lambda: _("Valid"), _period),
            (lambda: _("Capacity"), lambda o: o.capacity),
        ],
        can_view=permissions.can_view_recognitions,
        can_edit=permissions.can_manage_recognitions,
        save=_recognition_save,
        delete=_recognition_delete,
        queryset=lambda user: TrainerRecognition.objects.select_related(
            "trainer", "service__hospital"
        ),
        search_fields=[
            "trainer__last_name",
            "trainer__first_name",
            "service__name",
            "service__hospital__name",
            "reference",
        ],
    ),
    Crud(
        key="coordinator",
        model=HospitalCoordinator,
        form_class=forms.CoordinatorForm,
        title=lambda: _("Coördinerend stagemeesters"),
        columns=[
            (lambda: _("Person"), lambda o: o.user),
            (lambda: _("Hospital"), lambda o: o.hospital),
        ],
        can_view=permissions.can_view_organisation,
        can_edit=permissions.can_manage_organisation,
        save=lambda *, instance, actor, expected_version: services.reference_save(
            instance=instance, actor=actor
        ),
        delete=services.reference_delete,
        queryset=lambda user: HospitalCoordinator.objects.select_related("user", "hospital"),
        search_fields=["user__last_name", "hospital__name"],
    ),
]
for _crud in CRUDS:
    _crud.namespace = "organisation"


@login_required
def index(request):
    """The organisation overview for programme and ministry staff."""
    user = request.user
    permissions.organisation_reader(user)
    today = timezone.localdate()
    counts = {
        "universities": University.objects.count(),
        "hospitals": Hospital.objects.count(),
        "services": TrainingService.objects.count(),
        "trainees": permissions.trainees_visible_to(user).count(),
        "stages_current": permissions.stages_visible_to(user)
        .filter(start__lte=today, end__gte=today)
        .count(),
        "recognitions_ending": TrainerRecognition.objects.filter(
            end__gte=today, end__lte=today + timezone.timedelta(days=183)
        ).count(),
    }
    return render(
        request,
        "organisation/index.html",
        {
            "counts": counts,
            "can_manage": permissions.can_manage_organisation(user),
            "can_manage_recognitions": permissions.can_manage_recognitions(user),
            "can_manage_stages": permissions.can_manage_stages(user),
        },
    )


@login_required
def trainee_list(request):
    """The ASO this person may see, searchable."""
    user = request.user
    queryset = permissions.trainee_list_for(user).select_related("user", "specialty", "university")
    query = request.GET.get("q", "").strip()
    if query:
        queryset = queryset.filter(
            Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(user__email__icontains=query)
        )
    page = Paginator(queryset.order_by("user__last_name", "user__first_name"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "organisation/trainee_list.html",
        {"page": page, "query": query, "can_manage": permissions.can_manage_trainees(user)},
    )


@login_required
def trainee_detail(request, pk):
    """An ASO's profile: registration, stages, mentor group."""
    trainee = permissions.trainee_for(request.user, pk)
    stages = trainee.stages.select_related("service__hospital", "stagemeester").order_by("-start")
    membership = getattr(trainee, "mentor_membership", None)
    return render(
        request,
        "organisation/trainee_detail.html",
        {
            "trainee": trainee,
            "stages": stages,
            "membership": membership,
            "can_manage": permissions.can_manage_trainee(request.user, trainee),
            "links": trainee_links_for(request, trainee),
        },
    )


@login_required
def trainee_create(request):
    """Register a new ASO (creating their account when needed)."""
    permissions.trainee_manager(request.user)
    universities = permissions.administered_universities(request.user)
    person_form = forms.PersonForm(request.POST or None, prefix="person")
    trainee_form = forms.TraineeForm(
        request.POST or None, prefix="trainee", universities=universities
    )
    if request.method == "POST" and person_form.is_valid() and trainee_form.is_valid():
        try:
            trainee = services.trainee_register(
                user=person_form.to_user(),
                trainee=trainee_form.save(commit=False),
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(
                trainee_form if "university" in getattr(error, "error_dict", {}) else person_form,
                error,
            )
        else:
            messages.success(request, _("%(name)s is registered as ASO.") % {"name": trainee})
            return redirect("organisation:trainee_detail", trainee.pk)
    return render(
        request,
        "organisation/trainee_form.html",
        {"person_form": person_form, "trainee_form": trainee_form, "title": _("Register an ASO")},
    )


@login_required
def trainee_edit(request, pk):
    """Change an ASO's registration."""
    trainee = permissions.trainee_for_change(request.user, pk)
    form = forms.TraineeForm(
        request.POST or None,
        instance=trainee,
        universities=permissions.administered_universities(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.trainee_update(
                trainee=form.save(commit=False),
                actor=request.user,
                expected_version=form.cleaned_data["expected_version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("organisation:trainee_detail", trainee.pk)
    return render(
        request,
        "core/form.html",
        {"title": str(trainee), "form": form, "cancel_url": trainee_url(trainee)},
    )


def trainee_url(trainee):
    from django.urls import reverse

    return reverse("organisation:trainee_detail", args=[trainee.pk])


@login_required
def stage_list(request):
    """Stages of the ASO in scope, current first."""
    user = request.user
    queryset = permissions.stage_list_for(user).select_related(
        "trainee__user", "service__hospital", "stagemeester"
    )
    show = request.GET.get("show", "current")
    today = timezone.localdate()
    if show == "current":
        queryset = queryset.filter(start__lte=today, end__gte=today)
    elif show == "future":
        queryset = queryset.filter(start__gt=today)
    page = Paginator(queryset.order_by("-start", "trainee__user__last_name"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "organisation/stage_list.html",
        {"page": page, "show": show, "can_manage": permissions.can_manage_stages(user)},
    )


def _stage_form_page(request, form, stage=None, problems=None):
    return render(
        request,
        "organisation/stage_form.html",
        {
            "form": form,
            "stage": stage,
            "problems": problems or [],
            "title": str(stage) if stage else _("Assign a stage"),
        },
    )


def _stage_trainees(user):
    return permissions.trainees_administered_by(user)


@login_required
def stage_create(request):
    """Assign an ASO to a stagedienst under a stagemeester, within the recognised capacity."""
    permissions.stage_manager(request.user)
    form = forms.StageForm(request.POST or None, trainees=_stage_trainees(request.user))
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_save(
                stage=form.save(commit=False),
                actor=request.user,
                exception_reason=form.cleaned_data["exception_reason"],
            )
        except ValidationError as error:
            problems = error.messages
            add_service_errors(form, error)
        else:
            messages.success(request, _("The stage was assigned."))
            return redirect("organisation:stage_list")
    return _stage_form_page(request, form, problems=problems)


@login_required
def stage_edit(request, pk):
    """Change a stage; the capacity rule is checked again."""
    stage = permissions.stage_for_change(request.user, pk)
    form = forms.StageForm(
        request.POST or None, instance=stage, trainees=_stage_trainees(request.user)
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_save(
                stage=form.save(commit=False),
                actor=request.user,
                expected_version=form.cleaned_data["expected_version"],
                exception_reason=form.cleaned_data["exception_reason"],
            )
        except ValidationError as error:
            problems = error.messages
            add_service_errors(form, error)
        else:
            messages.success(request, _("The stage was saved."))
            return redirect("organisation:stage_list")
    return _stage_form_page(request, form, stage, problems)


@login_required
@require_POST
def stage_delete(request, pk):
    """Remove a stage assignment."""
    stage = permissions.stage_for_change(request.user, pk)
    services.stage_delete(stage=stage, actor=request.user)
    messages.success(request, _("The stage was removed."))
    return redirect("organisation:stage_list")


@login_required
def service_detail(request, pk):
    """A stagedienst with its recognitions, stagemeesters and how full they are today."""
    service = permissions.service_for(request.user, pk)
    today = timezone.localdate()
    trainers = (
        TrainerRecognition.objects.filter(service=service)
        .select_related("trainer")
        .annotate(
            current=Count(
                "trainer__supervised_stages",
                filter=Q(
                    trainer__supervised_stages__start__lte=today,
                    trainer__supervised_stages__end__gte=today,
                ),
            )
        )
        .order_by("-end")
    )
    return render(
        request,
        "organisation/service_detail.html",
        {
            "service": service,
            "recognitions": service.recognitions.all(),
            "trainers": trainers,
            "today": today,
        },
    )
