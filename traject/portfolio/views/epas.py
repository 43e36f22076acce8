"""Entrustment decisions on EPAs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.forms import add_service_errors

from .. import forms, selectors, services
from .. import permissions as perms
from ._common import _form_page

# --- Entrustment ------------------------------------------------------------------------------


@login_required
def entrustment_create(request, trainee_pk):
    trainee = perms.entrustment_decider_for(request.user, trainee_pk)
    initial = {}
    if request.GET.get("epa"):
        initial["epa"] = request.GET["epa"]
    form = forms.EntrustmentForm(request.POST or None, trainee=trainee, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.entrustment_decide(trainee=trainee, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The entrustment decision was recorded."))
            return redirect("portfolio:trainee_overview", trainee_pk=trainee.pk)
    return _form_page(
        request,
        form,
        _("Entrustment decision for %(name)s") % {"name": trainee},
        cancel_url=reverse("portfolio:trainee_overview", args=[trainee.pk]),
        submit_label=_("Record decision"),
        intro=_(
            "A new decision for an EPA supersedes the previous one; the earlier decisions stay "
            "in the history."
        ),
    )


@login_required
def epa_history(request, trainee_pk, epa_pk):
    trainee, epa = perms.epa_history_of(request.user, trainee_pk, epa_pk)
    decisions = (
        trainee.entrustment_decisions.filter(epa=epa)
        .select_related("decided_by")
        .prefetch_related("evidence")
    )
    return render(
        request,
        "portfolio/epa_history.html",
        {
            "trainee": trainee,
            "epa": epa,
            "decisions": decisions,
            "chart": selectors.level_chart(list(reversed(list(decisions))), width=320, height=80),
            "can_decide": perms.can_decide_entrustment(request.user, trainee),
            "feedback": trainee.feedback.filter(epa=epa).select_related("author"),
        },
    )
