"""Shared set-ups for the quality tests."""

import datetime

from django.utils import timezone

from traject.quality.instruments import ASO_INSTRUMENT, get_instrument
from traject.quality.models import Invitation, Item
from traject.quality.services import campaign_close, campaign_open, survey_response_submit
from traject.testing import factories as f


def all_scores(instrument_code: str = ASO_INSTRUMENT, value=4) -> dict:
    get_instrument(instrument_code)
    codes = Item.objects.filter(theme__instrument__code=instrument_code).values_list(
        "code", flat=True
    )
    return dict.fromkeys(codes, value)


def add_trainees(
    w, service, count: int, *, years: int = 1, university=None, stagemeester=None
) -> list:
    """ASO of the world's university (or ``university``) on a current stage in ``service``
    with the world's stagemeester (or ``stagemeester``).

    With ``years`` > 1 they are spread over that many years of training (1, 2, ...).
    """
    today = timezone.localdate()
    users = []
    for k in range(count):
        extra = {}
        if years > 1:
            extra["training_start"] = today - datetime.timedelta(days=365 * (k % years) + 30)
        trainee = f.TraineeFactory(
            university=university or w.university, specialty=service.specialty, **extra
        )
        f.StageFactory(
            trainee=trainee,
            service=service,
            stagemeester=stagemeester or w.users["stagemeester"],
            start=today - datetime.timedelta(days=30),
            end=today + datetime.timedelta(days=30),
        )
        users.append(trainee.user)
    return users


def open_campaign(
    w, name="Leerklimaat", *, instrument_code=ASO_INSTRUMENT, university=None, actor=None
):
    """A two-week campaign of the world's university (or ``university``), opened today."""
    today = timezone.localdate()
    return campaign_open(
        name=name,
        instrument=get_instrument(instrument_code),
        university=university or w.university,
        opens=today,
        closes=today + datetime.timedelta(days=14),
        actor=actor or w.users["programme_admin"],
    )


def answer(campaign, users, value=4, free_text="", *, instrument_code=ASO_INSTRUMENT):
    for user in users:
        survey_response_submit(
            campaign=campaign,
            scores=all_scores(instrument_code, value=value),
            free_text=free_text,
            actor=user,
        )


def closed_campaign(w, per_service: dict, *, value=4, free_text="") -> object:
    """Open a campaign, let ``n`` ASO of each service answer, close it."""
    groups = {service: add_trainees(w, service, n) for service, n in per_service.items()}
    campaign = open_campaign(w)
    for users in groups.values():
        answer(campaign, users, value=value, free_text=free_text)
    campaign_close(campaign=campaign, actor=w.users["programme_admin"])
    campaign.refresh_from_db()
    return campaign


def responded_users(campaign):
    return set(
        Invitation.objects.filter(campaign=campaign, responded=True).values_list(
            "user_id", flat=True
        )
    )
