"""The Dutch region of the demo world: one OOR with a UMC and a general hospital, an opleider
with a deputy and an opleidingsgroep, aios in years 1 to 4 with a realistic history.

- ``aios@demo.traject.nl`` (year 2) moved from the UMC to the general hospital last year: a
  transfer document was handed over; talks held, the next progress talk is planned.
- a year-1 aios whose introduction talk is held and whose first progress talk is overdue;
- a year-3 aios in an intensified track after a suitability assessment of *twijfel*;
- a year-4 aios with everything in order, and one with a part-time period.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from traject.accounts.models import User
from traject.core.demo import DEMO_PASSWORD, DemoContext
from traject.organisation.models import (
    Country,
    Hospital,
    ProgrammeAdministrator,
    Region,
    ServiceRecognition,
    Specialty,
    Stage,
    TeamMember,
    Trainee,
    TrainerRecognition,
    TrainingService,
    University,
    recognition_end,
)
from traject.portfolio.models import Epa, LearningGoal

from . import cycle
from .models import (
    ChecklistItem,
    CycleRules,
    DurationDecision,
    IntensifiedTrack,
    Kind,
    Outcome,
    Talk,
    TalkAction,
    TransferDocument,
)
from .reference_data import ensure_reference_data

NL_DOMAIN = "demo.traject.nl"
PERSONAS = [
    # key, label, first, last
    ("aios", "aios (NL)", "Sanne", "Jansen"),
    ("opleider", "opleider (NL)", "Marieke", "de Vries"),
]
OTHERS = [
    ("deputy", "Joost", "Bakker"),
    ("opleider-umc", "Willem", "van Dijk"),
    ("groep-1", "Fatima", "El Amrani"),
    ("opleidingsbureau", "Eva", "Kok"),
    ("groep-2", "Ruud", "Visser"),
    ("aios-jaar1", "Daan", "Smit"),
    ("aios-jaar3", "Lisa", "Mulder"),
    ("aios-jaar4", "Thijs", "de Boer"),
    ("aios-deeltijd", "Noor", "Hendriks"),
]
MARKER = f"aios@{NL_DOMAIN}"


def _email(key: str) -> str:
    return f"{key}@{NL_DOMAIN}"


def load(ctx: DemoContext) -> None:
    """Create the Dutch region once; later runs only list the personas."""
    if not User.objects.filter(email=MARKER).exists():
        with transaction.atomic():
            _create(ctx)
        ctx.say("Dutch region (conversation cycle) demo data created.")
    for key, label, *_rest in PERSONAS:
        ctx.personas[f"nl_{key}"] = User.objects.get(email=_email(key))
        ctx.logins.append((label, _email(key)))


def _create(ctx: DemoContext) -> None:
    ensure_reference_data()
    today = timezone.localdate()
    password = make_password(DEMO_PASSWORD)
    people = {}
    for key, _label, first, last in PERSONAS:
        people[key] = User.objects.create(
            email=_email(key), first_name=first, last_name=last, language="nl", password=password
        )
    for key, first, last in OTHERS:
        people[key] = User.objects.create(
            email=_email(key), first_name=first, last_name=last, language="nl", password=password
        )
    region = Region.objects.get(code="oor-utrecht")
    university = University.objects.create(
        code="uu", name="Universiteit Utrecht", country=Country.NETHERLANDS
    )
    umc = Hospital.objects.create(
        name="UMC Utrecht",
        city="Utrecht",
        university=university,
        is_university_hospital=True,
        country=Country.NETHERLANDS,
        region=region,
    )
    general = Hospital.objects.create(
        name="St. Antonius Ziekenhuis",
        city="Nieuwegein",
        university=university,
        country=Country.NETHERLANDS,
        region=region,
    )
    specialty = Specialty.objects.get(code="nl-interne-geneeskunde")
    rules = CycleRules.objects.get(specialty=specialty)
    umc_service = TrainingService.objects.create(
        hospital=umc, specialty=specialty, name="Interne geneeskunde"
    )
    service = TrainingService.objects.create(
        hospital=general, specialty=specialty, name="Interne geneeskunde"
    )
    rec_start = today - datetime.timedelta(days=900)
    for svc, trainer in ((umc_service, people["opleider-umc"]), (service, people["opleider"])):
        ServiceRecognition.objects.create(
            service=svc, start=rec_start, end=recognition_end(rec_start), reference="RGS"
        )
        TrainerRecognition.objects.create(
            trainer=trainer,
            service=svc,
            start=rec_start,
            end=recognition_end(rec_start),
            capacity=12,
            reference="RGS",
        )
    TeamMember.objects.create(service=service, user=people["deputy"], role=TeamMember.Role.DEPUTY)
    for key in ("groep-1", "groep-2"):
        TeamMember.objects.create(service=service, user=people[key])

    def years_ago(years: float) -> datetime.date:
        return today - datetime.timedelta(days=int(365.25 * years))

    def aios(key, start):
        return Trainee.objects.create(
            user=people[key], specialty=specialty, university=university, training_start=start
        )

    stage_end = today + datetime.timedelta(days=400)
    # The persona: year 2, moved from the UMC to the general hospital last year.
    persona = aios("aios", years_ago(1.4))
    first_stage = Stage.objects.create(
        trainee=persona,
        service=umc_service,
        stagemeester=people["opleider-umc"],
        start=persona.training_start,
        end=persona.training_start + datetime.timedelta(days=364),
    )
    current = Stage.objects.create(
        trainee=persona,
        service=service,
        stagemeester=people["opleider"],
        start=first_stage.end + datetime.timedelta(days=1),
        end=stage_end,
    )
    others = {
        "aios-jaar1": aios("aios-jaar1", years_ago(0.35)),
        "aios-jaar3": aios("aios-jaar3", years_ago(2.5)),
        "aios-jaar4": aios("aios-jaar4", years_ago(3.3)),
        "aios-deeltijd": aios("aios-deeltijd", years_ago(1.8)),
    }
    stages = {"aios": [first_stage, current]}
    for key, trainee in others.items():
        stages[key] = [
            Stage.objects.create(
                trainee=trainee,
                service=service,
                stagemeester=people["opleider"],
                start=trainee.training_start,
                end=stage_end,
            )
        ]
    checklist = {
        kind: list(ChecklistItem.objects.filter(kind=kind).values_list("pk", flat=True))
        for kind in Kind.values
    }

    def history(key, trainee, *, skip_overdue=0, doubt_year=None):
        trainee_stages = stages[key]
        obligations = cycle.obligations_for(
            training_start=trainee.training_start,
            stages=[cycle.StagePeriod(s.pk, s.start, s.end) for s in trainee_stages],
            rules=rules.as_rules(),
            until=today,
        )
        past = [o for o in obligations if o.due_by < today]
        skipped = past[-skip_overdue:] if skip_overdue else []
        for obligation in past:
            if obligation in skipped:
                continue
            held_on = max(obligation.window_start, obligation.due_by - datetime.timedelta(days=9))
            stage = next(s for s in trainee_stages if s.start <= held_on <= s.end)
            outcome = ""
            if obligation.kind == Kind.SUITABILITY:
                outcome = (
                    Outcome.DOUBT if obligation.training_year == doubt_year else Outcome.SUITABLE
                )
            talk = Talk.objects.create(
                trainee=trainee,
                stage=stage,
                kind=obligation.kind,
                training_year=obligation.training_year,
                planned_on=held_on,
                held_on=held_on,
                held_by=stage.stagemeester,
                report=_report(obligation.kind, outcome),
                checklist=checklist[obligation.kind],
                outcome=outcome,
                reported_by=stage.stagemeester,
                acknowledged_at=timezone.now(),
                created_by=stage.stagemeester,
            )
            if obligation.kind == Kind.PROGRESS and obligation.number == 1:
                goal = LearningGoal.objects.create(
                    trainee=trainee,
                    title="Zelfstandig de acute opname doen",
                    planning=f"Afgesproken in het voortgangsgesprek van {held_on}.",
                )
                TalkAction.objects.create(talk=talk, text=goal.title, goal=goal)
            if outcome == Outcome.DOUBT:
                IntensifiedTrack.objects.create(
                    trainee=trainee,
                    talk=talk,
                    goals="Overdracht op de afdeling gestructureerd (SBAR); "
                    "wekelijks een KPB bij de visite.",
                    deadline=held_on + datetime.timedelta(days=120),
                )
        return obligations

    history("aios", persona)
    history("aios-jaar1", others["aios-jaar1"], skip_overdue=1)
    history("aios-jaar3", others["aios-jaar3"], doubt_year=2)
    history("aios-jaar4", others["aios-jaar4"])
    history("aios-deeltijd", others["aios-deeltijd"], skip_overdue=1)

    # The persona's next progress talk is planned with the opleider.
    Talk.objects.create(
        trainee=persona,
        stage=current,
        kind=Kind.PROGRESS,
        training_year=cycle.training_year_of(
            persona.training_start, today + datetime.timedelta(days=10)
        ),
        planned_on=today + datetime.timedelta(days=10),
        place="Spreekkamer 3",
        held_by=people["opleider"],
        created_by=people["opleider"],
    )
    TransferDocument.objects.create(
        trainee=persona,
        from_stage=first_stage,
        to_stage=current,
        author=people["opleider-umc"],
        facts={
            "period": {
                "start": first_stage.start.isoformat(),
                "end": first_stage.end.isoformat(),
                "place": str(umc_service),
            },
            "epas_reached": [],
            "epas_open": [],
            "goals": [{"title": "Zelfstandig de acute opname doen", "status": "active"}],
            "last_progress": None,
            "last_suitability": {
                "held_on": first_stage.end.isoformat(),
                "outcome": Outcome.SUITABLE,
            },
            "track": None,
        },
        summary="Een sterk eerste jaar op de interne van het UMC; goede klinische redenering.",
        attention_points="Plannen en prioriteren op drukke diensten.",
        agreed_support="Eerste maand een vaste supervisor tijdens de diensten.",
        status=TransferDocument.Status.HANDED_OVER,
        trainee_reaction="Herkenbaar; ik wil vooral aan de diensten werken.",
        read_by_trainee_at=timezone.now(),
        handed_over_at=timezone.now(),
    )
    _local_plans(people, specialty, umc, general, persona)
    from traject.quality.demo import add_self_evaluations, open_campaign_now
    from traject.quality.instruments import AIOS_INSTRUMENT, get_instrument

    # The opleider's own development: the competency profile in the Dutch training's words.
    add_self_evaluations(people["opleider"], rng=ctx.rng, today=today)
    # The university's training office surveys the learning climate in the aios's words.
    ProgrammeAdministrator.objects.create(user=people["opleidingsbureau"], university=university)
    open_campaign_now(
        name=f"Leerklimaat {university.name} {today.year}",
        instrument=get_instrument(AIOS_INSTRUMENT),
        university=university,
        admin=people["opleidingsbureau"],
        today=today,
    )
    DurationDecision.objects.create(
        trainee=others["aios-deeltijd"],
        kind=DurationDecision.Kind.PART_TIME,
        start=others["aios-deeltijd"].training_start + datetime.timedelta(days=180),
        end=others["aios-deeltijd"].training_start + datetime.timedelta(days=545),
        percentage=80,
        reason="Deeltijd (0,8 fte) wegens zorgtaken.",
        decided_by=people["opleider"],
    )
    DurationDecision.objects.create(
        trainee=others["aios-jaar4"],
        kind=DurationDecision.Kind.EVC,
        months=6,
        reason="Eerder verworven competenties: twee jaar anios interne geneeskunde.",
        decided_by=people["opleider"],
    )
    # A year of hours, checked by the Dutch rules on Amsterdam time (the worktime app's demo).
    from traject.worktime.demo import year_of_hours

    year_of_hours([persona, others["aios-jaar3"]], seed=ctx.seed + 31, today=today)


def _report(kind: str, outcome: str) -> str:
    if kind == Kind.INTRODUCTION:
        return "Kennismaking, verwachtingen en het IOP besproken; lokaal opleidingsplan toegelicht."
    if kind == Kind.PROGRESS:
        return "Goede voortgang op de EPA's; KPB's besproken. Afspraken in het IOP vastgelegd."
    if outcome == Outcome.DOUBT:
        return "Twijfel over de voortgang in de overdracht en de zelfstandigheid op de afdeling."
    return "Op basis van portfolio en inbreng van de opleidingsgroep: geschikt om door te gaan."


EPAS = [
    ("NL-IG-1", "Acute opname op de SEH"),
    ("NL-IG-2", "Poliklinisch spreekuur"),
    ("NL-IG-3", "Leiden van de visite"),
]


def _local_plans(people, specialty, umc, general, persona) -> None:
    """The local plans of both hospitals; the persona's goal links to an EPA of both."""
    from .models import LocalPlan, LocalPlanItem, LocalPlanRevision
    from .services import local_plan_snapshot

    epas = [
        Epa.objects.get_or_create(specialty=specialty, code=code, defaults={"title": title})[0]
        for code, title in EPAS
    ]
    for hospital, trainer, offered in (
        (general, people["opleider"], epas[:2]),
        (umc, people["opleider-umc"], epas),
    ):
        plan = LocalPlan.objects.create(
            specialty=specialty,
            hospital=hospital,
            introduction=f"Het lokaal opleidingsplan interne geneeskunde van {hospital}.",
        )
        for index, epa in enumerate(offered):
            LocalPlanItem.objects.create(
                plan=plan,
                epa=epa,
                period=["jaar 1–2", "jaar 2–4", "jaar 3–6"][index],
                assessment="KPB's, een OSATS per kwartaal en het oordeel van de opleidingsgroep.",
            )
        LocalPlanRevision.objects.create(
            plan=plan,
            version=plan.version,
            snapshot=local_plan_snapshot(plan),
            changed_by=trainer,
        )
    goal = LearningGoal.objects.filter(trainee=persona).first()
    if goal is not None:
        goal.epas.add(epas[0])
