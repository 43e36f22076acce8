"""Who may see or do what in the portfolio. Deny by default.

The ASO owns the portfolio. The current stagemeester reads feedback, EPAs and the IOP and
decides on entrustment. A titularis sees only the submissions to their own courses. The
mentor sees to-do status and the feedback the ASO chose to share, nothing else, and never
assesses. Programme administrators maintain courses and the EPA catalogue in their scope.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from traject.accounts.roles import TITULARIS, has_role
from traject.core.permissions import ensure, get_scoped_or_404, is_authenticated
from traject.organisation.models import Stage, Trainee
from traject.organisation.permissions import (
    admin_scope,
    admin_scope_q,
    in_admin_scope,
    is_programme_admin,
    trainees_visible_to,
)

from .models import (
    Course,
    Epa,
    Feedback,
    FeedbackRequest,
    LearningGoal,
    Submission,
    TodoItem,
    TodoList,
)

_authenticated = is_authenticated


def trainee_of(user) -> Trainee | None:
    """The ASO record of the user, if they are an ASO."""
    if not _authenticated(user):
        return None
    return Trainee.objects.select_related("specialty", "university").filter(user=user).first()


def own_trainee(user) -> Trainee:
    """The signed-in ASO; anyone else is refused (403: the page exists, not for this role)."""
    from django.utils.translation import gettext as _

    trainee = trainee_of(user)
    ensure(trainee is not None, _("Only an ASO has a portfolio."))
    return trainee


def related_trainee(user, pk) -> Trainee:
    """An ASO the user has a relation with (404 otherwise)."""
    return get_scoped_or_404(
        related_trainees(user).select_related("user", "specialty", "university"), pk=pk
    )


def is_self(user, trainee: Trainee) -> bool:
    return _authenticated(user) and trainee.user_id == user.pk


def is_current_stagemeester(user, trainee: Trainee) -> bool:
    """The user supervises the ASO on a stage that runs today."""
    if not _authenticated(user):
        return False
    today = timezone.localdate()
    return Stage.objects.filter(
        trainee=trainee, stagemeester=user, start__lte=today, end__gte=today
    ).exists()


def is_mentor_of(user, trainee: Trainee) -> bool:
    return (
        _authenticated(user)
        and Trainee.objects.filter(pk=trainee.pk, mentor_membership__group__mentor=user).exists()
    )


def is_programme_admin_of(user, trainee: Trainee) -> bool:
    return in_admin_scope(user, trainee.university_id, trainee.specialty_id)


# --- ASO-level reads -------------------------------------------------------------------


def related_trainees(user) -> QuerySet[Trainee]:
    """ASO the user has any relation with (used to choose 404 over 403)."""
    return trainees_visible_to(user)


def can_view_portfolio(user, trainee: Trainee) -> bool:
    """Feedback, EPA levels and the IOP: the ASO and their current stagemeester."""
    return is_self(user, trainee) or is_current_stagemeester(user, trainee)


def can_view_todo_status(user, trainee: Trainee) -> bool:
    """Status and deadlines of to-dos (never content): also the mentor and the administrator."""
    return (
        can_view_portfolio(user, trainee)
        or is_mentor_of(user, trainee)
        or is_programme_admin_of(user, trainee)
    )


def can_give_feedback(user, trainee: Trainee) -> bool:
    """The current stagemeester gives feedback unasked."""
    return is_current_stagemeester(user, trainee)


def can_decide_entrustment(user, trainee: Trainee) -> bool:
    """Only the current stagemeester makes a bekwaamverklaring (never the mentor)."""
    return is_current_stagemeester(user, trainee)


# --- To-do lists and submissions --------------------------------------------------------


def todo_lists_visible_to(user) -> QuerySet[TodoList]:
    """The ASO's own to-do lists (content)."""
    if not _authenticated(user):
        return TodoList.objects.none()
    return TodoList.objects.filter(trainee__user=user)


def todo_items_visible_to(user) -> QuerySet[TodoItem]:
    if not _authenticated(user):
        return TodoItem.objects.none()
    return TodoItem.objects.filter(todo_list__trainee__user=user)


def can_edit_todo_list(user, todo_list: TodoList) -> bool:
    return is_self(user, todo_list.trainee)


def is_titularis(user) -> bool:
    return _authenticated(user) and has_role(user, TITULARIS)


