"""Portfolio pages: the ASO's own portfolio, supervisors, the titularis and administrators."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.accounts.roles import STAGEMEESTER, has_role
from traject.audit.services import audit_read
from traject.core.concurrency import ConflictError
from traject.core.forms import add_service_errors
from traject.core.permissions import ensure, get_scoped_or_404
from traject.core.uploads import accept_attribute
from traject.organisation.models import Specialty, University

from . import exports, forms, selectors, services
from . import permissions as perms
from .models import (
    Course,
    CourseItem,
    Epa,
    Feedback,
    FeedbackRequest,
    ItemFile,
    ItemKind,
    LearningGoal,
    Submission,
    TodoList,
)

# --- helpers ------------------------------------------------------------------------------


def _own_trainee(request):
    """The signed-in ASO; anyone else is refused (403: the page exists, not for this role)."""
    trainee = perms.trainee_of(request.user)
    ensure(trainee is not None, _("Only an ASO has a portfolio."))
    return trainee


def _related_trainee(request, pk):
    """An ASO the user has a relation with (404 otherwise)."""
    return get_scoped_or_404(
        perms.related_trainees(request.user).select_related("user", "specialty", "university"),
        pk=pk,
    )


def _form_page(request, form, title, *, cancel_url="", submit_label="", intro=""):
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "submit_label": submit_label,
            "intro": intro,
        },
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
    trainee = _own_trainee(request)
    services.todo_lists_sync(trainee=trainee)
    return render(request, "portfolio/overview.html", _portfolio_context(trainee, own=True))


@login_required
def trainee_overview(request, trainee_pk):
    """A supervisor's view of one ASO: feedback, EPA levels, IOP and to-do status (no content)."""
    trainee = _related_trainee(request, trainee_pk)
    ensure(perms.can_view_portfolio(request.user, trainee))
    if perms.is_self(request.user, trainee):
        return redirect("portfolio:overview")
    audit_read(actor=request.user, subject=trainee.user, target=trainee, summary="portfolio")
    context = _portfolio_context(trainee, own=False)
    context["can_decide"] = perms.can_decide_entrustment(request.user, trainee)
    return render(request, "portfolio/overview.html", context)


@login_required
def trainee_status(request, trainee_pk):
    """Read-only status of an ASO's to-dos and deadlines (the mentor's view), and shared feedback."""
    trainee = _related_trainee(request, trainee_pk)
    ensure(perms.can_view_todo_status(request.user, trainee))
    audit_read(actor=request.user, subject=trainee.user, target=trainee, summary="to-do status")
    return render(
        request,
        "portfolio/trainee_status.html",
        {
            "trainee": trainee,
            "rows": selectors.todo_status_for_trainees([trainee])[trainee.pk],
            "shared": selectors.feedback_shared_with(request.user, trainee),
        },
    )


# --- To-do lists ----------------------------------------------------------------------------


@login_required
def todo_list(request, pk):
    todo = get_scoped_or_404(
        perms.todo_lists_visible_to(request.user).select_related("course__titularis"), pk=pk
    )
    items = list(todo.items.prefetch_related("files"))
    today = timezone.localdate()
    required_open = [i for i in items if i.required and not i.is_done]
    return render(
        request,
        "portfolio/todo_list.html",
        {
            "todo": todo,
            "items": [{"item": i, "overdue": i.is_overdue_on(today)} for i in items],
            "can_submit": todo.is_editable and not required_open,
            "required_open": required_open,
            "submissions": todo.submissions.select_related("decided_by"),
        },
    )


