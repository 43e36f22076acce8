"""The work-floor part of the demo: the ASO persona's stageteam gets three members without an
account; one gave feedback at the bedside, one through a one-time link, one has an open link.

Written with the models (no e-mail is sent). The open link's token is unknown (only a hash of a
random value is stored), as it would be in production once the e-mail has left.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from traject.core.demo import DemoContext
from traject.organisation.models import Stage
from traject.portfolio.models import Epa, Feedback, FeedbackRequest

from . import tokens
from .models import BedsideCode, FeedbackLink, TeamMember

MEMBERS = [
    ("Dr. Lien Maes", "lien.maes@uzgent.example", "staflid"),
    ("Dr. Pieter Wouters", "pieter.wouters@uzgent.example", "staflid"),
    ("Dr. Sofie Janssens", "sofie.janssens@uzgent.example", "fellow"),
]


def load(ctx: DemoContext) -> None:
    aso = ctx.personas.get("aso")
    if aso is None or TeamMember.objects.filter(email=MEMBERS[0][1]).exists():
        return
    today = timezone.localdate()
    stage = (
        Stage.objects.filter(trainee__user=aso, start__lte=today, end__gte=today)
        .select_related("trainee", "stagemeester", "service")
        .first()
    )
    if stage is None:
        return
    with transaction.atomic():
        _create(stage, today)
    ctx.say("Work-floor feedback demo data created.")


def _create(stage, today) -> None:
    now = timezone.now()
    days = datetime.timedelta
    trainee, service = stage.trainee, stage.service
    lien, pieter, sofie = [
        TeamMember.objects.create(
            service=service, name=name, email=email, function=function, added_by=stage.stagemeester
        )
        for name, email, function in MEMBERS
    ]
    epa = Epa.objects.filter(specialty_id=trainee.specialty_id, code__endswith="-7").first()

    # At the bedside, confirmed with a code e-mailed to Lien.
    feedback = Feedback.objects.create(
        trainee=trainee,
        team_member=lien,
        channel=Feedback.Channel.BEDSIDE,
        moment_date=today - days(3),
        what="Pleurapunctie kamer 12",
        epa=epa,
        went_well="Goede uitleg aan de patiënt, steriel gewerkt, rustig tempo.",
        to_improve="Markeer de punctieplaats vooraf met de echo.",
        entrustment_level=3 if epa else None,
        created_at=now - days(3),
    )
    BedsideCode.objects.create(
        trainee=trainee,
        moment_date=today - days(3),
        what=feedback.what,
        epa=epa,
        token_hash=tokens.new_token("bedside")[1],
        created_at=now - days(3),
        expires_at=now - days(3) + datetime.timedelta(minutes=15),
        used_at=now - days(3),
        feedback=feedback,
    )

    # Asked by e-mail, answered through the one-time link by Pieter.
    asked = FeedbackRequest.objects.create(
        trainee=trainee,
        team_member=pieter,
        moment_date=today - days(6),
        what="Familiegesprek na opname op intensieve zorg",
        status=FeedbackRequest.Status.COMPLETED,
        created_at=now - days(6),
    )
    Feedback.objects.create(
        trainee=trainee,
        team_member=pieter,
        request=asked,
        channel=Feedback.Channel.LINK,
        moment_date=asked.moment_date,
        what=asked.what,
        went_well="Je liet de familie uitpraten en vatte goed samen.",
        to_improve="Spreek een concreet moment af voor het volgende gesprek.",
        created_at=now - days(5),
    )
    FeedbackLink.objects.create(
        request=asked,
        token_hash=tokens.new_token("link")[1],
        created_at=now - days(6),
        expires_at=now + days(8),
        used_at=now - days(5),
    )

    # Asked of Sofie yesterday: the link is still open (the ASO can withdraw it).
    open_request = FeedbackRequest.objects.create(
        trainee=trainee,
        team_member=sofie,
        moment_date=today - days(1),
        what="Overdracht van de nachtdienst",
        created_at=now - days(1),
    )
    FeedbackLink.objects.create(
        request=open_request,
        token_hash=tokens.new_token("link")[1],
        created_at=now - days(1),
        expires_at=now + days(13),
    )
