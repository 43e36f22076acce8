"""The quality part of the demo: two closed learning-climate campaigns with reports above and
below the anonymity threshold, an open campaign the persona ASO can answer, an improvement
action, a recognition dossier under way, the training group's activity log and self-evaluations.

Written directly with the models (bulk where it counts) so that loading sends no e-mail. Answer
sets are shuffled before insertion, so that even demo rows do not follow the invitation order.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from traject.core.demo import DemoContext
from traject.organisation.models import Stage, TrainerRecognition, TrainingService

from .anonymity import coarsen
from .instruments import ASO_INSTRUMENT, get_instrument, trainer_profile_for
from .models import (
    ActivityMonth,
    AnswerSet,
    Campaign,
    EducationalActivity,
    ImprovementAction,
    Invitation,
    Item,
    RecognitionApplication,
    SelfEvaluation,
    StaffMember,
)
from .selectors import anonymity_threshold
from .services import activity_months_for, campaign_invitees

MARKER = "Leerklimaat (demo)"
COMMENTS = [
    "Meer gestructureerde feedback na de wacht zou helpen.",
    "De supervisie 's nachts is soms te ver weg.",
    "Heel fijne sfeer in het team, ik voel me welkom.",
    "Te veel administratief werk, te weinig tijd voor opleiding.",
    "De stafbesprekingen op donderdag zijn erg leerrijk.",
    "Ik zou graag meer technische procedures zelf doen.",
    "Les moments de formation sont souvent annulés.",
    "Le feedback est rare mais de qualité.",
]
ACTIVITIES = [
    ("Masterclass feedback geven", "Academie voor Medisch Specialisten", 6),
    ("Train-the-trainer: beoordelen met EPA's", "UGent – MSG", 4),
    ("Congres medisch onderwijs", "NVMO", 12),
    ("Intervisie stagemeesters", "UZ Gent", 2),
    ("Workshop psychologische veiligheid", "ICHEC", 3),
    ("Formation maîtres de stage", "UCLouvain", 8),
]


def _score(rng, base: float) -> int | None:
    if rng.random() < 0.05:
        return None
    return max(1, min(5, round(rng.gauss(base, 0.8))))


def _answer_sets(ctx, campaign, invitees, theme_of, base_of_service, forced, below) -> list:
    rng = ctx.rng
    answers = []
    by_service = defaultdict(list)
    for row in invitees:
        by_service[row["service_id"]].append(row)
    responded_users = set()
    for service_id, rows in by_service.items():
        if service_id in forced:
            chosen = rows
        elif service_id in below:
            chosen = rows[: max(1, anonymity_threshold() - 2)]
        else:
            chosen = [r for r in rows if rng.random() < 0.7]
        for row in chosen:
            responded_users.add(row["user_id"])
            base = base_of_service[service_id]
            answers.append(
                AnswerSet(
                    campaign=campaign,
                    filled=True,
                    service_id=row["service_id"],
                    hospital_id=row["hospital_id"],
                    specialty_id=row["specialty_id"],
                    training_year=row["training_year"],
                    scores={
                        code: _score(
                            rng,
                            base
                            + (0.4 if theme == "climate" else 0)
                            - (0.5 if theme == "balance" else 0),
                        )
                        for code, theme in theme_of.items()
                    },
                    free_text=rng.choice(COMMENTS) if rng.random() < 0.3 else "",
                )
            )
    # Stored like real ones: each answer keeps only a group it shares with enough others.
    groups = coarsen(
        [(a.service_id, a.hospital_id, a.specialty_id, a.training_year) for a in answers],
        anonymity_threshold(),
    )
    for answer, group in zip(answers, groups, strict=True):
        answer.service_id, answer.hospital_id, answer.specialty_id, answer.training_year = group
    rng.shuffle(answers)
    return answers, responded_users


def _with_enough_in(invitees: list, forced: set) -> list:
    """Past campaigns: let enough ASO have rotated through the personas' stagedienst."""
    target = anonymity_threshold() + 2
    invitees = [dict(row) for row in invitees]
    for service in TrainingService.objects.filter(pk__in=forced):
        members = sum(1 for r in invitees if r["service_id"] == service.pk)
        donors = [r for r in invitees if r["service_id"] not in forced]
        donors.sort(key=lambda r: (r["specialty_id"] != service.specialty_id, r["user_id"]))
        for row in donors[: max(0, target - members)]:
            row.update(
                service_id=service.pk,
                hospital_id=service.hospital_id,
                specialty_id=service.specialty_id,
            )
    return invitees


