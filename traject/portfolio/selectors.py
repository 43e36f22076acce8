"""Reads for the portfolio that other apps and the overviews rely on."""

import datetime
from collections import defaultdict

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from traject.organisation.models import Stage, Trainee, TrainerRecognition
from traject.organisation.selectors import in_training_year

from .models import (
    EntrustmentDecision,
    EntrustmentLevel,
    Epa,
    Feedback,
    FeedbackRequest,
    LearningGoal,
    Submission,
    TodoList,
)


def todo_status_for_trainees(trainees) -> dict[int, list[dict]]:
    """Status and deadlines of each ASO's to-do lists, keyed by Trainee pk: never content.

    Each entry: list_id, course, status, status_label, due_date (the latest due date of
    the list's items), overdue (a required item still open past its due date, in a list
    not yet handed in), items_done, items_total.
    """
    ids = [t.pk if isinstance(t, Trainee) else int(t) for t in trainees]
    result: dict[int, list[dict]] = {pk: [] for pk in ids}
    if not ids:
        return result
    today = timezone.localdate()
    lists = (
        TodoList.objects.filter(trainee_id__in=ids)
        .select_related("course")
        .annotate(
            items_total=Count("items", distinct=True),
            items_done=Count("items", filter=Q(items__done_at__isnull=False), distinct=True),
            last_due=Max("items__due_date"),
            overdue_items=Count(
                "items",
                filter=Q(
                    items__required=True,
                    items__done_at__isnull=True,
                    items__due_date__lt=today,
                ),
                distinct=True,
            ),
        )
        .order_by("trainee_id", "course__code")
    )
    for todo_list in lists:
        open_list = todo_list.status in (TodoList.Status.OPEN, TodoList.Status.RETURNED)
        result[todo_list.trainee_id].append(
            {
                "list_id": todo_list.pk,
                "course": todo_list.course.name,
                "status": todo_list.status,
                "status_label": str(todo_list.get_status_display()),
                "due_date": todo_list.last_due,
                "overdue": open_list and todo_list.overdue_items > 0,
                "items_done": todo_list.items_done,
                "items_total": todo_list.items_total,
            }
        )
    return result


def feedback_shared_with(user, trainee) -> QuerySet[Feedback]:
    """The feedback the ASO explicitly shared with this user (and has not revoked)."""
    if not getattr(user, "is_authenticated", False):
        return Feedback.objects.none()
    return (
        Feedback.objects.filter(
            trainee=trainee, shares__shared_with=user, shares__revoked_at__isnull=True
        )
        .select_related("author", "team_member", "epa")
        .distinct()
    )


def supervisor_choices(trainee: Trainee):
    """Whom the ASO may ask for feedback: stagemeesters and the trainers of current services."""
    from django.contrib.auth import get_user_model

    today = timezone.localdate()
    stages = Stage.objects.filter(trainee=trainee, start__lte=today, end__gte=today)
    services = stages.values("service_id")
    trainers = TrainerRecognition.objects.filter(
        service_id__in=services, start__lte=today, end__gte=today
    ).values("trainer_id")
    return (
        get_user_model()
        .objects.filter(
            Q(pk__in=stages.values("stagemeester_id")) | Q(pk__in=trainers), is_active=True
        )
        .exclude(pk=trainee.user_id)
        .order_by("last_name", "first_name")
    )


def epas_for(trainee: Trainee) -> QuerySet[Epa]:
    return Epa.objects.filter(specialty_id=trainee.specialty_id, is_active=True)


def current_levels(trainee: Trainee) -> dict[int, EntrustmentDecision]:
    """The current decision per EPA pk."""
    return {
        d.epa_id: d
        for d in EntrustmentDecision.objects.filter(
            trainee=trainee, superseded_by__isnull=True
        ).select_related("epa", "decided_by")
    }


def epa_progress(trainee: Trainee) -> list[dict]:
    """Per EPA of the ASO's specialty: the current level and its history, with a small chart."""
    decisions = defaultdict(list)
    for d in (
        EntrustmentDecision.objects.filter(trainee=trainee)
        .select_related("decided_by")
        .order_by("decided_on", "created_at", "pk")
    ):
        decisions[d.epa_id].append(d)
    rows = []
    for epa in epas_for(trainee):
        history = decisions.get(epa.pk, [])
        current = next((d for d in reversed(history) if d.superseded_by_id is None), None)
        rows.append(
            {
                "epa": epa,
                "current": current,
                "history": history,
                "chart": level_chart(history),
            }
        )
    return rows


