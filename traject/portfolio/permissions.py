"""Who may see or do what in the portfolio. Deny by default.

The ASO owns the portfolio. The current stagemeester reads feedback, EPAs and the IOP and
decides on entrustment. A titularis sees only the submissions to their own courses. The
mentor sees to-do status and the feedback the ASO chose to share, nothing else, and never
assesses. Programme administrators maintain courses and the EPA catalogue in their scope.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from traject.accounts.roles import TITULARIS, has_role
from traject.organisation.models import ProgrammeAdministrator, Stage, Trainee
from traject.organisation.permissions import is_programme_admin, trainees_visible_to

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


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def trainee_of(user) -> Trainee | None:
    """The ASO record of the user, if they are an ASO."""
    if not _authenticated(user):
        return None
    return Trainee.objects.select_related("specialty", "university").filter(user=user).first()


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


def _admin_courses_q(user) -> Q:
    scope = Q(pk__in=[])
    for role in ProgrammeAdministrator.objects.filter(user=user).values(
        "university_id", "specialty_id"
    ):
        part = Q(university_id=role["university_id"])
        if role["specialty_id"]:
            part &= Q(specialty_id=role["specialty_id"])
        scope |= part
    return scope


def is_programme_admin_of(user, trainee: Trainee) -> bool:
    if not is_programme_admin(user):
        return False
    return any(
        role["university_id"] == trainee.university_id
        and role["specialty_id"] in (None, trainee.specialty_id)
        for role in ProgrammeAdministrator.objects.filter(user=user).values(
            "university_id", "specialty_id"
        )
    )


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


def can_export_portfolio(user, trainee: Trainee) -> bool:
    return is_self(user, trainee)


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


def can_complete_feedback_request(user, request: FeedbackRequest) -> bool:
    return (
        _authenticated(user)
        and request.supervisor_id == user.pk
        and request.status == FeedbackRequest.Status.OPEN
    )


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
    return Course.objects.filter(_admin_courses_q(user))


def can_manage_course(user, course: Course) -> bool:
    return courses_manageable_by(user).filter(pk=course.pk).exists()


def admin_scope(user) -> list[dict]:
    """The (university, specialty|None) pairs a programme administrator serves."""
    return list(
        ProgrammeAdministrator.objects.filter(user=user).values("university_id", "specialty_id")
    )


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
