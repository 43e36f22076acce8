"""The ASO's portfolio overview and the stagemeester's table."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from .. import permissions as perms
from .. import selectors
from ..models import (
    Feedback,
    FeedbackRequest,
    LearningGoal,
    TodoList,
)

# --- The ASO's portfolio ------------------------------------------------------------------


def _portfolio_context(trainee, *, own: bool):
    today = timezone.localdate()
    lists = list(
        TodoList.objects.filter(trainee=trainee)
        .select_related("course")
        .prefetch_related("items", "submissions")
    )
    status = {
        row["list_id"]: row for row in selectors.todo_status_for_trainees([trainee])[trainee.pk]
    }
    feedback = list(selectors.feedback_timeline(trainee)[:5])
    return {
        "trainee": trainee,
        "own": own,
        "today": today,
        "lists": [{"list": tl, "status": status.get(tl.pk)} for tl in lists],
        "open_requests": FeedbackRequest.objects.filter(
            trainee=trainee, status=FeedbackRequest.Status.OPEN
        ).select_related("supervisor", "epa"),
        "recent_feedback": feedback,
        "feedback_count": Feedback.objects.filter(trainee=trainee).count(),
        "epa_rows": selectors.epa_progress(trainee),
        "goals": LearningGoal.objects.filter(trainee=trainee).prefetch_related("epas"),
    }


@login_required
def overview(request):
    """The ASO's progress overview: courses, to-dos, submissions, feedback, EPAs, IOP."""
    trainee = perms.own_trainee(request.user)
    return render(request, "portfolio/overview.html", _portfolio_context(trainee, own=True))


@login_required
def trainee_overview(request, trainee_pk):
    """A supervisor's view of one ASO: feedback, EPA levels, IOP and to-do status (no content)."""
    trainee = perms.portfolio_of(request.user, trainee_pk)
    if perms.is_self(request.user, trainee):
        return redirect("portfolio:overview")
    context = _portfolio_context(trainee, own=False)
    context["can_decide"] = perms.can_decide_entrustment(request.user, trainee)
    return render(request, "portfolio/overview.html", context)


@login_required
def trainee_status(request, trainee_pk):
    """Read-only status of an ASO's to-dos and deadlines (the mentor's view), and shared feedback."""
    trainee = perms.todo_status_of(request.user, trainee_pk)
    return render(
        request,
        "portfolio/trainee_status.html",
        {
            "trainee": trainee,
            "rows": selectors.todo_status_for_trainees([trainee])[trainee.pk],
            "shared": selectors.feedback_shared_with(request.user, trainee),
        },
    )


# --- Stagemeester ------------------------------------------------------------------------------


@login_required
def stagemeester_table(request):
    """The stagemeester's current ASO in one table."""
    perms.stagemeester(request.user)
    return render(
        request,
        "portfolio/stagemeester_table.html",
        {"rows": selectors.stagemeester_table(request.user)},
    )