def level_chart(history, width: int = 160, height: int = 40) -> dict | None:
    """Points of a small step chart of levels over time (rendered as inline SVG)."""
    if not history:
        return None
    start = history[0].decided_on
    end = max(timezone.localdate(), history[-1].decided_on)
    span = max((end - start).days, 1)

    def x(day: datetime.date) -> float:
        return round(4 + (width - 8) * (day - start).days / span, 1)

    def y(level: int) -> float:
        return round(height - 4 - (height - 8) * (level - 1) / 4, 1)

    points = []
    for i, d in enumerate(history):
        if i:
            points.append(f"{x(d.decided_on)},{y(history[i - 1].level)}")
        points.append(f"{x(d.decided_on)},{y(d.level)}")
    points.append(f"{x(end)},{y(history[-1].level)}")
    # Coordinates leave Python as strings: a template must never localise them (a decimal comma
    # in nl/fr once made every dot vanish).
    dots = [{"x": f"{x(d.decided_on)}", "y": f"{y(d.level)}", "level": d.level} for d in history]
    return {"width": str(width), "height": str(height), "points": " ".join(points), "dots": dots}


def feedback_timeline(trainee: Trainee) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(trainee=trainee)
        .select_related("author", "team_member", "epa", "request")
        .prefetch_related("shares")
    )


def open_requests_for_supervisor(user) -> QuerySet[FeedbackRequest]:
    return FeedbackRequest.objects.filter(
        supervisor=user, status=FeedbackRequest.Status.OPEN
    ).select_related("trainee__user", "epa")


def submissions_for_titularis(user, *, status="", specialty="", year="", course=""):
    """The titularis' dashboard: submissions to their courses, filtered, with counts."""
    qs = (
        Submission.objects.filter(todo_list__course__titularis=user)
        .select_related(
            "todo_list__course",
            "todo_list__trainee__user",
            "todo_list__trainee__specialty",
            "decided_by",
        )
        .order_by("-submitted_at", "-pk")
    )
    if course:
        qs = qs.filter(todo_list__course__code=course)
    # order_by() first: an ordering would otherwise split the GROUP BY.
    counts = {
        row["decision"]: row["n"]
        for row in qs.order_by().values("decision").annotate(n=Count("pk"))
    }
    if status:
        qs = qs.filter(decision=status)
    if specialty:
        qs = qs.filter(todo_list__trainee__specialty__code=specialty)
    if year:
        try:
            wanted = int(year)
        except ValueError:
            wanted = 0
        qs = qs.filter(in_training_year(wanted, prefix="todo_list__trainee__"))
    # A query the page cuts into pages (COUNT and LIMIT in the database), without the snapshots.
    return qs.defer("snapshot"), counts


def stagemeester_table(user) -> list[dict]:
    """The stagemeester's current ASO in one table: requests, EPA levels, overdue to-dos."""
    from traject.organisation.permissions import current_trainees_of_stagemeester

    trainees = list(current_trainees_of_stagemeester(user).select_related("user", "specialty"))
    status = todo_status_for_trainees(trainees)
    open_requests = dict(
        FeedbackRequest.objects.filter(trainee__in=trainees, status=FeedbackRequest.Status.OPEN)
        .order_by()
        .values_list("trainee_id")
        .annotate(n=Count("pk"))
    )
    mine = dict(
        FeedbackRequest.objects.filter(
            trainee__in=trainees, status=FeedbackRequest.Status.OPEN, supervisor=user
        )
        .order_by()
        .values_list("trainee_id")
        .annotate(n=Count("pk"))
    )
    levels = defaultdict(list)
    for d in EntrustmentDecision.objects.filter(
        trainee__in=trainees, superseded_by__isnull=True
    ).select_related("epa"):
        levels[d.trainee_id].append(d)
    goals_to_agree = dict(
        LearningGoal.objects.filter(trainee__in=trainees, status=LearningGoal.Status.ACTIVE)
        .exclude(agreed_version=F("version"))
        .order_by()
        .values_list("trainee_id")
        .annotate(n=Count("pk"))
    )
    rows = []
    for t in trainees:
        rows.append(
            {
                "trainee": t,
                "open_requests": open_requests.get(t.pk, 0),
                "my_requests": mine.get(t.pk, 0),
                "levels": sorted(levels.get(t.pk, []), key=lambda d: d.epa.code),
                "overdue": sum(1 for s in status[t.pk] if s["overdue"]),
                "goals_to_agree": goals_to_agree.get(t.pk, 0),
            }
        )
    return rows


