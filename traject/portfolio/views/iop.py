"""The IOP: learning goals, comments, agreement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.concurrency import ConflictError, version_from_request
from traject.core.forms import add_service_errors, carry_version

from .. import forms, services
from .. import permissions as perms
from ..models import (
    LearningGoal,
)
from ._common import _form_page

# --- IOP -----------------------------------------------------------------------------------------


@login_required
def goal_list(request):
    trainee = perms.own_trainee(request.user)
    return redirect("portfolio:iop", trainee_pk=trainee.pk)


@login_required
def iop(request, trainee_pk):
    trainee = perms.portfolio_of(request.user, trainee_pk, summary="IOP")
    return render(
        request,
        "portfolio/iop.html",
        {
            "trainee": trainee,
            "own": perms.is_self(request.user, trainee),
            "goals": trainee.learning_goals.prefetch_related("epas", "comments").select_related(
                "agreed_by"
            ),
        },
    )


def _goal_form_page(request, trainee, goal):
    initial = {}
    if goal.pk:
        initial = {
            "title": goal.title,
            "planning": goal.planning,
            "approach": goal.approach,
            "evaluation": goal.evaluation,
            "roles": goal.roles,
            "status": goal.status,
            "epas": list(goal.epas.all()),
            "version": goal.version,
        }
    form = forms.GoalForm(request.POST or None, trainee=trainee, initial=initial)
    carry_version(form, goal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        for field in ("title", "planning", "approach", "evaluation", "roles", "status"):
            setattr(goal, field, data[field])
        try:
            services.goal_save(
                goal=goal, actor=request.user, epas=data["epas"], expected_version=data["version"]
            )
        except ConflictError as exc:
            form.add_error(None, exc.messages[0])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your learning goal was saved."))
            return redirect("portfolio:goal_detail", pk=goal.pk)
    return _form_page(
        request,
        form,
        _("Change learning goal") if goal.pk else _("New learning goal"),
        cancel_url=reverse("portfolio:iop", args=[trainee.pk]),
        intro=_("Every change is kept, so you and your stagemeester can read how the plan grew."),
    )


@login_required
def goal_create(request):
    trainee = perms.own_trainee(request.user)
    return _goal_form_page(request, trainee, LearningGoal(trainee=trainee))


@login_required
def goal_edit(request, pk):
    goal = perms.goal_for(request.user, pk, for_edit=True)
    return _goal_form_page(request, goal.trainee, goal)


@login_required
def goal_detail(request, pk):
    goal = perms.goal_for(request.user, pk)
    return render(
        request,
        "portfolio/goal_detail.html",
        {
            "goal": goal,
            "trainee": goal.trainee,
            "own": perms.is_self(request.user, goal.trainee),
            "can_agree": perms.can_agree_goal(request.user, goal) and not goal.is_agreed,
            "can_comment": perms.can_comment_goal(request.user, goal),
            "comment_form": forms.CommentForm(),
            "comments": goal.comments.select_related("author"),
            "revisions": goal.revisions.select_related("changed_by"),
        },
    )


@login_required
@require_POST
def goal_comment(request, pk):
    goal = perms.goal_for(request.user, pk, for_comment=True)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        services.goal_comment(goal=goal, actor=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect("portfolio:goal_detail", pk=goal.pk)


@login_required
@require_POST
def goal_agree(request, pk):
    goal = perms.goal_for(request.user, pk, for_agree=True)
    version = version_from_request(request, request.POST.get("version"))
    try:
        services.goal_agree(goal=goal, actor=request.user, expected_version=version)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("You agreed with this learning goal."))
    return redirect("portfolio:goal_detail", pk=goal.pk)
