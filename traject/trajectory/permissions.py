"""Who may see or do what on the path to recognition. Deny by default.

- The ASO sees and composes their own path, signs as ASO, submits, appeals.
- A stagemeester of a period in a plan sees that plan and signs it; the coördinerend stagemeester
  of a hospital in the plan sees it and signs as coordinator. Neither sees the evidence.
- A programme administrator in scope helps: sees the path, edits plans and interruptions.
- An officer of the community administration sees submitted plans of their community and
  records the procedure's steps; a member of the erkenningscommissie sees submitted plans of
  their community and specialty and gives the advice.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from traject.accounts.roles import AUTHORITY_OFFICER, COMMISSION_MEMBER, TRAINEE, has_role
from traject.audit.services import audit_read
from traject.core.permissions import ensure, get_scoped_or_404
from traject.organisation.models import HospitalCoordinator
from traject.organisation.permissions import is_programme_admin, trainees_administered_by

from .models import AuthorityOfficer, CommissionMember, PlanVersion, Trajectory


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def is_belgian_trainee(user) -> bool:
    """The path to recognition is the Belgian ASO's; a Dutch aios has the conversation cycle."""
    from traject.organisation.models import Country
    from traject.organisation.vocabulary import user_country

    # A trainee's country is their specialty's, read once per request with their record.
    return (
        _authenticated(user)
        and has_role(user, TRAINEE)
        and user_country(user) != Country.NETHERLANDS
    )


def is_authority_officer(user) -> bool:
    return _authenticated(user) and has_role(user, AUTHORITY_OFFICER)


def is_commission_member(user) -> bool:
    return _authenticated(user) and has_role(user, COMMISSION_MEMBER)


def is_authority(user) -> bool:
    """Officers and commission members see the overview of their community."""
    return is_authority_officer(user) or is_commission_member(user)


def _submitted_plan_exists() -> Exists:
    return Exists(
        PlanVersion.objects.filter(trajectory=OuterRef("pk")).exclude(state=PlanVersion.State.DRAFT)
    )


def _authority_scope(user) -> Q:
    scope = Q(pk__in=[])
    if is_authority_officer(user):
        scope |= Q(
            community_id__in=AuthorityOfficer.objects.filter(user=user).values("community_id")
        )
    if is_commission_member(user):
        for role in CommissionMember.objects.filter(user=user).values(
            "community_id", "specialty_id"
        ):
            scope |= Q(
                community_id=role["community_id"], trainee__specialty_id=role["specialty_id"]
            )
    return scope


def trajectories_visible_to(user) -> QuerySet[Trajectory]:
    """The paths this user has a relation to (everything else is a 404)."""
    if not _authenticated(user):
        return Trajectory.objects.none()
    q = Q(trainee__user=user)
    q |= Q(plans__items__stagemeester=user)
    q |= Q(
        plans__items__service__hospital__in=HospitalCoordinator.objects.filter(user=user).values(
            "hospital_id"
        )
    )
    if is_programme_admin(user):
        q |= Q(trainee__in=trainees_administered_by(user).values("pk"))
    ids = Trajectory.objects.filter(q).values("pk")
    if is_authority(user):
        authority = Trajectory.objects.filter(_authority_scope(user)).filter(
            _submitted_plan_exists()
        )
        return Trajectory.objects.filter(Q(pk__in=ids) | Q(pk__in=authority.values("pk")))
    return Trajectory.objects.filter(pk__in=ids)


def trajectories_overseen_by(user) -> QuerySet[Trajectory]:
    """The paths in an administrator's or an authority's overview."""
    if not _authenticated(user):
        return Trajectory.objects.none()
    q = Q(pk__in=[])
    if is_programme_admin(user):
        q |= Q(trainee__in=trainees_administered_by(user).values("pk"))
    if is_authority(user):
        q |= _authority_scope(user) & Q(_submitted_plan_exists())
    return Trajectory.objects.filter(q)


def is_owner(user, trajectory: Trajectory) -> bool:
    return _authenticated(user) and trajectory.trainee.user_id == user.pk


def is_administrator_of(user, trajectory: Trajectory) -> bool:
    return (
        is_programme_admin(user)
        and trainees_administered_by(user).filter(pk=trajectory.trainee_id).exists()
    )


def is_officer_of(user, trajectory: Trajectory) -> bool:
    return (
        is_authority_officer(user)
        and AuthorityOfficer.objects.filter(
            user=user, community_id=trajectory.community_id
        ).exists()
    )


