from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from traject.accounts.roles import STAGEMEESTER, has_role
from traject.core.dashboard import Section
from traject.organisation.selectors import own_trainee_record
from traject.organisation.vocabulary import term, user_country

from . import permissions, selectors
from .models import FeedbackRequest, Submission, TodoList


def sections(request) -> list[Section]:
    """What the ASO, the supervisor and the titularis must do next in the portfolio."""
    user = request.user
    result = []
    trainee = own_trainee_record(user)
    if trainee is not None:
        rows = selectors.todo_status_for_trainees([trainee])[trainee.pk]
        todo = [r for r in rows if r["status"] in (TodoList.Status.OPEN, TodoList.Status.RETURNED)]
        returned_ids = [r["list_id"] for r in todo if r["status"] == TodoList.Status.RETURNED]
        feedback = {}
        for s in Submission.objects.filter(
            todo_list_id__in=returned_ids, decision=Submission.Decision.RETURNED
        ).order_by("todo_list_id", "number"):
            feedback[s.todo_list_id] = s.feedback  # the latest return wins
        for r in todo:
            r["feedback"] = feedback.get(r["list_id"], "")
        result.append(
            Section(
                _("My to-do lists"),
                "portfolio/partials/dashboard_aso.html",
                {
                    "todo": todo,
                    "returned": [r for r in todo if r["status"] == TodoList.Status.RETURNED],
                    "open_requests": FeedbackRequest.objects.filter(
                        trainee=trainee, status=FeedbackRequest.Status.OPEN
                    ).select_related("supervisor", "team_member"),
                },
                order=10,
            )
        )
    open_requests = list(selectors.open_requests_for_supervisor(user)[:10])
    if open_requests:
        result.append(
            Section(
                _("Feedback asked of you"),
                "portfolio/partials/dashboard_requests.html",
                {"requests": open_requests, "late": sum(1 for r in open_requests if r.is_late)},
                order=12,
            )
        )
    if has_role(user, STAGEMEESTER):
        tasks = selectors.stagemeester_tasks(user)
        result.append(
            Section(
                term("waiting_for_trainer", user_country(user)),
                "portfolio/partials/dashboard_stagemeester.html",
                tasks,
                order=11,
            )
        )
    if permissions.is_titularis(user):
        counts = dict(
            Submission.objects.filter(todo_list__course__titularis=user)
            .order_by()
            .values_list("decision")
            .annotate(n=Count("pk"))
        )
        result.append(
            Section(
                _("Submissions to your courses"),
                "portfolio/partials/dashboard_titularis.html",
                {
                    "pending": counts.get(Submission.Decision.PENDING, 0),
                    "url": reverse("portfolio:submissions") + "?status=pending",
                    # The oldest waiting first, each one tap from the decision.
                    "oldest": Submission.objects.filter(
                        todo_list__course__titularis=user, decision=Submission.Decision.PENDING
                    )
                    .select_related("todo_list__course", "todo_list__trainee__user")
                    .order_by("submitted_at", "pk")[:8],
                },
                order=20,
            )
        )
    return result