def submissions_visible_to(user) -> QuerySet[Submission]:
    """Submissions the ASO made, and those to the courses the user holds."""
    if not _authenticated(user):
        return Submission.objects.none()
    return Submission.objects.filter(
        Q(todo_list__trainee__user=user) | Q(todo_list__course__titularis=user)
    )


def can_decide_submission(user, submission: Submission) -> bool:
    return _authenticated(user) and submission.todo_list.course.titularis_id == user.pk


def titularis(user):
    """The signed-in titularis (403 for anyone who holds no course)."""
    from django.utils.translation import gettext as _

    ensure(is_titularis(user), _("Only a titularis receives submissions."))
    return user


def submission_for(user, pk, *, for_write: bool = False) -> Submission:
    """A submission the ASO made or that was made to the user's course (404 otherwise).

    ``for_write``: only the course's titularis decides (403). A read of another person's
    submission is audited, the same way for the page and the API; the ASO's own is not.
    """
    submission = get_scoped_or_404(
        submissions_visible_to(user).select_related(
            "todo_list__course__titularis",
            "todo_list__trainee__user",
            "todo_list__trainee__specialty",
            "decided_by",
        ),
        pk=pk,
    )
    trainee = submission.todo_list.trainee
    if for_write:
        ensure(can_decide_submission(user, submission))
    elif not is_self(user, trainee):
        from traject.audit.services import audit_read

        audit_read(actor=user, subject=trainee.user, target=submission)
    return submission


def can_download_item_file(user, item: TodoItem) -> bool:
    """The ASO, and the titularis of the course once the list was submitted."""
    if is_self(user, item.todo_list.trainee):
        return True
    return (
        _authenticated(user)
        and item.todo_list.course.titularis_id == user.pk
        and item.todo_list.submissions.exists()
    )


def item_files_related_to(user) -> Q:
    """Filter on ItemFile: the ASO's own files and files in lists submitted to the user's courses."""
    return Q(item__todo_list__trainee__user=user) | Q(
        item__todo_list__course__titularis=user, item__todo_list__submissions__isnull=False
    )


# --- Feedback -----------------------------------------------------------------------------


def feedback_visible_to(user) -> QuerySet[Feedback]:
    """Own feedback; feedback one wrote; all feedback of ASO one supervises now; shared with one."""
    if not _authenticated(user):
        return Feedback.objects.none()
    today = timezone.localdate()
    current = Stage.objects.filter(stagemeester=user, start__lte=today, end__gte=today)
    return Feedback.objects.filter(
        Q(trainee__user=user)
        | Q(author=user)
        | Q(trainee_id__in=current.values("trainee_id"))
        | Q(shares__shared_with=user, shares__revoked_at__isnull=True)
    ).distinct()


def feedback_requests_visible_to(user) -> QuerySet[FeedbackRequest]:
    if not _authenticated(user):
        return FeedbackRequest.objects.none()
    return FeedbackRequest.objects.filter(Q(trainee__user=user) | Q(supervisor=user))


def is_asked_for_feedback(user, request: FeedbackRequest) -> bool:
    """Only the person asked answers a feedback request (whether it is still open is the
    service's rule, answered with a message)."""
    return _authenticated(user) and request.supervisor_id == user.pk


def feedback_request_for(user, pk, *, for_answer: bool = False) -> FeedbackRequest:
    """A feedback request the user made or was asked (404); ``for_answer``: only the person
    asked (403)."""
    from django.utils.translation import gettext as _

    fr = get_scoped_or_404(
        feedback_requests_visible_to(user).select_related("trainee__user", "epa"), pk=pk
    )
    if for_answer:
        ensure(is_asked_for_feedback(user, fr), _("Only the person asked can answer."))
    return fr


def can_share_feedback(user, feedback: Feedback) -> bool:
    """Only the ASO decides who else reads their feedback."""
    return is_self(user, feedback.trainee)


# --- IOP ----------------------------------------------------------------------------------


def goals_visible_to(user) -> QuerySet[LearningGoal]:
    if not _authenticated(user):
        return LearningGoal.objects.none()
    today = timezone.localdate()
    current = Stage.objects.filter(stagemeester=user, start__lte=today, end__gte=today)
    return LearningGoal.objects.filter(
        Q(trainee__user=user) | Q(trainee_id__in=current.values("trainee_id"))
    )


