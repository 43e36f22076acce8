"""Who may hold a role: checked in the services, so pages, the API, imports and the admin obey.

A role that reads confidential data (mentor) or decides about people (titularis, coördinerend
stagemeester, programme administrator) goes to staff — an active account that is not an ASO —
and never to the person who assigns it (nobody gives themselves a role). A mentor, who reads
confidential notes, must moreover be independent of every member of the group: not a member,
not a member's stagemeester (past or present), not someone who assesses them (feedback,
entrustment decisions, the titularis of their course, submission decisions). Each check
returns the problems as sentences in the user's language; ``ensure_eligible`` raises them as a
``ValidationError`` on the given field.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def staff_problems(user, *, actor=None) -> list[str]:
    """The person may hold a staff role, given by ``actor``."""
    if user is None:
        return [_("Choose a person.")]
    problems = []
    if not user.is_active:
        problems.append(_("%(person)s has no active account.") % {"person": user})
    Trainee = apps.get_model("organisation", "Trainee")
    if Trainee.objects.filter(user=user).exists():
        problems.append(_("%(person)s is an ASO and cannot hold this role.") % {"person": user})
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        problems.append(_("You cannot give this role to yourself."))
    return problems


def assessor_conflicts(user, trainees) -> list[str]:
    """Why ``user`` is not independent of each of ``trainees`` (member, stagemeester, assessor)."""
    Stage = apps.get_model("organisation", "Stage")
    problems = []
    for trainee in trainees:
        names = {"person": user, "trainee": trainee}
        if trainee.user_id == user.pk:
            problems.append(_("%(person)s is a member of the group.") % names)
            continue
        if Stage.objects.filter(trainee=trainee, stagemeester=user).exists():
            problems.append(_("%(person)s is (or was) the stagemeester of %(trainee)s.") % names)
        elif _assesses(user, trainee):
            problems.append(_("%(person)s assesses %(trainee)s.") % names)
    return problems


def _assesses(user, trainee) -> bool:
    if not apps.is_installed("traject.portfolio"):
        return False
    Feedback = apps.get_model("portfolio", "Feedback")
    EntrustmentDecision = apps.get_model("portfolio", "EntrustmentDecision")
    TodoList = apps.get_model("portfolio", "TodoList")
    Submission = apps.get_model("portfolio", "Submission")
    return (
        Feedback.objects.filter(trainee=trainee, author=user).exists()
        or EntrustmentDecision.objects.filter(trainee=trainee, decided_by=user).exists()
        or TodoList.objects.filter(trainee=trainee, course__titularis=user).exists()
        or Submission.objects.filter(todo_list__trainee=trainee, decided_by=user).exists()
    )


def mentor_problems(mentor, trainees, *, actor=None) -> list[str]:
    """A mentor is staff, not the assigner, and independent of every member."""
    problems = staff_problems(mentor, actor=actor)
    if mentor is not None:
        problems += assessor_conflicts(mentor, trainees)
    return problems


def mentored_by(user, trainee) -> bool:
    MentorGroupMembership = apps.get_model("mentoring", "MentorGroupMembership")
    return MentorGroupMembership.objects.filter(trainee=trainee, group__mentor=user).exists()


def ensure_eligible(problems: list[str], field: str) -> None:
    if problems:
        raise ValidationError({field: problems}, code="ineligible")
