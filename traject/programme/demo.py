"""The programme part of the demo: a year of trainer sessions with attendance, two course
evaluations (one closed above the threshold and published, one open for the persona ASO) and
news. Attendance goes through quality's development-log service; no e-mail is sent.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from traject.core.demo import DemoContext
from traject.organisation.models import Country, Hospital, TrainerRecognition, University

from .instrument import load_course_instrument, load_requirements
from .models import CourseEvaluation, NewsItem, Registration, TrainerSession

MARKER = "(demo)"
SESSIONS = [
    ("Constructieve feedback geven", "feedback", "university", 3),
    ("Beoordelen met EPA's", "assessment", "university", 2),
    ("Wetenschappelijk werk van ASO begeleiden", "research", "federation", 3),
    ("Het moeilijke gesprek met een ASO", "coaching", "hospital", 2),
    ("Feedback na de wacht", "feedback", "hospital", 1),
    ("Formation des formateurs : évaluer", "assessment", "federation", 3),
]


def load(ctx: DemoContext) -> None:
    load_course_instrument(refresh=True)
    load_requirements()
    if TrainerSession.objects.filter(title__endswith=MARKER).exists():
        return
    personas = ctx.personas
    admin, ministry, coordinator = (
        personas.get("programme_admin"),
        personas.get("ministry"),
        personas.get("coordinator"),
    )
    if admin is None or ministry is None:
        ctx.say("programme: personas missing, skipped")
        return
    rng = random.Random(ctx.seed + 18)
    ugent = University.objects.filter(code="ugent").first() or University.objects.first()
    hospital = Hospital.objects.filter(coordinators__user=coordinator).first()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    trainers = [
        personas[k]
        for k in ("stagemeester", "other_stagemeester", "coordinator", "mentor")
        if k in personas
    ]
    trainers += [
        r.trainer
        for r in TrainerRecognition.objects.select_related("trainer").order_by("pk")[:40]
        if r.trainer not in trainers
    ]
    with transaction.atomic():
        sessions = []
        for month in range(-11, 3):  # a year back, and two months ahead
            title, theme, kind, points = SESSIONS[(month + 11) % len(SESSIONS)]
            starts = (now + datetime.timedelta(days=30 * month + 7)).replace(hour=17)
            organiser = {
                "university": ("Universiteit Gent – MSG", ugent, None, admin),
                "federation": ("Federatie van opleiders", None, None, ministry),
                "hospital": (
                    hospital.name if hospital else "UZ Gent",
                    None,
                    hospital,
                    coordinator or admin,
                ),
            }[kind]
            sessions.append(
                TrainerSession.objects.create(
                    title=f"{title} {MARKER}",
                    theme=theme,
                    description="Interactieve sessie in kleine groep, met casussen uit de eigen praktijk.",
                    organiser_kind=kind,
                    organiser_name=organiser[0],
                    university=organiser[1],
                    hospital=organiser[2],
                    starts=starts,
                    ends=starts + datetime.timedelta(hours=points),
                    place="" if month % 3 == 0 else "Gent, UZ Gent, auditorium C",
                    online=month % 3 == 0,
                    points=Decimal(points),
                    capacity=rng.choice([12, 20, 30]),
                    created_by=organiser[3],
                )
            )
        _attendance(ctx, sessions, trainers, rng, now)
        dutch = _dutch_sessions(now, ministry, rng)
        if dutch:
            nl_trainers = [
                r.trainer
                for r in TrainerRecognition.objects.filter(
                    service__hospital__country=Country.NETHERLANDS
                )
                .select_related("trainer")
                .order_by("pk")[:20]
            ]
            _attendance(ctx, dutch, list(dict.fromkeys(nl_trainers)), rng, now)
            sessions += dutch
        _evaluations(ctx, admin, rng)
        _news(admin, ministry)
    ctx.say(f"programme: {len(sessions)} trainer sessions, course evaluations and news")


# The Dutch opleiders' offer: the university medical centre's teach-the-teacher courses.
DUTCH_SESSIONS = [
    (-5, "Teach the teacher: feedback geven aan aios", "feedback", 4),
    (-2, "Beoordelen met EPA's en KPB's", "assessment", 3),
    (1, "Het voortgangsgesprek voeren", "coaching", 2),
    (2, "Teach the teacher: feedback geven aan aios", "feedback", 4),
]


def _dutch_sessions(now, ministry, rng) -> list:
    """Sessions of the Dutch university, when the Dutch part of the demo is there."""
    university = University.objects.filter(country=Country.NETHERLANDS).order_by("pk").first()
    if university is None:
        return []
    sessions = []
    for month, title, theme, points in DUTCH_SESSIONS:
        starts = (now + datetime.timedelta(days=30 * month + 12)).replace(hour=16)
        sessions.append(
            TrainerSession.objects.create(
                title=f"{title} {MARKER}",
                theme=theme,
                description="Training voor opleiders, met oefenen in kleine groep.",
                organiser_kind="university",
                organiser_name=f"{university.name} – UMC",
                university=university,
                country=Country.NETHERLANDS,
                starts=starts,
                ends=starts + datetime.timedelta(hours=points),
                place="Utrecht, UMC Utrecht, onderwijscentrum",
                points=Decimal(points),
                capacity=rng.choice([12, 16, 24]),
                created_by=ministry,
            )
        )
    return sessions


def _attendance(ctx, sessions, trainers, rng, now) -> None:
    from traject.quality.permissions import training_group_services
    from traject.quality.services import educational_activity_record

    persona = ctx.personas.get("stagemeester")
    for session in sessions:
        chosen = rng.sample(trainers, min(len(trainers), session.capacity - 2, rng.randint(4, 10)))
        if persona is not None and session.starts > now and persona in chosen:
            chosen.remove(persona)  # the journey registers the persona itself
        for trainer in chosen:
            registration = Registration.objects.create(session=session, trainer=trainer)
            if session.starts >= now or rng.random() < 0.1:
                continue
            service = training_group_services(trainer).order_by("pk").first()
            if service is not None:
                registration.activity = educational_activity_record(
                    service=service,
                    participant=trainer.get_full_name() or trainer.email,
                    title=session.title,
                    provider=session.organiser_name,
                    date=timezone.localtime(session.starts).date(),
                    hours=session.hours,
                    accreditation=f"{session.points} accreditatiepunten",
                    actor=session.created_by,
                )
            registration.attended = True
            registration.attendance_recorded_at = session.ends
            registration.save()


def _evaluations(ctx, admin, rng) -> None:
    """A closed, published evaluation of the titularis's course and an open one of another."""
    from traject.portfolio.models import Course
    from traject.quality.instruments import get_instrument
    from traject.quality.models import AnswerSet, Campaign, Invitation, Item
    from traject.quality.services import campaign_invitees

    from .services import COURSE_INSTRUMENT

    titularis = ctx.personas.get("titularis")
    courses = (
        list(Course.objects.filter(titularis=titularis).order_by("pk")[:2]) if titularis else []
    )
    if not courses:
        return
    instrument = get_instrument(COURSE_INSTRUMENT)
    codes = list(Item.objects.filter(theme__instrument=instrument).values_list("code", flat=True))
    today = timezone.localdate()
    # Closed last month, well above the threshold, published as a highlight.
    course = courses[0]
    opens = today - datetime.timedelta(days=60)
    closed = Campaign.objects.create(
        name=f"Cursusevaluatie: {course.name} {opens.year}",
        instrument=instrument,
        university=course.university,
        specialty=course.specialty,
        opens=opens,
        closes=opens + datetime.timedelta(days=21),
        status=Campaign.Status.CLOSED,
        closed_on=opens + datetime.timedelta(days=21),
        created_by=titularis,
        invited_on=opens,
    )
    invitees = _ungrouped(campaign_invitees(closed))
    answered = [row for row in invitees if rng.random() < 0.8]
    Invitation.objects.bulk_create(
        [Invitation(campaign=closed, responded=row in answered, **row) for row in invitees]
    )
    answers = [
        AnswerSet(
            campaign=closed,
            filled=True,
            scores={c: max(1, min(5, round(rng.gauss(4.1, 0.8)))) for c in codes},
        )
        for _row in answered
    ]
    rng.shuffle(answers)
    AnswerSet.objects.bulk_create(answers)
    evaluation = CourseEvaluation.objects.create(
        course=course, campaign=closed, year=opens.year, opened_by=titularis
    )
    if len(answers) >= 5:
        from .selectors import evaluation_results

        results = evaluation_results(evaluation)
        critical = next((r for r in results["items"] if r["code"] == "course-critical"), None)
        if critical and critical["percent"] is not None:
            evaluation.highlight = (
                f"{len(answers)} ASO evalueerden de cursus {course.name}: {critical['percent']}% "
                "geeft aan dat de begeleiders hen aanzetten tot kritisch en probleemoplossend denken."
            )
            evaluation.published_on = today - datetime.timedelta(days=20)
            evaluation.save()
            NewsItem.objects.create(
                kind=NewsItem.Kind.HIGHLIGHT,
                title=f"Wist u dat … {course.name}",
                body=evaluation.highlight,
                university=course.university,
                publish_on=evaluation.published_on,
                expires_on=today + datetime.timedelta(days=40),
                evaluation=evaluation,
                created_by=admin,
                emailed_on=evaluation.published_on,
            )
    # Open now: the persona ASO can answer it.
    if len(courses) > 1:
        course = courses[1]
    opens = today - datetime.timedelta(days=2)
    open_campaign = Campaign.objects.create(
        name=f"Cursusevaluatie: {course.name} {opens.year} (open)",
        instrument=instrument,
        university=course.university,
        specialty=course.specialty,
        opens=opens,
        closes=today + datetime.timedelta(days=19),
        created_by=titularis,
        invited_on=opens,
    )
    invitees = _ungrouped(campaign_invitees(open_campaign))
    Invitation.objects.bulk_create([Invitation(campaign=open_campaign, **row) for row in invitees])
    AnswerSet.objects.bulk_create([AnswerSet(campaign=open_campaign) for _row in invitees])
    CourseEvaluation.objects.create(
        course=course, campaign=open_campaign, year=opens.year, opened_by=titularis
    )


