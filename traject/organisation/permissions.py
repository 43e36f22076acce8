"""Who may see or do what in the organisation. Deny by default."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from traject.accounts.roles import (
    COORDINATOR,
    MINISTRY,
    PROGRAMME_ADMIN,
    has_role,
)

from .models import ProgrammeAdministrator, Stage, Trainee


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def is_programme_admin(user) -> bool:
    """Programme administrators of any university."""
    return _authenticated(user) and has_role(user, PROGRAMME_ADMIN)


def is_ministry_officer(user) -> bool:
    """Officers of the FOD Volksgezondheid."""
    return _authenticated(user) and has_role(user, MINISTRY)


def can_manage_organisation(user) -> bool:
    """Programme administrators maintain universities, hospitals, specialties and stagediensten."""
    return is_programme_admin(user)


def can_view_organisation(user) -> bool:
    """Reference data (hospitals, stagediensten, specialties) is visible to staff roles."""
    return (
        is_programme_admin(user)
        or is_ministry_officer(user)
        or (_authenticated(user) and has_role(user, COORDINATOR))
    )


def can_manage_recognitions(user) -> bool:
    """The ministry recognises stagediensten and stagemeesters."""
    return is_ministry_officer(user)


def can_view_recognitions(user) -> bool:
    """Recognitions are public-service facts for programme and ministry staff and coordinators."""
    return can_view_organisation(user)


def _admin_scope(user) -> Q:
    """Trainees within the universities (and specialties) a programme administrator serves."""
    scope = Q(pk__in=[])
    for role in ProgrammeAdministrator.objects.filter(user=user).values(
        "university_id", "specialty_id"
    ):
        part = Q(university_id=role["university_id"])
        if role["specialty_id"]:
            part &= Q(specialty_id=role["specialty_id"])
        scope |= part
    return scope


def trainees_administered_by(user) -> QuerySet[Trainee]:
    """The ASO within a programme administrator's universities (and specialties)."""
    if not is_programme_admin(user):
        return Trainee.objects.none()
    return Trainee.objects.filter(_admin_scope(user))


def trainees_visible_to(user) -> QuerySet[Trainee]:
    """The ASO whose profile (name, specialty, year, stages) this user may see.

    The ASO themself; their stagemeesters (of any of their stages); the coördinerend
    stagemeester of a hospital where they are on stage; their mentor; programme
    administrators in scope. Titularissen see ASO through submissions (portfolio).
    """
    if not _authenticated(user):
        return Trainee.objects.none()
    q = Q(user=user)
    q |= Q(stages__stagemeester=user)
    q |= Q(stages__service__hospital__coordinators__user=user)
    q |= Q(mentor_membership__group__mentor=user)
    if is_programme_admin(user):
        q |= _admin_scope(user)
    return Trainee.objects.filter(q).distinct()


def can_view_trainee(user, trainee: Trainee) -> bool:
    """Whether the user has a relation to this ASO that allows seeing the profile."""
    return trainees_visible_to(user).filter(pk=trainee.pk).exists()


def can_manage_trainees(user) -> bool:
    """Programme administrators register ASO of their university."""
    return is_programme_admin(user)


def administered_universities(user):
    """The universities a programme administrator serves."""
    from .models import University

    return (
        University.objects.filter(administrators__user=user).distinct()
        if _authenticated(user)
        else University.objects.none()
    )


def can_manage_trainee(user, trainee: Trainee) -> bool:
    """A programme administrator in scope may change an ASO's registration."""
    return trainees_administered_by(user).filter(pk=trainee.pk).exists()


def stages_visible_to(user) -> QuerySet[Stage]:
    """Stages of the ASO this user may see."""
    if not _authenticated(user):
        return Stage.objects.none()
    return Stage.objects.filter(trainee__in=trainees_visible_to(user).values("pk"))


def can_manage_stage(user, stage: Stage) -> bool:
    """A programme administrator in scope of the stage's ASO assigns and changes stages."""
    if not is_programme_admin(user) or stage.trainee_id is None:
        return False
    return trainees_administered_by(user).filter(pk=stage.trainee_id).exists()


def can_manage_stages(user) -> bool:
    """Whether the user may open the stage assignment pages at all."""
    return is_programme_admin(user)


def current_trainees_of_stagemeester(user) -> QuerySet[Trainee]:
    """The ASO currently on stage under this stagemeester."""
    today = timezone.localdate()
    return Trainee.objects.filter(
        stages__stagemeester=user, stages__start__lte=today, stages__end__gte=today
    ).distinct()