def is_commission_member_of(user, trajectory: Trajectory) -> bool:
    return (
        is_commission_member(user)
        and CommissionMember.objects.filter(
            user=user,
            community_id=trajectory.community_id,
            specialty_id=trajectory.trainee.specialty_id,
        ).exists()
    )


def can_edit_plan(user, plan: PlanVersion) -> bool:
    """The ASO, or an administrator in scope, composes a draft (or a plan asked to supplement)."""
    return plan.editable and (
        is_owner(user, plan.trajectory) or is_administrator_of(user, plan.trajectory)
    )


def can_submit_plan(user, plan: PlanVersion) -> bool:
    return plan.editable and is_owner(user, plan.trajectory)


def can_start_change(user, trajectory: Trajectory) -> bool:
    return is_owner(user, trajectory) or is_administrator_of(user, trajectory)


def can_view_evidence(user, trajectory: Trajectory) -> bool:
    """Attests and diploma: the ASO, the administrator, the authority; not the stagemeesters."""
    return (
        is_owner(user, trajectory)
        or is_administrator_of(user, trajectory)
        or is_officer_of(user, trajectory)
        or is_commission_member_of(user, trajectory)
    )


def can_upload_evidence(user, trajectory: Trajectory) -> bool:
    return is_owner(user, trajectory) or is_administrator_of(user, trajectory)


def can_handle_as_officer(user, plan: PlanVersion) -> bool:
    return plan.state != PlanVersion.State.DRAFT and is_officer_of(user, plan.trajectory)


def can_advise(user, plan: PlanVersion) -> bool:
    return plan.state == PlanVersion.State.AT_COMMISSION and is_commission_member_of(
        user, plan.trajectory
    )


def can_appeal(user, plan: PlanVersion) -> bool:
    return plan.state == PlanVersion.State.REFUSED and is_owner(user, plan.trajectory)


def can_record_interruption(user, trajectory: Trajectory) -> bool:
    """The ASO, or the administrator, records interruptions."""
    return is_owner(user, trajectory) or is_administrator_of(user, trajectory)


def can_view_interruptions(user, trajectory: Trajectory) -> bool:
    """Sickness and leave are personal: not for stagemeesters or coordinators."""
    return can_view_evidence(user, trajectory)


def can_manage_contacts(user) -> bool:
    """Programme administrators keep the contacts of their universities and hospitals."""
    return is_programme_admin(user)


# Access functions: fetch scoped, check, audit -----------------------------------------------


def get_trajectory(user, pk: int) -> Trajectory:
    """A path the user may see, or 404; the read of another person's path is audited."""
    trajectory = get_scoped_or_404(
        trajectories_visible_to(user).select_related(
            "trainee__user", "trainee__specialty", "trainee__university", "community"
        ),
        pk=pk,
    )
    audit_read(actor=user, subject=trajectory.trainee.user, target=trajectory)
    return trajectory


def get_own_trajectory(user) -> Trajectory | None:
    """The signed-in ASO's own path, if there is one."""
    if not _authenticated(user):
        return None
    return (
        Trajectory.objects.select_related(
            "trainee__user", "trainee__specialty", "trainee__university", "community"
        )
        .filter(trainee__user=user)
        .first()
    )


def get_plan(user, pk: int) -> PlanVersion:
    """A plan version of a path the user may see, or 404 (audited)."""
    plan = get_scoped_or_404(
        PlanVersion.objects.filter(
            trajectory__in=trajectories_visible_to(user).values("pk")
        ).select_related(
            "trajectory__trainee__user",
            "trajectory__trainee__specialty",
            "trajectory__community",
        ),
        pk=pk,
    )
    if plan.state == PlanVersion.State.DRAFT and not (
        is_owner(user, plan.trajectory)
        or is_administrator_of(user, plan.trajectory)
        or plan.items.filter(stagemeester=user).exists()
        or plan.items.filter(service__hospital__coordinators__user=user).exists()
    ):
        # The authority sees a path once something was submitted, never the drafts.
        ensure(False)
    audit_read(actor=user, subject=plan.trajectory.trainee.user, target=plan)
    return plan


def get_plan_to_edit(user, pk: int) -> PlanVersion:
    plan = get_plan(user, pk)
    ensure(can_edit_plan(user, plan))
    return plan


def is_administrator_of_trainee(user, trainee) -> bool:
    return (
        is_programme_admin(user) and trainees_administered_by(user).filter(pk=trainee.pk).exists()
    )


