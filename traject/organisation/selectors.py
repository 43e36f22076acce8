"""Reads for the organisation dashboards; each returns plain data with a fixed number of queries."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from .models import Stage, Trainee, TrainerRecognition
from .permissions import trainees_administered_by


def current_stage_of(trainee: Trainee, today: datetime.date | None = None) -> Stage | None:
    """The stage an ASO is on today, if any."""
    today = today or timezone.localdate()
    return (
        trainee.stages.filter(start__lte=today, end__gte=today)
        .select_related("service__hospital", "stagemeester")
        .order_by("start")
        .first()
    )


def stagemeester_overview(user, today: datetime.date | None = None) -> dict:
    """The stagemeester's current ASO and the use of each recognition's capacity."""
    today = today or timezone.localdate()
    stages = list(
        Stage.objects.filter(stagemeester=user, start__lte=today, end__gte=today)
        .select_related("trainee__user", "trainee__specialty", "service")
        .order_by("end")
    )
    recognitions = list(
        TrainerRecognition.objects.filter(
            trainer=user, start__lte=today, end__gte=today
        ).select_related("service")
    )
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
    scoped = trainees_administered_by(user)
    without_stage = scoped.exclude(stages__start__lte=today, stages__end__gte=today)
    without_mentor = scoped.filter(mentor_membership__isnull=True)
    return {
        "trainees": scoped.count(),
        "without_stage": without_stage.count(),
        "without_stage_sample": list(without_stage.select_related("user")[:5]),
        "without_mentor": without_mentor.count(),
    }


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
