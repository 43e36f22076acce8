"""The mentoring part of the demo: active groups with sessions, attendance and follow-up.

Written directly with the models (bulk where it counts) so that loading sends no e-mail.
Every group gets a past session with attendance and an upcoming one on the theme of its
year; the persona mentor and ASO get notes (one shared with the ASO's stagemeester),
agreed deadlines and a referral to follow up, so every mentoring page has something to show.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from traject.core.demo import DemoContext
from traject.organisation.models import Stage

from .models import (
    AgreedDeadline,
    Attendance,
    ConfidentialNote,
    GroupSession,
    IntervisionNote,
    MentorGroup,
    NoteShare,
    Referral,
)
from .selectors import themes_for

PLACES = ["Zaal Heymans, UZ Gent", "Vergaderzaal K12", "Online (Teams)", "Salle du conseil"]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@transaction.atomic
def load(ctx: DemoContext) -> None:
    groups = list(
        MentorGroup.objects.select_related("university", "mentor").prefetch_related(
            "memberships__trainee"
        )
    )
    if not groups or GroupSession.objects.exists():
        return
    rng = ctx.rng
    today = timezone.localdate()
    plans = {}
    sessions, attendance_for = [], []
    for group in groups:
        if group.university_id not in plans:
            plans[group.university_id] = list(themes_for(group.university))
        plan = plans[group.university_id]
        year = max(1, min(4, today.year - group.start_year + 1))
        themes = [t for t in plan if t.training_year == year] or plan[:2]
        past = GroupSession(
            group=group,
            theme=themes[0],
            starts_at=_at(today - datetime.timedelta(days=rng.randint(14, 60)), 18),
            place=rng.choice(PLACES),
            created_by=group.mentor,
        )
        upcoming = GroupSession(
            group=group,
            theme=themes[-1],
            starts_at=_at(today + datetime.timedelta(days=rng.randint(3, 30)), 18),
            place=past.place,
            created_by=group.mentor,
        )
        sessions += [past, upcoming]
        attendance_for.append((past, [m.trainee for m in group.memberships.all()]))
    GroupSession.objects.bulk_create(sessions, batch_size=1000)
    statuses = [Attendance.Status.PRESENT] * 8 + [
        Attendance.Status.EXCUSED,
        Attendance.Status.ABSENT,
    ]
    Attendance.objects.bulk_create(
        (
            Attendance(session=session, trainee=trainee, status=rng.choice(statuses))
            for session, trainees in attendance_for
            for trainee in trainees
        ),
        batch_size=2000,
    )
    _persona_follow_up(ctx, today)
    if not ctx.national:
        _sample_follow_up(ctx, groups, today)
    ctx.say(f"Mentoring: {len(sessions)} group sessions in {len(groups)} active groups.")


def _persona_follow_up(ctx: DemoContext, today: datetime.date) -> None:
    mentor, aso = ctx.personas.get("mentor"), ctx.personas.get("aso")
    trainee = getattr(aso, "trainee", None) if aso else None
    if mentor is None or trainee is None:
        return
    group = MentorGroup.objects.filter(mentor=mentor, memberships__trainee=trainee).first()
    if group is None:
        return
    past = group.sessions.filter(starts_at__lt=timezone.now()).first()
    if past is not None:
        IntervisionNote.objects.create(
            session=past,
            author=mentor,
            situation="Een ASO vertelt over een nachtdienst waarin een patiënt plots verslechterde "
            "en de supervisor niet bereikbaar was.",
            question="Hoe ga je om met de twijfel om opnieuw te bellen?",
            reflections="Herkenbaar voor de hele groep; de drempel om te bellen ligt hoog in het "
            "eerste jaar.",
            agreements="Iedereen zoekt op wie de achterwacht is bij de start van de dienst.",
        )
    ConfidentialNote.objects.create(
        trainee=trainee,
        mentor=mentor,
        author=mentor,
        held_on=today - datetime.timedelta(days=21),
        text="Kennismakingsgesprek. Start goed, maar vindt het moeilijk om nee te zeggen tegen "
        "extra diensten. Afgesproken om de planning samen te bekijken.",
    )
    ConfidentialNote.objects.create(
        trainee=trainee,
        mentor=mentor,
        author=aso,
        held_on=today - datetime.timedelta(days=4),
        text="Slaapt slecht sinds de reeks nachtdiensten. Wil er met de stagemeester over "
        "praten; dit gesprek mag gedeeld worden.",
    )
    stage = Stage.objects.filter(trainee=trainee, start__lte=today, end__gte=today).first()
    if stage is not None:
        shared = ConfidentialNote.objects.filter(trainee=trainee).order_by("-held_on").first()
        NoteShare.objects.create(note=shared, recipient=stage.stagemeester, shared_by=aso)
    AgreedDeadline.objects.bulk_create(
        [
            AgreedDeadline(
                trainee=trainee,
                mentor=mentor,
                course_label="Communicatie",
                description="Eerste helft van de reflecties",
                due_on=today - datetime.timedelta(days=3),
                created_by=mentor,
            ),
            AgreedDeadline(
                trainee=trainee,
                mentor=mentor,
                course_label="Communicatie",
                description="Ontwerp van het verslag",
                due_on=today + datetime.timedelta(days=10),
                created_by=mentor,
            ),
        ]
    )
    Referral.objects.create(
        trainee=trainee,
        mentor=mentor,
        referred_to="Psycholoog van het ASO-ondersteuningsteam",
        reason="Slaapproblemen na nachtdiensten",
        referred_on=today - datetime.timedelta(days=20),
        follow_up_on=today - datetime.timedelta(days=1),
    )


def _sample_follow_up(ctx: DemoContext, groups, today: datetime.date) -> None:
    rng = ctx.rng
    deadlines, referrals = [], []
    for group in groups[:12]:
        for membership in list(group.memberships.all())[:3]:
            deadlines.append(
                AgreedDeadline(
                    trainee=membership.trainee,
                    mentor=group.mentor,
                    description=rng.choice(
                        ["Eerste versie van de reflectie", "Opdracht afwerken", "Literatuurstudie"]
                    ),
                    due_on=today + datetime.timedelta(days=rng.randint(-10, 30)),
                    created_by=group.mentor,
                )
            )
        if group.memberships.exists() and rng.random() < 0.4:
            referrals.append(
                Referral(
                    trainee=group.memberships.all()[0].trainee,
                    mentor=group.mentor,
                    referred_to=rng.choice(["Huisarts", "Bedrijfsarts", "Psycholoog"]),
                    reason=rng.choice(["Vermoeidheid", "Werkdruk", "Persoonlijke situatie"]),
                    referred_on=today - datetime.timedelta(days=rng.randint(10, 40)),
                    follow_up_on=today + datetime.timedelta(days=rng.randint(-5, 20)),
                )
            )
    AgreedDeadline.objects.bulk_create(deadlines)
    Referral.objects.bulk_create(referrals)
