"""Survey campaigns and answering a survey."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.confirm import confirmation, is_confirmed
from traject.core.forms import add_service_errors

from .. import forms, permissions, selectors, services
from .home import _form_page

# --- Campaigns -----------------------------------------------------------------------------


@login_required
def campaign_list(request):
    campaigns = permissions.campaigns_for(request.user).select_related(
        "instrument", "university", "specialty", "course_evaluation__course"
    )
    return render(request, "quality/campaign_list.html", {"campaigns": campaigns})


@login_required
def campaign_create(request):
    user = permissions.campaign_opener(request.user)
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


@login_required
def campaign_detail(request, pk):
    campaign = permissions.campaign_for(request.user, pk)
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
    campaign = permissions.campaign_for(request.user, pk, for_manage=True)
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
    campaign = permissions.campaign_for(request.user, pk, for_manage=True)
    if not is_confirmed(request):
        rates = selectors.response_rates(campaign)
        return confirmation(
            request,
            title=_("Close the campaign “%(name)s”?") % {"name": campaign},
            consequences=[
                _(
                    "Nobody can answer any more: %(responded)s of the %(invited)s invited "
                    "people answered (%(rate)s%%)."
                )
                % rates["total"],
                _("The reports become available, only for groups with at least %(n)s answers.")
                % {"n": rates["threshold"]},
                _("A closed campaign cannot be opened again."),
            ],
            confirm_label=_("Close the campaign"),
            cancel_url=reverse("quality:campaign_detail", args=[campaign.pk]),
        )
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
    invitation = permissions.invitation_for(request.user, campaign_pk)
    campaign = invitation.campaign
    today = timezone.localdate()
    is_open = campaign.is_open and campaign.opens <= today <= campaign.closes
    if invitation.has_responded or not is_open:
        return render(
            request,
            "quality/survey_done.html",
            {"campaign": campaign, "responded": invitation.has_responded},
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
