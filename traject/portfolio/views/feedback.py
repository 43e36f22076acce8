"""Feedback requests and feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.forms import add_service_errors

from .. import forms, selectors, services
from .. import permissions as perms
from ..models import (
    FeedbackRequest,
)
from ._common import _form_page

# --- Feedback ----------------------------------------------------------------------------------


@login_required
def feedback_timeline(request):
    """All feedback of the ASO in one timeline, with open requests."""
    trainee = perms.own_trainee(request.user)
    return render(
        request,
        "portfolio/feedback_timeline.html",
        {
            "trainee": trainee,
            "feedback": selectors.feedback_timeline(trainee),
            "requests": FeedbackRequest.objects.filter(trainee=trainee)
            .exclude(status=FeedbackRequest.Status.COMPLETED)
            .select_related("supervisor", "team_member", "epa")
            .prefetch_related("links"),
            "has_mentor": hasattr(trainee, "mentor_membership"),
        },
    )


@login_required
def feedback_request_create(request):
    trainee = perms.own_trainee(request.user)
    from traject.workfloor.selectors import stageteam

    form = forms.FeedbackRequestForm(
        request.POST or None, trainee=trainee, people=stageteam(trainee)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_request_create(
                trainee=trainee, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your request was sent."))
            return redirect("portfolio:feedback_timeline")
    return _form_page(
        request,
        form,
        _("Ask for feedback"),
        cancel_url=reverse("portfolio:feedback_timeline"),
        submit_label=_("Send request"),
        intro=_(
            "Your supervisor receives an e-mail with a one-time link to a one-minute form, "
            "no log-in needed."
        ),
    )


@login_required
@require_POST
def feedback_request_withdraw(request, pk):
    fr = perms.feedback_request_for(request.user, pk)
    try:
        services.feedback_request_withdraw(request=fr, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("portfolio:feedback_timeline")


@login_required
def feedback_requests(request):
    """The requests others sent this person (any staff member may be asked)."""
    return render(
        request,
        "portfolio/feedback_requests.html",
        {
            "open": selectors.open_requests_for_supervisor(request.user),
            "done": perms.requests_asked_of(request.user)
            .filter(status=FeedbackRequest.Status.COMPLETED)
            .select_related("trainee__user")[:20],
        },
    )


@login_required
def feedback_request_complete(request, pk):
    """The one-minute form, from the e-mail link or the dashboard."""
    fr = perms.feedback_request_for(request.user, pk, for_answer=True)
    if fr.status != FeedbackRequest.Status.OPEN:
        messages.info(request, _("This request was already answered or withdrawn."))
        return redirect("portfolio:feedback_requests")
    form = forms.FeedbackCompleteForm(request.POST or None, with_level=fr.epa_id is not None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_request_complete(request=fr, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your feedback was sent."))
            return redirect("portfolio:feedback_requests")
    return render(request, "portfolio/feedback_complete.html", {"fr": fr, "form": form})


@login_required
def feedback_give(request, trainee_pk):
    """The stagemeester gives feedback unasked."""
    trainee = perms.feedback_giver_for(request.user, trainee_pk)
    form = forms.FeedbackGiveForm(request.POST or None, trainee=trainee)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(trainee=trainee, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your feedback was sent."))
            return redirect("portfolio:trainee_overview", trainee_pk=trainee.pk)
    return _form_page(
        request,
        form,
        _("Feedback for %(name)s") % {"name": trainee},
        cancel_url=reverse("portfolio:trainee_overview", args=[trainee.pk]),
        submit_label=_("Send feedback"),
    )


@login_required
def feedback_detail(request, pk):
    feedback = perms.feedback_for(request.user, pk)
    own = perms.is_self(request.user, feedback.trainee)
    active_shares = feedback.shares.filter(revoked_at__isnull=True).select_related("shared_with")
    return render(
        request,
        "portfolio/feedback_detail.html",
        {
            "feedback": feedback,
            "own": own,
            "shares": active_shares if own else [],
            "has_mentor": own and hasattr(feedback.trainee, "mentor_membership"),
        },
    )


@login_required
@require_POST
def feedback_share(request, pk):
    feedback = perms.feedback_for(request.user, pk, for_share=True)
    try:
        services.feedback_share(feedback=feedback, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Shared with your mentor."))
    return redirect("portfolio:feedback_detail", pk=feedback.pk)


@login_required
@require_POST
def feedback_unshare(request, pk):
    feedback = perms.feedback_for(request.user, pk, for_share=True)
    services.feedback_unshare(feedback=feedback, actor=request.user)
    messages.success(request, _("Your mentor no longer sees this feedback."))
    return redirect("portfolio:feedback_detail", pk=feedback.pk)