# More access functions: every page and endpoint reaches its object through one of these ------


def trajectory_for(user, pk: int, rule=None) -> Trajectory:
    """A path the user may see (404 else), checked against a named rule (403), audited."""
    trajectory = get_scoped_or_404(
        trajectories_visible_to(user).select_related(
            "trainee__user", "trainee__specialty", "trainee__university", "community"
        ),
        pk=pk,
    )
    if rule is not None:
        ensure(rule(user, trajectory))
    audit_read(actor=user, subject=trajectory.trainee.user, target=trajectory)
    return trajectory


def plan_for(user, pk: int, rule=None) -> PlanVersion:
    """A plan version the user may see (404), checked against a named rule (403), audited."""
    plan = get_plan(user, pk)
    if rule is not None:
        ensure(rule(user, plan))
    return plan


def path_home(user) -> tuple[str, Trajectory | None]:
    """Where the path starts for this user: ``("own", path)``, ``("start", None)`` for an ASO
    without a path yet, ``("overview", None)`` for an administrator or the authority; 403 else."""
    from traject.organisation.models import Trainee

    own = get_own_trajectory(user)
    if own is not None:
        return "own", own
    if _authenticated(user) and Trainee.objects.filter(user=user).exists():
        return "start", None
    ensure(is_authority(user) or trajectories_overseen_by(user).exists())
    return "overview", None


def trainee_opening_path(user):
    """The Belgian ASO who opens their own path (403 for anyone else, a Dutch aios included)."""
    from traject.organisation.models import Trainee

    ensure(is_belgian_trainee(user))
    return Trainee.objects.get(user=user)


def overview_for(user) -> QuerySet[Trajectory]:
    """The paths in the user's overview: administrators and the authority only (403 else)."""
    ensure(is_authority(user) or trajectories_overseen_by(user).exists())
    return trajectories_overseen_by(user)


def item_to_edit_for(user, pk: int):
    """A period of a plan the user may compose (404 without relation, 403 when not editable)."""
    from .models import PlanItem

    item = get_scoped_or_404(
        PlanItem.objects.filter(
            plan__trajectory__in=trajectories_visible_to(user).values("pk")
        ).select_related("plan__trajectory__trainee"),
        pk=pk,
    )
    plan_for(user, item.plan_id, can_edit_plan)
    return item


def evidence_for(user, pk: int):
    """A document of a path, for those who may see the evidence (not the stagemeesters)."""
    from .models import Evidence

    evidence = get_scoped_or_404(
        Evidence.objects.filter(
            trajectory__in=trajectories_visible_to(user).values("pk")
        ).select_related("trajectory__trainee__user"),
        pk=pk,
    )
    ensure(can_view_evidence(user, evidence.trajectory))
    audit_read(actor=user, subject=evidence.trajectory.trainee.user, target=evidence)
    return evidence


def interruption_for(user, pk: int):
    """An interruption, for the ASO or the administrator who records them (404 / 403)."""
    from .models import Interruption

    interruption = get_scoped_or_404(
        Interruption.objects.filter(
            trajectory__in=trajectories_visible_to(user).values("pk")
        ).select_related("trajectory__trainee__user", "trajectory__community"),
        pk=pk,
    )
    ensure(can_record_interruption(user, interruption.trajectory))
    return interruption


def stageboekje_for(user, pk: int):
    """A yearly stageboekje the user may read (404 without relation, 403 else), audited."""
    from . import stageboekje as boekjes

    boekje = get_scoped_or_404(
        boekjes.visible_to(user).select_related(
            "trajectory__trainee__user", "trajectory__trainee__specialty", "trajectory__community"
        ),
        pk=pk,
    )
    ensure(boekjes.can_view(user, boekje))
    audit_read(actor=user, subject=boekje.trajectory.trainee.user, target=boekje)
    return boekje


def final_dossier_for(user, pk: int, *, pdf: bool = False):
    """The path, its recognition checklist and whether it is complete; the PDF only when it is."""
    from . import stageboekje as boekjes

    trajectory = trajectory_for(user, pk, can_view_evidence)
    checklist = boekjes.final_checklist(trajectory)
    complete = all(done for _label, done, _detail in checklist)
    if pdf:
        ensure(complete)
    return trajectory, checklist, complete


def where_to_go_for(user) -> dict:
    """The signed-in person's own contacts in case of difficulties (nobody else's)."""
    from traject.core.permissions import is_authenticated

    from . import selectors

    ensure(is_authenticated(user))
    return selectors.where_to_go(user)