def can_edit_goal(user, goal: LearningGoal) -> bool:
    return is_self(user, goal.trainee)


def can_comment_goal(user, goal: LearningGoal) -> bool:
    return is_self(user, goal.trainee) or is_current_stagemeester(user, goal.trainee)


def can_agree_goal(user, goal: LearningGoal) -> bool:
    return is_current_stagemeester(user, goal.trainee)


# --- Programme administration ---------------------------------------------------------


def can_manage_courses(user) -> bool:
    return is_programme_admin(user)


def courses_manageable_by(user) -> QuerySet[Course]:
    if not can_manage_courses(user):
        return Course.objects.none()
    return Course.objects.filter(admin_scope_q(user))


def can_manage_course(user, course: Course) -> bool:
    return courses_manageable_by(user).filter(pk=course.pk).exists()


def can_manage_epas(user) -> bool:
    return is_programme_admin(user)


def epas_manageable_by(user) -> QuerySet[Epa]:
    """Whole-programme administrators keep every catalogue; others that of their specialty."""
    if not can_manage_epas(user):
        return Epa.objects.none()
    scope = admin_scope(user)
    if any(role["specialty_id"] is None for role in scope):
        return Epa.objects.all()
    return Epa.objects.filter(specialty_id__in=[role["specialty_id"] for role in scope])


# --- Access functions: the pages and the API call these, never a check of their own ----------


def _audit(user, subject, target, summary: str = "") -> None:
    """Record the read of another person's portfolio data (one's own is not logged)."""
    from traject.audit.services import audit_read

    audit_read(actor=user, subject=subject, target=target, summary=summary)


def portfolio_of(user, trainee_pk, *, summary: str = "portfolio") -> Trainee:
    """An ASO whose portfolio (feedback, EPA levels, IOP) the user reads: the ASO and their
    current stagemeester. 404 without a relation, 403 for a related person without the right;
    the read is audited."""
    trainee = related_trainee(user, trainee_pk)
    ensure(can_view_portfolio(user, trainee))
    _audit(user, trainee.user, trainee, summary)
    return trainee


def todo_status_of(user, trainee_pk) -> Trainee:
    """An ASO whose to-do status the user reads (also the mentor and the administrator);
    404 / 403, and the read is audited."""
    trainee = related_trainee(user, trainee_pk)
    ensure(can_view_todo_status(user, trainee))
    _audit(user, trainee.user, trainee, "to-do status")
    return trainee


def feedback_giver_for(user, trainee_pk) -> Trainee:
    """An ASO the user gives feedback unasked (the current stagemeester): 404 / 403."""
    trainee = related_trainee(user, trainee_pk)
    ensure(can_give_feedback(user, trainee))
    return trainee


def entrustment_decider_for(user, trainee_pk) -> Trainee:
    """An ASO on whose EPAs the user decides (the current stagemeester): 404 / 403."""
    trainee = related_trainee(user, trainee_pk)
    ensure(can_decide_entrustment(user, trainee))
    return trainee


def epa_history_of(user, trainee_pk, epa_pk) -> tuple[Trainee, Epa]:
    """An ASO and one EPA of their specialty whose decisions the user reads (404 / 403)."""
    trainee = related_trainee(user, trainee_pk)
    ensure(can_view_portfolio(user, trainee))
    epa = get_scoped_or_404(Epa.objects.filter(specialty_id=trainee.specialty_id), pk=epa_pk)
    _audit(user, trainee.user, epa, "entrustment")
    return trainee, epa


def is_stagemeester(user) -> bool:
    from traject.accounts.roles import STAGEMEESTER

    return _authenticated(user) and has_role(user, STAGEMEESTER)


def stagemeester(user):
    """The signed-in stagemeester (403 for anyone else)."""
    from django.utils.translation import gettext as _

    ensure(is_stagemeester(user), _("Only a stagemeester has ASO on stage."))
    return user


def epa_catalogue(user, specialty: str = "") -> QuerySet[Epa]:
    """The active EPA catalogue (reference data every signed-in user may read)."""
    if not _authenticated(user):
        return Epa.objects.none()
    qs = Epa.objects.filter(is_active=True).select_related("specialty")
    if specialty:
        qs = qs.filter(specialty__code=specialty)
    return qs


