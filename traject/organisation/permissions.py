"""Who may see or do what in the organisation. Deny by default."""

from django.db.models import Exists, Q, QuerySet
from django.utils import timezone

from traject.accounts.roles import (
    COORDINATOR,
    MENTOR,
    MINISTRY,
    PROGRAMME_ADMIN,
    STAGEMEESTER,
    has_role,
    roles_of,
)
from traject.core.memo import per_object
from traject.core.permissions import is_authenticated
from traject.core.statements import user_statement

from .models import HospitalCoordinator, ProgrammeAdministrator, Stage, Trainee

_authenticated = is_authenticated


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


# --- The programme administrator's scope: the one definition every app uses -----------------


def admin_scope(user) -> list[dict]:
    """The (``university_id``, ``specialty_id`` or None) pairs a programme administrator
    serves (None: the whole programme of the university)."""
    if not _authenticated(user):
        return []
    return list(
        ProgrammeAdministrator.objects.filter(user=user).values("university_id", "specialty_id")
    )


def admin_scope_q(
    user, university_field: str = "university_id", specialty_field: str | None = "specialty_id"
) -> Q:
    """Rows within the universities (and specialties) a programme administrator serves."""
    scope = Q(pk__in=[])
    for role in admin_scope(user):
        part = Q(**{university_field: role["university_id"]})
        if role["specialty_id"] and specialty_field:
            part &= Q(**{specialty_field: role["specialty_id"]})
        scope |= part
    return scope


def admin_university_ids(user) -> list[int]:
    """The universities in which the user administers (part of) a programme."""
    return sorted({role["university_id"] for role in admin_scope(user)})


def in_admin_scope(user, university_id, specialty_id=None) -> bool:
    """Whether a (university, specialty) lies within the administrator's scope."""
    return any(
        role["university_id"] == university_id and role["specialty_id"] in (None, specialty_id)
        for role in admin_scope(user)
    )


_admin_scope = admin_scope_q


def trainees_administered_by(user) -> QuerySet[Trainee]:
    """The ASO within a programme administrator's universities (and specialties)."""
    if not is_programme_admin(user):
        return Trainee.objects.none()
    return Trainee.objects.filter(_admin_scope(user))


def _relation_subqueries(user) -> list[QuerySet]:
    """For each relation that shows an ASO to ``user``: a query of those ASO's ids.

    Each is uncorrelated and uses an index on the user's side (stage by stagemeester, the
    coordinator's hospitals, the mentor's groups): the database evaluates it once, whatever
    the number of ASO.
    """
    from traject.mentoring.models import MentorGroupMembership

    coordinated = HospitalCoordinator.objects.filter(user=user).values("hospital_id")
    return [
        Stage.objects.filter(stagemeester=user).values("trainee_id"),
        Stage.objects.filter(service__hospital_id__in=coordinated).values("trainee_id"),
        MentorGroupMembership.objects.filter(group__mentor=user).values("trainee_id"),
    ]


def trainees_visible_to(user) -> QuerySet[Trainee]:
    """The ASO whose profile (name, specialty, year, stages) this user may see.

    The ASO themself; their stagemeesters (of any of their stages); the coördinerend
    stagemeester of a hospital where they are on stage; their mentor; programme
    administrators in scope. Titularissen see ASO through submissions (portfolio).

    No joins and no ``distinct``: each relation is an ``IN`` subquery the database evaluates
    once (a hashed semi-join), so the scope costs one pass over the ASO at most.
    """
    if not _authenticated(user):
        return Trainee.objects.none()
    q = Q(user=user)
    for ids in _relation_subqueries(user):
        q |= Q(pk__in=ids)
    if is_programme_admin(user):
        q |= _admin_scope(user)
    return Trainee.objects.filter(q)


def in_a_team(user) -> bool:
    """Whether the person is a deputy or member of a training group (asked once per user object,
    like the roles: the menu and the dashboard need it on every page)."""
    if not _authenticated(user):
        return False
    from .models import TeamMember

    return per_object(
        user, "organisation.in_a_team", lambda: TeamMember.objects.filter(user=user).exists()
    )


def sees_other_trainees(user) -> bool:
    """Whether anyone but the user themself is in ``trainees_visible_to``: one cheap query.

    The menu asks this on every page: each ``EXISTS`` stops at its first row through an
    index on the user's side, so the answer costs the same at 6,200 ASO as at 20.
    """
    if not _authenticated(user):
        return False
    # Each relation below comes with a role (a stage's stagemeester must be recognised): a person
    # holding none of those roles, most ASO, sees only themself without a query.
    if not roles_of(user) & {STAGEMEESTER, COORDINATOR, MENTOR, PROGRAMME_ADMIN}:
        return False
    if is_programme_admin(user):
        # The administrator's scope shapes the query (their universities): built each time.
        return _others_question(user, admin=True).exists()
    # Compiled once per process: the menu asks this on every page.
    return user_statement("sees_other_trainees", _others_question, user) is not None


