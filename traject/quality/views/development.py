"""Trainers' self-evaluation and educational activities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.forms import add_service_errors

from .. import forms, permissions, services
from ..instruments import trainer_profile_for
from ..models import (
    Theme,
)
from .applications import _file_response
from .home import _form_page

# --- Self-evaluation -----------------------------------------------------------------------


@login_required
def selfeval_list(request):
    user = permissions.self_evaluator(request.user)
    return render(
        request,
        "quality/selfeval_list.html",
        {"evaluations": permissions.self_evaluations_of(user)},
    )


@login_required
def selfeval_create(request):
    permissions.self_evaluator(request.user)
    instrument = trainer_profile_for(request.user)
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
    evaluation = permissions.self_evaluation_for(request.user, pk)
    own = permissions.self_evaluations_of(request.user)
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
    activities = permissions.activity_log_for(user).select_related("service__hospital")
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
    user = permissions.activity_logger(request.user)
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
    activity = permissions.activity_for(request.user, pk)
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
    activity = permissions.activity_for(request.user, pk)
    services.educational_activity_delete(activity=activity, actor=request.user)
    return redirect("quality:activity_list")