def _ungrouped(invitees: list) -> list:
    # As ``campaign_start(grouped=False)``: a course evaluation has no stagedienst groups.
    none = {"service_id": None, "hospital_id": None, "specialty_id": None, "training_year": None}
    return [{**row, **none} for row in invitees]


def _news(admin, ministry) -> None:
    today = timezone.localdate()
    ugent = University.objects.filter(code="ugent").first()
    items = [
        (
            NewsItem.Kind.ANNOUNCEMENT,
            "Onafhankelijke tijdsregistratie",
            "De FOD Volksgezondheid biedt een onafhankelijke tijdsregistratietool aan. "
            "Registreer uw uren in Traject: de arbeidsduur, alle soorten uren en de minimumverloning "
            "worden gecontroleerd.",
            True,
            ["trainee"],
            None,
            ministry,
            Country.BELGIUM,  # the FOD's offer: Belgian ASO only
        ),
        (
            NewsItem.Kind.ANNOUNCEMENT,
            "Het overdrachtsdocument staat in Traject",
            "Aios en opleiders: stel bij elke overstap het overdrachtsdocument samen in Traject. "
            "De nieuwe opleider leest het vóór het eerste gesprek.",
            False,
            ["trainee", "stagemeester"],
            None,
            ministry,
            Country.NETHERLANDS,
        ),
        (
            NewsItem.Kind.HIGHLIGHT,
            "Wist u dat … de knop Indienen bij titularis",
            "De ASO bezorgt zelf de afgewerkte to-dolijst aan de titularis, die alles overzichtelijk "
            "terugvindt op het dashboard.",
            False,
            [],
            ugent,
            admin,
            None,
        ),
        (
            NewsItem.Kind.ANNOUNCEMENT,
            "Jaarlijkse vorming voor opleiders",
            "Moet u als opleider jaarlijkse vorming volgen? Het programma van dit jaar staat in "
            "Traject: schrijf u in, uw attest en ontwikkellog volgen vanzelf.",
            False,
            ["stagemeester", "coordinator", "mentor"],
            ugent,
            admin,
            None,
        ),
    ]
    for kind, title, body, important, roles, university, author, country in items:
        NewsItem.objects.create(
            kind=kind,
            title=title,
            body=body,
            important=important,
            roles=roles,
            university=university,
            country=country or "",
            publish_on=today - datetime.timedelta(days=3),
            expires_on=today + datetime.timedelta(days=60),
            created_by=author,
            emailed_on=today - datetime.timedelta(days=3) if important else None,
        )
