"""The titularis' submissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from traject.core.forms import add_service_errors
from traject.organisation.models import Specialty

from .. import forms, selectors, services
from .. import permissions as perms
from ..models import (
    Course,
    ItemFile,
    Submission,
    TodoList,
)

# --- Titularis -----------------------------------------------------------------------------------


@login_required
def submissions(request):
    """The titularis' dashboard of submissions per course, with filters and counts."""
    perms.titularis(request.user)
    status = request.GET.get("status", "")
    if status not in Submission.Decision.values:
        status = ""
    specialty = request.GET.get("specialty", "")
    year = request.GET.get("year", "")
    course = request.GET.get("course", "")
    rows, counts = selectors.submissions_for_titularis(
        request.user, status=status, specialty=specialty, year=year, course=course
    )
    return render(
        request,
        "portfolio/submissions.html",
        {
            "page": Paginator(rows, 30).get_page(request.GET.get("page")),
            "counts": [
                {"value": value, "label": label, "count": counts.get(value, 0)}
                for value, label in Submission.Decision.choices
            ],
            "status": status,
            "specialty": specialty,
            "year": year,
            "course": course,
            # Each specialty stops at its first to-do list in these courses (not a DISTINCT over
            # every list of the country's ASO).
            "specialties": Specialty.objects.filter(
                Exists(
                    TodoList.objects.filter(
                        trainee__specialty=OuterRef("pk"), course__titularis=request.user
                    )
                )
            ),
            "years": range(1, 7),
            "courses": Course.objects.filter(titularis=request.user),
        },
    )


@login_required
def submission_detail(request, pk):
    submission = perms.submission_for(request.user, pk, for_write=request.method == "POST")
    todo = submission.todo_list
    is_titularis = perms.can_decide_submission(request.user, submission)
    form = forms.DecisionForm()
    if request.method == "POST":
        form = forms.DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.submission_decide(
                    submission=submission,
                    actor=request.user,
                    decision=form.cleaned_data["decision"],
                    feedback=form.cleaned_data["feedback"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your decision was sent to the ASO."))
                return redirect("portfolio:submissions")
    previous = todo.submissions.filter(number__lt=submission.number).order_by("-number").first()
    changes = selectors.submission_changes(
        previous.snapshot if previous else None, submission.snapshot
    )
    return render(
        request,
        "portfolio/submission_detail.html",
        {
            "submission": submission,
            "previous": previous,
            "items": [
                {"item": entry, "change": changes.get(entry["item_id"])}
                for entry in submission.snapshot
            ],
            "todo": todo,
            "trainee": todo.trainee,
            "is_titularis": is_titularis,
            "can_decide": is_titularis and submission.decision == Submission.Decision.PENDING,
            "form": form,
            "history": todo.submissions.select_related("decided_by"),
            "file_ids": set(
                ItemFile.objects.filter(item__todo_list=todo).values_list("pk", flat=True)
            ),
        },
    )
