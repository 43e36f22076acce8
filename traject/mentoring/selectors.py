"""Reads for mentoring: the session plan, the follow-up of to-dos, the mentor's dashboard."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import (
    AgreedDeadline,
    GroupSession,
    MentorGroup,
    MentorGroupMembership,
    Referral,
    SessionTheme,
)


def themes_for(university) -> QuerySet[SessionTheme]:
    """The session plan of a university: its own when adapted, the default plan otherwise."""
    own = SessionTheme.objects.filter(university=university)
    if university is not None and own.exists():
        return own
    return SessionTheme.objects.filter(university__isnull=True)


def plan_by_year(themes) -> list[tuple[int, list[SessionTheme]]]:
    """Group themes by year of training, in order."""
    years: dict[int, list[SessionTheme]] = {}
    for theme in themes:
        years.setdefault(theme.training_year, []).append(theme)
    return sorted(years.items())


def todo_status_for_trainees(trainees) -> dict[int, list[dict]]:
    """Status and deadlines (never the content) of the ASO's MSG to-do lists, from the portfolio.

    Until the portfolio provides its selector, there is nothing to follow up.
    """
    trainees = list(trainees)
    if not trainees:
        return {}
    try:
        from traject.portfolio.selectors import todo_status_for_trainees as portfolio_status
    except ImportError:
        return {trainee.pk: [] for trainee in trainees}
    result = portfolio_status(trainees)
    return {trainee.pk: list(result.get(trainee.pk, [])) for trainee in trainees}


def todo_status(trainee) -> list[dict]:
    return todo_status_for_trainees([trainee]).get(trainee.pk, [])


def feedback_shared_with(user, trainee) -> list:
    """Assessments the ASO chose to share with their mentor, to reflect on together."""
    try:
        from traject.portfolio.selectors import feedback_shared_with as portfolio_shared
    except ImportError:
        return []
    return list(portfolio_shared(user, trainee))


def next_session(group: MentorGroup) -> GroupSession | None:
    return (
        group.sessions.filter(starts_at__gte=timezone.now())
        .select_related("theme")
        .order_by("starts_at")
        .first()
    )


def mentor_overview(mentor) -> list[dict]:
    """The mentor's groups at a glance: next session, and per ASO what needs attention."""
    today = timezone.localdate()
    groups = list(
        MentorGroup.objects.filter(mentor=mentor).prefetch_related(
            Prefetch(
                "memberships",
                queryset=MentorGroupMembership.objects.select_related("trainee__user"),
            )
        )
    )
    trainees = [m.trainee for g in groups for m in g.memberships.all()]
    todos = todo_status_for_trainees(trainees)
    deadlines: dict[int, list[AgreedDeadline]] = {}
    for deadline in AgreedDeadline.objects.filter(
        mentor=mentor, trainee__in=trainees, done_on__isnull=True
    ):
        deadlines.setdefault(deadline.trainee_id, []).append(deadline)
    referrals: dict[int, list[Referral]] = {}
    for referral in Referral.objects.filter(
        mentor=mentor, trainee__in=trainees, closed_on__isnull=True
    ):
        referrals.setdefault(referral.trainee_id, []).append(referral)
    overview = []
    for group in groups:
        members = []
        for membership in group.memberships.all():
            trainee = membership.trainee
            open_deadlines = deadlines.get(trainee.pk, [])
            open_referrals = referrals.get(trainee.pk, [])
            members.append(
                {
                    "trainee": trainee,
                    "overdue_todos": [t for t in todos.get(trainee.pk, []) if t.get("overdue")],
                    "overdue_deadlines": [d for d in open_deadlines if d.due_on < today],
                    "next_deadline": next((d for d in open_deadlines if d.due_on >= today), None),
                    "open_referrals": open_referrals,
                    "referrals_to_follow_up": [
                        r for r in open_referrals if r.follow_up_on <= today
                    ],
                }
            )
        overview.append({"group": group, "next_session": next_session(group), "members": members})
    return overview


def attention_count(overview: list[dict]) -> int:
    """How many ASO need the mentor's attention (overdue to-dos or referrals to follow up)."""
    return sum(
        1
        for group in overview
        for m in group["members"]
        if m["overdue_todos"] or m["overdue_deadlines"] or m["referrals_to_follow_up"]
    )