@login_required
def todo_item(request, pk):
    """Work on one item: note, reflection, files, done."""
    item = get_scoped_or_404(
        perms.todo_items_visible_to(request.user).select_related("todo_list__course"), pk=pk
    )
    show_reflection = item.kind == ItemKind.REFLECTION
    needs_file = item.kind in (ItemKind.UPLOAD, ItemKind.SIGNATURE)
    form = forms.TodoItemForm(
        request.POST or None,
        show_reflection=show_reflection,
        initial={
            "note": item.note,
            "reflection": item.reflection,
            "done": item.is_done,
            "version": item.version,
        },
    )
    upload = forms.UploadForm()
    if request.method == "POST":
        ensure(item.todo_list.is_editable, _("This list was submitted and cannot be changed now."))
        if "upload" in request.POST:
            upload = forms.UploadForm(request.POST, request.FILES)
            form = forms.TodoItemForm(
                show_reflection=show_reflection,
                initial={
                    "note": item.note,
                    "reflection": item.reflection,
                    "done": item.is_done,
                    "version": item.version,
                },
            )
            if upload.is_valid():
                try:
                    services.todo_item_attach_file(
                        item=item, actor=request.user, uploaded=upload.cleaned_data["file"]
                    )
                except ValidationError as exc:
                    upload.add_error("file", exc.messages[0])
                else:
                    messages.success(request, _("The file was added."))
                    return redirect("portfolio:todo_item", pk=item.pk)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.todo_item_update(
                    item=item,
                    actor=request.user,
                    done=data["done"],
                    note=data["note"],
                    reflection=data.get("reflection") if show_reflection else None,
                    expected_version=data.get("version"),
                )
            except ValidationError as exc:
                if "file" in getattr(exc, "error_dict", {}):
                    upload.add_error("file", exc.error_dict["file"][0].messages[0])
                    form.add_error(None, exc.error_dict["file"][0].messages[0])
                else:
                    add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("portfolio:todo_list", pk=item.todo_list_id)
    return render(
        request,
        "portfolio/todo_item.html",
        {
            "item": item,
            "form": form,
            "upload": upload,
            "needs_file": needs_file,
            "files": item.files.all(),
            "editable": item.todo_list.is_editable,
            "accept": accept_attribute(),
        },
    )


