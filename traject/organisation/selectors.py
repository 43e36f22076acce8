"""Reads for the organisation dashboards; each returns plain data with a fixed number of queries."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from traject.core.dates import add_years
from traject.core.memo import per_object

from .models import Stage, Trainee, TrainerRecognition
from .permissions import trainees_administered_by


def own_trainee_record(user) -> Trainee | None:
    """The signed-in ASO's record with its specialty, university and mentor group, read once per
    request: it is kept in Django's cache of ``user.trainee``, which the other apps' dashboard
    sections and menus read without a query of their own."""
    from traject.accounts.roles import TRAINEE, has_role

    if not has_role(user, TRAINEE):
        return None
    related = Trainee._meta.get_field("user").remote_field
    if related.is_cached(user):
        return related.get_cached_value(user)
    trainee = (
        Trainee.objects.select_related(
            "specialty", "university", "mentor_membership__group__mentor"
        )
        .filter(user=user)
        .first()
    )
    if trainee is not None:
        related.set_cached_value(user, trainee)
    return trainee


def current_stage_of(trainee: Trainee, today: datetime.date | None = None) -> Stage | None:
    """The stage an ASO is on today, if any."""
    today = today or timezone.localdate()
    return (
        trainee.stages.filter(start__lte=today, end__gte=today)
        .select_related("service__hospital", "stagemeester")
        .order_by("start")
        .first()
    )


def own_trainer_recognitions(user) -> list[TrainerRecognition]:
    """The person's recognitions as stagemeester (every period, with the stagedienst and its
    hospital), read once per user object: the dashboard, the news and the yearly points ask."""
    from traject.accounts.roles import STAGEMEESTER, has_role

    if not has_role(user, STAGEMEESTER):
        return []
    return per_object(
        user,
        "organisation.own_trainer_recognitions",
        lambda: list(
            TrainerRecognition.objects.filter(trainer=user)
            .select_related("service__hospital")
            .order_by("start", "pk")
        ),
    )


def stagemeester_overview(user, today: datetime.date | None = None) -> dict:
    """The stagemeester's current ASO and the use of each recognition's capacity."""
    today = today or timezone.localdate()
    stages = list(
        Stage.objects.filter(stagemeester=user, start__lte=today, end__gte=today)
        .select_related("trainee__user", "trainee__specialty", "service")
        .order_by("end")
    )
    recognitions = [r for r in own_trainer_recognitions(user) if r.start <= today <= r.end]
    return {"stages": stages, "recognitions": recognitions, "count": len(stages)}


def coordinator_overview(user, today: datetime.date | None = None) -> list[dict]:
    """Per coordinated hospital: current ASO, stages ending within a month, stagemeesters at capacity."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=30)
    hospitals = list(user.coordinated_hospitals.select_related("hospital"))
    overview = []
    for coordination in hospitals:
        hospital = coordination.hospital
        current = Stage.objects.filter(service__hospital=hospital, start__lte=today, end__gte=today)
        loads = (
            TrainerRecognition.objects.filter(
                service__hospital=hospital, start__lte=today, end__gte=today
            )
            .annotate(
                current=Count(
                    "trainer__supervised_stages",
                    filter=Q(
                        trainer__supervised_stages__start__lte=today,
                        trainer__supervised_stages__end__gte=today,
                        trainer__supervised_stages__service__hospital=hospital,
                    ),
                )
            )
            .select_related("trainer", "service")
        )
        overview.append(
            {
                "hospital": hospital,
                "current": current.count(),
                "ending": current.filter(end__lte=soon).count(),
                "full": [r for r in loads if r.current >= r.capacity],
            }
        )
    return overview


def programme_admin_todo(user, today: datetime.date | None = None) -> dict:
    """What a programme administrator should look at: ASO without a current stage or mentor group."""
    today = today or timezone.localdate()
    from django.db.models import Exists, OuterRef

    scoped = trainees_administered_by(user)
    # One pass over the ASO in scope for the three counts; "no current stage" as NOT EXISTS
    # through the stage's (trainee, dates) index, not an anti-join over every stage.
    on_stage = Exists(
        Stage.objects.filter(trainee=OuterRef("pk"), start__lte=today, end__gte=today)
    )
    counts = scoped.annotate(on_stage=on_stage).aggregate(
        trainees=Count("pk"),
        without_stage=Count("pk", filter=Q(on_stage=False)),
        without_mentor=Count("pk", filter=Q(mentor_membership__isnull=True)),
    )
    sample = list(
        scoped.annotate(on_stage=on_stage).filter(on_stage=False).select_related("user")[:5]
    )
    return {**counts, "without_stage_sample": sample}


def recognitions_ending(
    today: datetime.date | None = None, days: int = 183, limit: int = 8
) -> dict:
    """Recognitions of stagemeesters that end within ``days``."""
    today = today or timezone.localdate()
    queryset = TrainerRecognition.objects.filter(
        end__gte=today, end__lte=today + datetime.timedelta(days=days)
    )
    return {
        "count": queryset.count(),
        "items": list(
            queryset.select_related("trainer", "service__hospital").order_by("end")[:limit]
        ),
    }


def in_training_year(year: int, *, prefix: str = "", today: datetime.date | None = None) -> Q:
    """A condition on ASO (through ``prefix``): in training year ``year`` today, as
    ``Trainee.training_year`` counts it (from the training start, capped at the specialty's
    duration), so that the database filters and pages instead of Python."""
    if year < 1 or year > 50:
        return Q(pk__in=[])
    today = today or timezone.localdate()
    reached = Q(**{f"{prefix}training_start__lte": add_years(today, -(year - 1))})
    not_past = Q(**{f"{prefix}training_start__gt": add_years(today, -year)})
    return reached & (
        (not_past & Q(**{f"{prefix}specialty__duration_years__gte": year}))
        | Q(**{f"{prefix}specialty__duration_years": year})
    )