@transaction.atomic
def load(ctx: DemoContext) -> None:
    from .instruments import load_instruments

    load_instruments()  # idempotent: an existing database gets the current texts too
    if Campaign.objects.filter(name__startswith=MARKER).exists():
        return
    today = timezone.localdate()
    rng = ctx.rng
    personas = ctx.personas
    ministry, admin = personas.get("ministry"), personas.get("programme_admin")
    stagemeester = personas.get("stagemeester")
    if ministry is None or stagemeester is None:
        ctx.say("quality: personas missing, skipped")
        return
    instrument = get_instrument(ASO_INSTRUMENT)
    theme_of = dict(
        Item.objects.filter(theme__instrument=instrument).values_list("code", "theme__code")
    )
    # Everyone's group as of today (their current or last stage).
    invitees = campaign_invitees(Campaign(instrument=instrument, opens=today))
    persona_service = (
        TrainerRecognition.objects.filter(trainer=stagemeester, start__lte=today, end__gte=today)
        .values_list("service_id", flat=True)
        .first()
    )
    aso_stage = Stage.objects.filter(trainee__user=personas.get("aso")).order_by("-start").first()
    forced = {persona_service, aso_stage.service_id if aso_stage else None} - {None}
    invitees = _with_enough_in(invitees, forced)
    sizes = defaultdict(int)
    for row in invitees:
        sizes[row["service_id"]] += 1
    small = [s for s, n in sizes.items() if s not in forced and n >= 2]
    below = set(rng.sample(small, min(len(small), max(1, len(small) // 10))))
    base_of_service = {s: rng.uniform(2.8, 4.4) for s in sizes}

    campaigns = []
    for years_back in (1, 0):
        opens = today - datetime.timedelta(days=365 * years_back + 60)
        campaign = Campaign.objects.create(
            name=f"{MARKER} {opens.year}",
            instrument=instrument,
            opens=opens,
            closes=opens + datetime.timedelta(days=28),
            status=Campaign.Status.CLOSED,
            closed_on=opens + datetime.timedelta(days=28),
            created_by=ministry,
            invited_on=opens,
            reminder_sent_on=opens + datetime.timedelta(days=21),
        )
        if years_back:
            base_of_service = {s: b - rng.uniform(0, 0.4) for s, b in base_of_service.items()}
        answers, responded = _answer_sets(
            ctx, campaign, invitees, theme_of, base_of_service, forced, below
        )
        Invitation.objects.bulk_create(
            [
                Invitation(campaign=campaign, responded=row["user_id"] in responded, **row)
                for row in invitees
            ],
            batch_size=2000,
        )
        AnswerSet.objects.bulk_create(answers, batch_size=2000)
        campaigns.append(campaign)
    latest = campaigns[-1]

    # An open campaign of the persona administrator's university: the persona ASO can answer it.
    if admin is not None and aso_stage is not None:
        university = aso_stage.trainee.university
        open_campaign_now(
            name=f"{MARKER} – {university.name} {today.year}",
            instrument=instrument,
            university=university,
            admin=admin,
            today=today,
        )

    if persona_service:
        ImprovementAction.objects.create(
            service_id=persona_service,
            campaign=campaigns[0],
            action="Elke ASO krijgt na de wachtdienst een kort feedbackmoment met de supervisor.",
            status=ImprovementAction.Status.DONE,
            follow_up="Ingevoerd sinds september; feedbackscore steeg.",
            author=stagemeester,
        )
        ImprovementAction.objects.create(
            service_id=persona_service,
            campaign=latest,
            action="Twee vaste opleidingsnamiddagen per maand, beschermd in het rooster.",
            author=stagemeester,
        )
        for index, (title, provider, hours) in enumerate(ACTIVITIES[:5]):
            EducationalActivity.objects.create(
                service_id=persona_service,
                participant=stagemeester.get_full_name() if index % 2 == 0 else "Dr. Els Martens",
                title=title,
                provider=provider,
                date=today - datetime.timedelta(days=90 + 200 * index),
                hours=hours,
                accreditation=f"ACC-{2020 + index}-{rng.randint(100, 999)}",
                recorded_by=stagemeester,
            )
        application = RecognitionApplication.objects.create(
            kind=RecognitionApplication.Kind.TRAINER,
            service_id=persona_service,
            trainer=stagemeester,
            applicant=stagemeester,
            requested_places=4,
            motivation="Verlenging van de erkenning; het team groeide met twee stafleden.",
        )
        for name, function, fte in [
            ("Dr. Els Martens", "adjunct-kliniekhoofd", 1),
            ("Dr. Pieter Claes", "staflid", 0.8),
            ("Dr. Sofie Wouters", "staflid", 1),
        ]:
            StaffMember.objects.create(
                application=application, name=name, function=function, fte=fte
            )
        ActivityMonth.objects.bulk_create(
            ActivityMonth(
                application=application,
                month=month,
                admissions=rng.randint(80, 140),
                consultations=rng.randint(300, 500),
                procedures=rng.randint(20, 60),
            )
            for month in activity_months_for(today)
        )
    add_self_evaluations(stagemeester, rng=rng, today=today)
    ctx.say(
        f"quality: {len(campaigns)} closed campaigns, {AnswerSet.objects.filter(filled=True).count()} "
        f"anonymous responses, {len(below)} stagediensten kept below the threshold"
    )


def add_self_evaluations(trainer, *, rng, today) -> None:
    """Two self-evaluations a year apart on the trainer's country's competency profile, the
    second one better (the trainer's own comparison shows the progress)."""
    profile = trainer_profile_for(trainer)
    codes = list(Item.objects.filter(theme__instrument=profile).values_list("code", flat=True))
    for days_ago, base in ((380, 3.0), (20, 3.8)):
        evaluation = SelfEvaluation.objects.create(
            trainer=trainer,
            instrument=profile,
            scores={code: _score(rng, base) for code in codes},
            reflection="Meer aandacht voor gestructureerde feedback." if days_ago < 100 else "",
        )
        SelfEvaluation.objects.filter(pk=evaluation.pk).update(
            created_on=today - datetime.timedelta(days=days_ago)
        )


def open_campaign_now(*, name, instrument, university, admin, today) -> Campaign:
    """A campaign opened three days ago with its invitations and empty answer slots, as
    ``campaign_start`` makes them (without sending mail from the demo)."""
    campaign = Campaign.objects.create(
        name=name,
        instrument=instrument,
        university=university,
        opens=today - datetime.timedelta(days=3),
        closes=today + datetime.timedelta(days=25),
        created_by=admin,
        invited_on=today - datetime.timedelta(days=3),
    )
    rows = campaign_invitees(campaign)
    Invitation.objects.bulk_create(
        [Invitation(campaign=campaign, **row) for row in rows], batch_size=2000
    )
    AnswerSet.objects.bulk_create([AnswerSet(campaign=campaign) for _ in rows], batch_size=2000)
    return campaign