def _others_question(user, admin: bool = False):
    """A row when a stage, a coordinated hospital, a mentor group (or the administrator's
    scope) holds someone else; each ``EXISTS`` stops at its first row through an index."""
    from django.contrib.auth import get_user_model

    from traject.mentoring.models import MentorGroupMembership

    others = ~Q(trainee__user=user)
    coordinated = HospitalCoordinator.objects.filter(user=user).values("hospital_id")
    checks = [
        Exists(Stage.objects.filter(others, stagemeester=user)),
        Exists(Stage.objects.filter(others, service__hospital_id__in=coordinated)),
        Exists(MentorGroupMembership.objects.filter(others, group__mentor=user)),
    ]
    if admin:
        checks.append(Exists(Trainee.objects.filter(_admin_scope(user)).exclude(user=user)))
    condition = checks[0]
    for check in checks[1:]:
        condition |= check
    return get_user_model().objects.filter(condition, pk=user.pk).order_by().values_list("pk")


def can_manage_trainees(user) -> bool:
    """Programme administrators register ASO of their university."""
    return is_programme_admin(user)


def administered_universities(user):
    """The universities a programme administrator serves."""
    from .models import University

    return (
        University.objects.filter(
            pk__in=ProgrammeAdministrator.objects.filter(user=user).values("university_id")
        )
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
    current = Stage.objects.filter(stagemeester=user, start__lte=today, end__gte=today)
    return Trainee.objects.filter(pk__in=current.values("trainee_id"))


# --- Access functions: the pages and the API call these, never their own check ---------------


def organisation_reader(user) -> None:
    """Reference data (universities, hospitals, stagediensten) for staff roles (403 else)."""
    from traject.core.permissions import ensure

    ensure(can_view_organisation(user))


def recognitions_reader(user) -> None:
    """The recognitions of stagemeesters, for staff roles (403 else)."""
    from traject.core.permissions import ensure

    ensure(can_view_recognitions(user))


def public_reference_reader(user) -> None:
    """Specialties and regions: public reference data for anyone signed in (403 else)."""
    from traject.core.permissions import ensure

    ensure(_authenticated(user))


def trainee_manager(user) -> None:
    """Programme administrators register ASO (403 else)."""
    from traject.core.permissions import ensure

    ensure(can_manage_trainees(user))


def stage_manager(user) -> None:
    """Programme administrators open the stage assignment (403 else)."""
    from traject.core.permissions import ensure

    ensure(can_manage_stages(user))


def trainee_list_for(user) -> QuerySet[Trainee]:
    """The ASO list: the scope, for those who see someone or register ASO (403 else)."""
    from traject.core.permissions import ensure

    ensure(
        _authenticated(user) and (can_manage_trainees(user) or trainees_visible_to(user).exists())
    )
    return trainees_visible_to(user)


def stage_list_for(user) -> QuerySet[Stage]:
    """The stage list: the scope, for those who see a stage or assign them (403 else)."""
    from traject.core.permissions import ensure

    stages = stages_visible_to(user)
    ensure(_authenticated(user) and (can_manage_stages(user) or stages.exists()))
    return stages


def trainee_for(user, pk, *, summary: str = "trainee profile") -> Trainee:
    """One ASO in the user's scope (404 else); the read of a profile is audited."""
    from traject.audit.services import audit_read
    from traject.core.permissions import get_scoped_or_404

    trainee = get_scoped_or_404(
        trainees_visible_to(user).select_related("user", "specialty", "university"), pk=pk
    )
    if trainee.user_id != user.pk:
        audit_read(actor=user, subject=trainee.user, target=trainee, summary=summary)
    return trainee


def trainee_for_change(user, pk) -> Trainee:
    """One ASO whose registration the administrator may change (404 out of sight, 403 else)."""
    from traject.core.permissions import ensure, get_scoped_or_404

    trainee = get_scoped_or_404(
        trainees_visible_to(user).select_related("user", "specialty", "university"), pk=pk
    )
    ensure(can_manage_trainee(user, trainee))
    return trainee


def trainee_to_assign(user, pk) -> Trainee:
    """An ASO an administrator assigns a stage to (403 without the right, 404 out of scope)."""
    from traject.core.permissions import get_scoped_or_404

    stage_manager(user)
    return get_scoped_or_404(trainees_visible_to(user), pk=pk)


def stage_for(user, pk) -> Stage:
    """One stage of an ASO in the user's scope (404 else)."""
    from traject.core.permissions import get_scoped_or_404

    return get_scoped_or_404(stages_visible_to(user), pk=pk)


def stage_for_change(user, pk) -> Stage:
    """One stage the administrator may change or remove (404 out of sight, 403 else)."""
    from traject.core.permissions import ensure

    stage = stage_for(user, pk)
    ensure(can_manage_stage(user, stage))
    return stage


def service_for(user, pk):
    """A stagedienst's overview, for staff roles (403 else, 404 for an unknown id)."""
    from traject.core.permissions import get_scoped_or_404

    from .models import TrainingService

    organisation_reader(user)
    return get_scoped_or_404(TrainingService.objects.select_related("hospital", "specialty"), pk=pk)