def todo_list_for(user, pk) -> TodoList:
    """One of the ASO's own to-do lists (404 for anyone else's)."""
    return get_scoped_or_404(todo_lists_visible_to(user).select_related("course__titularis"), pk=pk)


def todo_item_for(user, pk, *, for_write: bool = False) -> TodoItem:
    """One of the ASO's own to-do items (404); ``for_write``: its list must still be
    editable (403 once submitted)."""
    from django.utils.translation import gettext as _

    item = get_scoped_or_404(todo_items_visible_to(user).select_related("todo_list__course"), pk=pk)
    if for_write:
        ensure(item.todo_list.is_editable, _("This list was submitted and cannot be changed now."))
    return item


def own_item_file(user, pk):
    """A file the ASO attached to one of their own items (to remove it; 404 otherwise)."""
    from .models import ItemFile

    if not _authenticated(user):
        raise Http404
    return get_scoped_or_404(
        ItemFile.objects.filter(item__todo_list__trainee__user=user).select_related("item"), pk=pk
    )


def item_file_for(user, pk):
    """A file the user may download: the ASO's own, or in a list submitted to the user's
    course (404 / 403); the download of another person's file is audited."""
    from .models import ItemFile

    if not _authenticated(user):
        raise Http404
    attached = get_scoped_or_404(
        ItemFile.objects.filter(item_files_related_to(user))
        .select_related("item__todo_list__trainee__user", "item__todo_list__course")
        .distinct(),
        pk=pk,
    )
    ensure(can_download_item_file(user, attached.item))
    _audit(user, attached.item.todo_list.trainee.user, attached, attached.original_name)
    return attached


def requests_asked_of(user) -> QuerySet[FeedbackRequest]:
    """The feedback requests others sent this person (any staff member may be asked)."""
    if not _authenticated(user):
        return FeedbackRequest.objects.none()
    return FeedbackRequest.objects.filter(supervisor=user)


def feedback_for(user, pk, *, for_share: bool = False) -> Feedback:
    """Feedback the user may read (404); the read of another person's is audited.
    ``for_share``: only the ASO shares or stops sharing it (403)."""
    feedback = get_scoped_or_404(
        feedback_visible_to(user).select_related(
            "trainee__user", "author", "team_member", "epa", "request"
        ),
        pk=pk,
    )
    if for_share:
        ensure(can_share_feedback(user, feedback))
    else:
        _audit(user, feedback.trainee.user, feedback)
    return feedback


def goal_for(
    user, pk, *, for_edit: bool = False, for_comment: bool = False, for_agree: bool = False
) -> LearningGoal:
    """A learning goal of the user's own IOP or of an ASO they supervise now (404).
    ``for_edit``: the ASO; ``for_comment``: the ASO or the stagemeester; ``for_agree``: the
    current stagemeester (403). A plain read of another person's goal is audited."""
    goal = get_scoped_or_404(
        goals_visible_to(user).select_related("trainee__user", "agreed_by"), pk=pk
    )
    if for_edit:
        ensure(can_edit_goal(user, goal))
    if for_comment:
        ensure(can_comment_goal(user, goal))
    if for_agree:
        ensure(can_agree_goal(user, goal))
    if not (for_edit or for_comment or for_agree):
        _audit(user, goal.trainee.user, goal)
    return goal


def course_manager(user):
    """A programme administrator, who maintains courses (403 otherwise)."""
    ensure(can_manage_courses(user))
    return user


def course_for(user, pk) -> Course:
    """A course in the administrator's scope (403 for a non-administrator, 404 outside)."""
    course_manager(user)
    return get_scoped_or_404(courses_manageable_by(user), pk=pk)


def course_item_for(user, pk):
    """An item of a course in the administrator's scope (403 / 404)."""
    from .models import CourseItem

    course_manager(user)
    return get_scoped_or_404(
        CourseItem.objects.filter(course__in=courses_manageable_by(user)), pk=pk
    )


def epa_manager(user):
    """A programme administrator, who maintains the EPA catalogue (403 otherwise)."""
    ensure(can_manage_epas(user))
    return user


def managed_epa_for(user, pk) -> Epa:
    """An EPA of a catalogue the administrator keeps (403 / 404)."""
    epa_manager(user)
    return get_scoped_or_404(epas_manageable_by(user), pk=pk)
