"""Campaigns and one's own survey response."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Status

from .. import permissions, selectors, services
from ..models import Audience, Campaign, Instrument, Theme
from ._common import _campaign_out, router
from .schemas import (
    CampaignDetailOut,
    CampaignIn,
    CampaignOut,
    RespondedOut,
    ResponseIn,
    SurveyDetailOut,
    SurveyOut,
)

# --- Campaigns ----------------------------------------------------------------------------


@router.get("/campaigns", response=list[CampaignOut], summary="Survey campaigns in your scope")
def quality_campaign_list(request):
    return [
        _campaign_out(c)
        for c in permissions.campaigns_for(request.auth).select_related(
            "instrument", "course_evaluation__course"
        )
    ]


@router.post(
    "/campaigns",
    response={201: CampaignOut},
    summary="Open a campaign and invite everyone it addresses",
)
def quality_campaign_open(request, payload: CampaignIn):
    from traject.organisation.models import Specialty, University

    permissions.campaign_opener(request.auth)
    instrument = (
        Instrument.objects.exclude(audience=Audience.TRAINER_SELF)
        .filter(code=payload.instrument)
        .first()
    )
    if instrument is None:
        raise ValidationError({"instrument": [_("Unknown survey.")]})
    university = specialty = None
    if payload.university_id is not None:
        university = University.objects.filter(pk=payload.university_id).first()
        if university is None:
            raise ValidationError({"university_id": [_("Unknown university.")]})
    if payload.specialty_id is not None:
        specialty = Specialty.objects.filter(pk=payload.specialty_id).first()
        if specialty is None:
            raise ValidationError({"specialty_id": [_("Unknown specialty.")]})
    campaign = services.campaign_open(
        name=payload.name,
        instrument=instrument,
        university=university,
        specialty=specialty,
        opens=payload.opens,
        closes=payload.closes,
        actor=request.auth,
    )
    return Status(201, _campaign_out(campaign))


@router.get(
    "/campaigns/{campaign_id}",
    response=CampaignDetailOut,
    summary="A campaign with response rates per group (never who)",
)
def quality_campaign_detail(request, campaign_id: int):
    campaign = permissions.campaign_for(request.auth, campaign_id)
    rates = selectors.response_rates(campaign)
    return {
        **_campaign_out(campaign),
        "invited": rates["total"]["invited"],
        "responded": rates["total"]["responded"],
        "rate": rates["total"]["rate"],
        "groups": rates["groups"],
        "threshold": rates["threshold"],
    }


@router.post("/campaigns/{campaign_id}/close", response=CampaignOut, summary="Close a campaign")
def quality_campaign_close(request, campaign_id: int):
    campaign = permissions.campaign_for(request.auth, campaign_id, for_manage=True)
    services.campaign_close(campaign=campaign, actor=request.auth)
    return _campaign_out(campaign)


# --- Your own survey response ---------------------------------------------------------------


def _survey_out(invitation) -> dict:
    c = invitation.campaign
    today = timezone.localdate()
    return {
        "campaign_id": c.pk,
        "name": c.display_name,
        "closes": c.closes,
        "is_open": c.is_open and c.opens <= today <= c.closes,
        "responded": invitation.has_responded,
    }


@router.get("/surveys", response=list[SurveyOut], summary="Surveys you are invited to")
def quality_my_surveys(request):
    return [
        _survey_out(i)
        for i in permissions.invitations_of(request.auth)
        .select_related("campaign")
        .order_by("-campaign__opens")
    ]


@router.get(
    "/surveys/{campaign_id}",
    response=SurveyDetailOut,
    summary="A survey to answer: its items and whether you responded (never your answers)",
)
def quality_my_survey(request, campaign_id: int):
    invitation = permissions.invitation_for(request.auth, campaign_id)
    instrument = invitation.campaign.instrument
    themes = Theme.objects.filter(instrument=instrument).prefetch_related("items").order_by("order")
    return {
        **_survey_out(invitation),
        "intro": instrument.intro,
        "free_text_question": instrument.free_text_question,
        "scale": ["1", "2", "3", "4", "5", "null = not applicable"],
        "themes": [
            {
                "code": t.code,
                "name": t.name,
                "items": [{"code": i.code, "text": i.text} for i in t.items.all()],
            }
            for t in themes
        ],
    }


@router.post(
    "/surveys/{campaign_id}/response",
    response={201: RespondedOut},
    summary="Submit your answers once; they are stored without any link to you",
)
def quality_survey_respond(request, campaign_id: int, payload: ResponseIn):
    invitation = permissions.invitation_for(request.auth, campaign_id)
    campaign = Campaign.objects.get(pk=invitation.campaign_id)
    services.survey_response_submit(
        campaign=campaign, scores=payload.scores, free_text=payload.free_text, actor=request.auth
    )
    return Status(201, {"campaign_id": campaign.pk, "responded": True})