@login_required
@require_POST
def item_file_delete(request, pk):
    item_file = get_scoped_or_404(
        ItemFile.objects.filter(item__todo_list__trainee__user=request.user), pk=pk
    )
    item_pk = item_file.item_id
    try:
        services.item_file_delete(item_file=item_file, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The file was removed."))
    return redirect("portfolio:todo_item", pk=item_pk)


@login_required
def item_file(request, pk):
    """Serve an uploaded file after the permission check (never from a public URL)."""
    attached = get_scoped_or_404(
        ItemFile.objects.filter(perms.item_files_related_to(request.user))
        .select_related("item__todo_list__trainee__user", "item__todo_list__course")
        .distinct(),
        pk=pk,
    )
    ensure(perms.can_download_item_file(request.user, attached.item))
    audit_read(
        actor=request.user,
        subject=attached.item.todo_list.trainee.user,
        target=attached,
        summary=attached.original_name,
    )
    response = FileResponse(
        attached.file.open("rb"),
        as_attachment=True,
        filename=attached.original_name,
        content_type=attached.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def todo_list_submit(request, pk):
    """Indienen bij titularis."""
    todo = get_scoped_or_404(perms.todo_lists_visible_to(request.user), pk=pk)
    try:
        services.todo_list_submit(todo_list=todo, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your to-do list was submitted to the titularis."))
    return redirect("portfolio:todo_list", pk=todo.pk)


# --- Titularis -----------------------------------------------------------------------------------


@login_required
def submissions(request):
    """The titularis' dashboard of submissions per course, with filters and counts."""
    ensure(perms.is_titularis(request.user), _("Only a titularis receives submissions."))
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
            "specialties": Specialty.objects.filter(
                trainees__todo_lists__course__titularis=request.user
            ).distinct(),
            "years": range(1, 7),
            "courses": Course.objects.filter(titularis=request.user),
        },
    )


@login_required
def submission_detail(request, pk):
    submission = get_scoped_or_404(
        perms.submissions_visible_to(request.user).select_related(
            "todo_list__course__titularis",
            "todo_list__trainee__user",
            "todo_list__trainee__specialty",
            "decided_by",
        ),
        pk=pk,
    )
    todo = submission.todo_list
    is_titularis = todo.course.titularis_id == request.user.pk
    if is_titularis:
        audit_read(actor=request.user, subject=todo.trainee.user, target=submission)
    form = forms.DecisionForm()
    if request.method == "POST":
        ensure(is_titularis)
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
    return render(
        request,
        "portfolio/submission_detail.html",
        {
            "submission": submission,
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


# --- Feedback ----------------------------------------------------------------------------------


@login_required
def feedback_timeline(request):
    """All feedback of the ASO in one timeline, with open requests."""
    trainee = _own_trainee(request)
    return render(
        request,
        "portfolio/feedback_timeline.html",
        {
            "trainee": trainee,
            "feedback": selectors.feedback_timeline(trainee),
            "requests": FeedbackRequest.objects.filter(trainee=trainee)
            .exclude(status=FeedbackRequest.Status.COMPLETED)
            .select_related("supervisor", "epa"),
            "has_mentor": hasattr(trainee, "mentor_membership"),
        },
    )


@login_required
def feedback_request_create(request):
    trainee = _own_trainee(request)
    supervisors = selectors.supervisor_choices(trainee)
    form = forms.FeedbackRequestForm(request.POST or None, trainee=trainee, supervisors=supervisors)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_request_create(
                trainee=trainee, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your request was sent."))
            return redirect("portfolio:feedback_timeline")
    return _form_page(
        request,
        form,
        _("Ask for feedback"),
        cancel_url=reverse("portfolio:feedback_timeline"),
        submit_label=_("Send request"),
        intro=_("Your supervisor receives an e-mail with a link to a one-minute form."),
    )


@login_required
@require_POST
def feedback_request_withdraw(request, pk):
    fr = get_scoped_or_404(perms.feedback_requests_visible_to(request.user), pk=pk)
    try:
        services.feedback_request_withdraw(request=fr, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("portfolio:feedback_timeline")


@login_required
def feedback_requests(request):
    """The requests others sent this person (any staff member may be asked)."""
    return render(
        request,
        "portfolio/feedback_requests.html",
        {
            "open": selectors.open_requests_for_supervisor(request.user),
            "done": FeedbackRequest.objects.filter(
                supervisor=request.user, status=FeedbackRequest.Status.COMPLETED
            ).select_related("trainee__user")[:20],
        },
    )


@login_required
def feedback_request_complete(request, pk):
    """The one-minute form, from the e-mail link or the dashboard."""
    fr = get_scoped_or_404(
        perms.feedback_requests_visible_to(request.user).select_related("trainee__user", "epa"),
        pk=pk,
    )
    ensure(fr.supervisor_id == request.user.pk, _("Only the person asked can answer."))
    if fr.status != FeedbackRequest.Status.OPEN:
        messages.info(request, _("This request was already answered or withdrawn."))
        return redirect("portfolio:feedback_requests")
    form = forms.FeedbackCompleteForm(request.POST or None, with_level=fr.epa_id is not None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_request_complete(request=fr, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your feedback was sent."))
            return redirect("portfolio:feedback_requests")
    return render(request, "portfolio/feedback_complete.html", {"fr": fr, "form": form})


@login_required
def feedback_give(request, trainee_pk):
    """The stagemeester gives feedback unasked."""
    trainee = _related_trainee(request, trainee_pk)
    ensure(perms.can_give_feedback(request.user, trainee))
    form = forms.FeedbackGiveForm(request.POST or None, trainee=trainee)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(trainee=trainee, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your feedback was sent."))
            return redirect("portfolio:trainee_overview", trainee_pk=trainee.pk)
    return _form_page(
        request,
        form,
        _("Feedback for %(name)s") % {"name": trainee},
        cancel_url=reverse("portfolio:trainee_overview", args=[trainee.pk]),
        submit_label=_("Send feedback"),
    )


@login_required
def feedback_detail(request, pk):
    feedback = get_scoped_or_404(
        perms.feedback_visible_to(request.user).select_related(
            "trainee__user", "author", "epa", "request"
        ),
        pk=pk,
    )
    own = perms.is_self(request.user, feedback.trainee)
    audit_read(actor=request.user, subject=feedback.trainee.user, target=feedback)
    active_shares = feedback.shares.filter(revoked_at__isnull=True).select_related("shared_with")
    return render(
        request,
        "portfolio/feedback_detail.html",
        {
            "feedback": feedback,
            "own": own,
            "shares": active_shares if own else [],
            "has_mentor": own and hasattr(feedback.trainee, "mentor_membership"),
        },
    )


@login_required
@require_POST
def feedback_share(request, pk):
    feedback = get_scoped_or_404(perms.feedback_visible_to(request.user), pk=pk)
    try:
        services.feedback_share(feedback=feedback, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Shared with your mentor."))
    return redirect("portfolio:feedback_detail", pk=feedback.pk)


@login_required
@require_POST
def feedback_unshare(request, pk):
    feedback = get_scoped_or_404(perms.feedback_visible_to(request.user), pk=pk)
    services.feedback_unshare(feedback=feedback, actor=request.user)
    messages.success(request, _("Your mentor no longer sees this feedback."))
    return redirect("portfolio:feedback_detail", pk=feedback.pk)


# --- Entrustment ------------------------------------------------------------------------------


@login_required
def entrustment_create(request, trainee_pk):
    trainee = _related_trainee(request, trainee_pk)
    ensure(perms.can_decide_entrustment(request.user, trainee))
    initial = {}
    if request.GET.get("epa"):
        initial["epa"] = request.GET["epa"]
    form = forms.EntrustmentForm(request.POST or None, trainee=trainee, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.entrustment_decide(trainee=trainee, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The entrustment decision was recorded."))
            return redirect("portfolio:trainee_overview", trainee_pk=trainee.pk)
    return _form_page(
        request,
        form,
        _("Entrustment decision for %(name)s") % {"name": trainee},
        cancel_url=reverse("portfolio:trainee_overview", args=[trainee.pk]),
        submit_label=_("Record decision"),
        intro=_(
            "A new decision for an EPA supersedes the previous one; the earlier decisions stay "
            "in the history."
        ),
    )


@login_required
def epa_history(request, trainee_pk, epa_pk):
    trainee = _related_trainee(request, trainee_pk)
    ensure(perms.can_view_portfolio(request.user, trainee))
    epa = get_scoped_or_404(Epa.objects.filter(specialty_id=trainee.specialty_id), pk=epa_pk)
    audit_read(actor=request.user, subject=trainee.user, target=epa, summary="entrustment")
    decisions = (
        trainee.entrustment_decisions.filter(epa=epa)
        .select_related("decided_by")
        .prefetch_related("evidence")
    )
    return render(
        request,
        "portfolio/epa_history.html",
        {
            "trainee": trainee,
            "epa": epa,
            "decisions": decisions,
            "chart": selectors.level_chart(list(reversed(list(decisions))), width=320, height=80),
            "can_decide": perms.can_decide_entrustment(request.user, trainee),
            "feedback": trainee.feedback.filter(epa=epa).select_related("author"),
        },
    )


# --- IOP -----------------------------------------------------------------------------------------


@login_required
def goal_list(request):
    trainee = _own_trainee(request)
    return redirect("portfolio:iop", trainee_pk=trainee.pk)


@login_required
def iop(request, trainee_pk):
    trainee = _related_trainee(request, trainee_pk)
    ensure(perms.can_view_portfolio(request.user, trainee))
    audit_read(actor=request.user, subject=trainee.user, target=trainee, summary="IOP")
    return render(
        request,
        "portfolio/iop.html",
        {
            "trainee": trainee,
            "own": perms.is_self(request.user, trainee),
            "goals": trainee.learning_goals.prefetch_related("epas", "comments").select_related(
                "agreed_by"
            ),
        },
    )


def _goal_form_page(request, trainee, goal):
    initial = {}
    if goal.pk:
        initial = {
            "title": goal.title,
            "planning": goal.planning,
            "approach": goal.approach,
            "evaluation": goal.evaluation,
            "roles": goal.roles,
            "status": goal.status,
            "epas": list(goal.epas.all()),
            "version": goal.version,
        }
    form = forms.GoalForm(request.POST or None, trainee=trainee, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        for field in ("title", "planning", "approach", "evaluation", "roles", "status"):
            setattr(goal, field, data[field])
        try:
            services.goal_save(
                goal=goal, actor=request.user, epas=data["epas"], expected_version=data["version"]
            )
        except ConflictError as exc:
            form.add_error(None, exc.messages[0])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your learning goal was saved."))
            return redirect("portfolio:goal_detail", pk=goal.pk)
    return _form_page(
        request,
        form,
        _("Change learning goal") if goal.pk else _("New learning goal"),
        cancel_url=reverse("portfolio:iop", args=[trainee.pk]),
        intro=_("Every change is kept, so you and your stagemeester can read how the plan grew."),
    )


@login_required
def goal_create(request):
    trainee = _own_trainee(request)
    return _goal_form_page(request, trainee, LearningGoal(trainee=trainee))


@login_required
def goal_edit(request, pk):
    goal = get_scoped_or_404(perms.goals_visible_to(request.user), pk=pk)
    ensure(perms.can_edit_goal(request.user, goal))
    return _goal_form_page(request, goal.trainee, goal)


@login_required
def goal_detail(request, pk):
    goal = get_scoped_or_404(
        perms.goals_visible_to(request.user).select_related("trainee__user", "agreed_by"), pk=pk
    )
    audit_read(actor=request.user, subject=goal.trainee.user, target=goal)
    return render(
        request,
        "portfolio/goal_detail.html",
        {
            "goal": goal,
            "trainee": goal.trainee,
            "own": perms.is_self(request.user, goal.trainee),
            "can_agree": perms.can_agree_goal(request.user, goal) and not goal.is_agreed,
            "can_comment": perms.can_comment_goal(request.user, goal),
            "comment_form": forms.CommentForm(),
            "comments": goal.comments.select_related("author"),
            "revisions": goal.revisions.select_related("changed_by"),
        },
    )


@login_required
@require_POST
def goal_comment(request, pk):
    goal = get_scoped_or_404(perms.goals_visible_to(request.user), pk=pk)
    ensure(perms.can_comment_goal(request.user, goal))
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        services.goal_comment(goal=goal, actor=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect("portfolio:goal_detail", pk=goal.pk)


@login_required
@require_POST
def goal_agree(request, pk):
    goal = get_scoped_or_404(perms.goals_visible_to(request.user), pk=pk)
    ensure(perms.can_agree_goal(request.user, goal))
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.goal_agree(goal=goal, actor=request.user, expected_version=version)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("You agreed with this learning goal."))
    return redirect("portfolio:goal_detail", pk=goal.pk)


# --- Stagemeester ------------------------------------------------------------------------------


@login_required
def stagemeester_table(request):
    """The stagemeester's current ASO in one table."""
    ensure(has_role(request.user, STAGEMEESTER), _("Only a stagemeester has ASO on stage."))
    return render(
        request,
        "portfolio/stagemeester_table.html",
        {"rows": selectors.stagemeester_table(request.user)},
    )


# --- Export -------------------------------------------------------------------------------------


@login_required
def export_json(request):
    trainee = _own_trainee(request)
    data = exports.portfolio_data(trainee)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="portfolio.json"'
    return response


@login_required
def export_pdf(request):
    trainee = _own_trainee(request)
    pdf = exports.portfolio_pdf(trainee, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="portfolio.pdf"'
    return response


# --- Programme administration: courses and EPAs ----------------------------------------------


def _admin_choices(user):
    scope = perms.admin_scope(user)
    universities = University.objects.filter(pk__in={r["university_id"] for r in scope})
    return universities, forms.specialties_for_admin(scope)


@login_required
def course_list(request):
    ensure(perms.can_manage_courses(request.user))
    courses = (
        perms.courses_manageable_by(request.user)
        .select_related("titularis", "specialty", "university")
        .order_by("level", "code")
    )
    return render(request, "portfolio/course_list.html", {"courses": courses})


def _course_form(request, course):
    universities, specialties = _admin_choices(request.user)
    form = forms.CourseForm(
        request.POST or None,
        instance=course,
        universities=universities,
        specialties=specialties,
    )
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_save(
                course=form.instance,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("Not allowed."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("portfolio:course_edit", pk=course.pk)
    return form


@login_required
def course_create(request):
    ensure(perms.can_manage_courses(request.user))
    result = _course_form(request, Course())
    if not isinstance(result, forms.CourseForm):
        return result
    return _form_page(request, result, _("New course"), cancel_url=reverse("portfolio:course_list"))


@login_required
def course_edit(request, pk):
    ensure(perms.can_manage_courses(request.user))
    course = get_scoped_or_404(perms.courses_manageable_by(request.user), pk=pk)
    result = _course_form(request, course)
    if not isinstance(result, forms.CourseForm):
        return result
    return render(
        request,
        "portfolio/course_edit.html",
        {
            "form": result,
            "course": course,
            "items": course.items.all(),
            "lists": course.todo_lists.count(),
        },
    )


def _course_item_form(request, item, title):
    form = forms.CourseItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_item_save(
                item=form.instance,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The item was saved."))
            return redirect("portfolio:course_edit", pk=item.course_id)
    return _form_page(
        request, form, title, cancel_url=reverse("portfolio:course_edit", args=[item.course_id])
    )


@login_required
def course_item_create(request, pk):
    ensure(perms.can_manage_courses(request.user))
    course = get_scoped_or_404(perms.courses_manageable_by(request.user), pk=pk)
    return _course_item_form(
        request,
        CourseItem(course=course, position=course.items.count() + 1),
        _("New item for %(course)s") % {"course": course.name},
    )


@login_required
def course_item_edit(request, pk):
    ensure(perms.can_manage_courses(request.user))
    item = get_scoped_or_404(
        CourseItem.objects.filter(course__in=perms.courses_manageable_by(request.user)), pk=pk
    )
    return _course_item_form(request, item, _("Change item"))


@login_required
def epa_list(request):
    ensure(perms.can_manage_epas(request.user))
    epas = perms.epas_manageable_by(request.user).select_related("specialty")
    specialty = request.GET.get("specialty", "")
    if specialty:
        epas = epas.filter(specialty__code=specialty)
    return render(
        request,
        "portfolio/epa_list.html",
        {
            "epas": epas,
            "specialty": specialty,
            "specialties": Specialty.objects.filter(epas__isnull=False).distinct(),
        },
    )


def _epa_form(request, epa, title):
    _universities, specialties = _admin_choices(request.user)
    form = forms.EpaForm(request.POST or None, instance=epa, specialties=specialties)
    if request.method == "POST" and form.is_valid():
        try:
            services.epa_save(
                epa=form.instance,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The EPA was saved."))
            return redirect("portfolio:epa_list")
    return _form_page(request, form, title, cancel_url=reverse("portfolio:epa_list"))


@login_required
def epa_create(request):
    ensure(perms.can_manage_epas(request.user))
    return _epa_form(request, Epa(), _("New EPA"))


@login_required
def epa_edit(request, pk):
    ensure(perms.can_manage_epas(request.user))
    epa = get_scoped_or_404(perms.epas_manageable_by(request.user), pk=pk)
    return _epa_form(request, epa, _("Change EPA"))