def level_label(level: int | None) -> str:
    return str(EntrustmentLevel(level).label) if level else ""


def _text_lines(value: str) -> list[str]:
    from django.utils.html import strip_tags

    return [line.strip() for line in strip_tags(value or "").splitlines() if line.strip()]


def submission_changes(previous: list[dict] | None, current: list[dict]) -> dict[int, dict]:
    """What changed in a resubmission, per item id, from the two submissions' snapshots.

    Each entry: ``changed`` (anything differs), ``new_item``, ``done_changed``, ``new_files``
    (ids of files not in the previous submission) and ``diff``: the lines of the note and the
    reflection that were removed (``-``) or added (``+``). Empty when there is no previous one.
    """
    import difflib

    if not previous:
        return {}
    before = {entry["item_id"]: entry for entry in previous}
    result: dict[int, dict] = {}
    for entry in current:
        old = before.get(entry["item_id"])
        old_files = {f["id"] for f in (old or {}).get("files", [])}
        new_files = {f["id"] for f in entry.get("files", [])} - old_files
        diff = []
        for key in ("note", "reflection"):
            old_lines = _text_lines((old or {}).get(key, ""))
            new_lines = _text_lines(entry.get(key, ""))
            for line in difflib.ndiff(old_lines, new_lines):
                if line[:1] in "+-":
                    diff.append({"sign": line[0], "text": line[2:]})
        done_changed = old is not None and bool(old.get("done")) != bool(entry.get("done"))
        result[entry["item_id"]] = {
            "new_item": old is None,
            "done_changed": done_changed,
            "new_files": new_files,
            "diff": diff,
            "changed": old is None or done_changed or bool(new_files) or bool(diff),
        }
    return result


def stagemeester_tasks(user, limit: int = 10) -> dict:
    """What the stagemeester must do for the ASO on stage now, each one tap from its action.

    ``goals``: learning goals changed since the stagemeester last agreed (or never agreed);
    ``epa_decisions``: per ASO and EPA, feedback with a suggested level given after the current
    entrustment decision (or with no decision yet). A constant number of queries.
    """
    from traject.organisation.permissions import current_trainees_of_stagemeester

    trainees = current_trainees_of_stagemeester(user)
    goals = list(
        LearningGoal.objects.filter(trainee__in=trainees, status=LearningGoal.Status.ACTIVE)
        .exclude(agreed_version=F("version"))
        .select_related("trainee__user")
        .order_by("created_at", "pk")
    )
    # Only the feedback given after the current decision (or with none yet) is read, as plain
    # values, in the database's order; the people and EPAs only for the rows shown.
    current_decision = EntrustmentDecision.objects.filter(
        trainee_id=OuterRef("trainee_id"), epa_id=OuterRef("epa_id"), superseded_by__isnull=True
    ).values("created_at")[:1]
    pending = (
        Feedback.objects.filter(
            trainee__in=trainees, epa__isnull=False, entrustment_level__isnull=False
        )
        .annotate(decided_at=Subquery(current_decision))
        .filter(Q(decided_at__isnull=True) | Q(created_at__gt=F("decided_at")))
        .order_by("created_at", "pk")
        .values_list("trainee_id", "epa_id", "entrustment_level")
    )
    waiting: dict[tuple, dict] = {}
    for trainee_id, epa_id, level in pending:
        row = waiting.setdefault((trainee_id, epa_id), {"count": 0, "suggested": None})
        row["count"] += 1
        row["suggested"] = level
    trainee_ids = {key[0] for key in waiting}
    epa_ids = {key[1] for key in waiting}
    people = Trainee.objects.select_related("user").in_bulk(trainee_ids) if waiting else {}
    epas = Epa.objects.in_bulk(epa_ids) if waiting else {}
    decisions = sorted(
        (
            {"trainee": people[t], "epa": epas[e], **row}
            for (t, e), row in waiting.items()
            if t in people and e in epas
        ),
        key=lambda r: (str(r["trainee"]), r["epa"].code),
    )
    return {
        "goals": goals[:limit],
        "goals_total": len(goals),
        "epa_decisions": decisions[:limit],
        "epa_total": len(decisions),
    }
