"""Reads of the work-floor feedback: the ASO's current stageteam, a team's feedback counts."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from traject.organisation.models import Stage, Trainee, TrainerRecognition, TrainingService
from traject.portfolio.models import Feedback
from traject.portfolio.selectors import supervisor_choices

from .models import TeamMember


@dataclass(frozen=True)
class Person:
    """Someone of the stageteam: an account ("u<id>") or a member without one ("m<id>")."""

    key: str
    name: str
    email: str
    user: object = None
    team_member: TeamMember | None = None

    @property
    def has_account(self) -> bool:
        return self.user is not None


def current_service_ids(trainee: Trainee) -> list[int]:
    today = timezone.localdate()
    return list(
        Stage.objects.filter(trainee=trainee, start__lte=today, end__gte=today).values_list(
            "service_id", flat=True
        )
    )


def stageteam(trainee: Trainee) -> list[Person]:
    """The ASO's current stageteam: stagemeesters and trainers with an account, then members."""
    people = [
        Person(key=f"u{u.pk}", name=u.get_full_name() or u.email, email=u.email, user=u)
        for u in supervisor_choices(trainee)
    ]
    members = TeamMember.objects.filter(
        service_id__in=current_service_ids(trainee), is_active=True
    ).order_by("name", "pk")
    people += [Person(key=f"m{m.pk}", name=m.name, email=m.email, team_member=m) for m in members]
    return people


def stageteam_person(trainee: Trainee, key: str) -> Person | None:
    """The person of the ASO's current stageteam with this key, or None."""
    return next((p for p in stageteam(trainee) if p.key == key), None)


def user_in_stageteam(trainee: Trainee, user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return stageteam_person(trainee, f"u{user.pk}")


def services_led_by(user):
    """Stagediensten where the user is a recognised trainer today or a current stagemeester."""
    if not getattr(user, "is_authenticated", False):
        return TrainingService.objects.none()
    today = timezone.localdate()
    return (
        TrainingService.objects.filter(
            Q(
                pk__in=TrainerRecognition.objects.filter(
                    trainer=user, start__lte=today, end__gte=today
                ).values("service_id")
            )
            | Q(
                pk__in=Stage.objects.filter(
                    stagemeester=user, start__lte=today, end__gte=today
                ).values("service_id")
            )
        )
        .select_related("hospital")
        .order_by("hospital__name", "name")
    )


def team_overview(service: TrainingService) -> dict:
    """The members without an account and the team's feedback counts (everyone who gave some)."""
    members = list(
        TeamMember.objects.filter(service=service)
        .annotate(n_feedback=Count("feedback_given"))
        .order_by("-is_active", "name")
    )
    stages = Stage.objects.filter(service=service)
    trainees = stages.values("trainee_id")
    team_accounts = Q(author_id__in=stages.values("stagemeester_id")) | Q(
        author_id__in=TrainerRecognition.objects.filter(service=service).values("trainer_id")
    )
    by_account = (
        Feedback.objects.filter(team_accounts, trainee_id__in=trainees)
        .values("author_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    users = get_user_model().objects.in_bulk([row["author_id"] for row in by_account])
    accounts = [
        {
            "name": users[row["author_id"]].get_full_name() or users[row["author_id"]].email,
            "n": row["n"],
        }
        for row in by_account
    ]
    by_channel = dict(
        Feedback.objects.filter(
            team_accounts | Q(team_member__service=service), trainee_id__in=trainees
        )
        .order_by()
        .values_list("channel")
        .annotate(n=Count("pk"))
    )
    return {
        "members": members,
        "accounts": accounts,
        "by_channel": [
            (label, by_channel.get(value, 0)) for value, label in Feedback.Channel.choices
        ],
        "total": sum(by_channel.values()),
    }
