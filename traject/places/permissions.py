"""Who may see or do what with training places and showcase pages. Deny by default.

* The ministry (VWS / FOD officers) sees every place and records the BOLS advice and the
  minister's decision of a distribution plan.
* An OOR board member sees and fills the places of the institutions of the region, and records
  the region's wishes.
* A programme administrator (university) sees the places of the hospitals of the university.
* A hospital's coördinerend stagemeester (hospital administrator) sees and fills its places.
* A training group (stagemeesters/opleiders with a current recognition, the deputy, the
  hospital's coördinerend stagemeester) edits its own showcase page.
* Everyone, without logging in, reads the published showcase pages.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from traject.accounts.roles import COORDINATOR, STAGEMEESTER, has_role
from traject.core.permissions import ensure, get_scoped_or_404, is_authenticated
from traject.organisation.models import Hospital, TeamMember, Trainee, TrainingService
from traject.organisation.permissions import (
    admin_scope_q,
    in_a_team,
    is_ministry_officer,
    is_programme_admin,
)

from .models import DistributionPlan, Occupation, Place, RegionBoardMember, ShowcasePage

_authenticated = is_authenticated
MAX_ID = 2**31 - 1


def _valid_id(pk) -> int:
    """An id from a URL or a body, or 404 (a number beyond the database's range included)."""
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value <= MAX_ID:
        raise Http404
    return value


def board_region_ids(user) -> list[int]:
    if not _authenticated(user):
        return []
    return list(RegionBoardMember.objects.filter(user=user).values_list("region_id", flat=True))


def is_board_member(user) -> bool:
    return bool(board_region_ids(user))


def hospitals_in_scope(user) -> QuerySet[Hospital]:
    """The institutions whose places the user may see."""
    if not _authenticated(user):
        return Hospital.objects.none()
    if is_ministry_officer(user):
        return Hospital.objects.all()
    q = Q(coordinators__user=user)
    regions = board_region_ids(user)
    if regions:
        q |= Q(region_id__in=regions)
    q |= admin_scope_q(user, "university_id", None)
    return Hospital.objects.filter(q).distinct()


def hospitals_managed_by(user) -> QuerySet[Hospital]:
    """The institutions whose places the user may fill: OOR board and hospital administrator."""
    if not _authenticated(user):
        return Hospital.objects.none()
    q = Q(coordinators__user=user)
    regions = board_region_ids(user)
    if regions:
        q |= Q(region_id__in=regions)
    return Hospital.objects.filter(q).distinct()


def can_view_places(user) -> bool:
    if is_ministry_officer(user):
        return True
    if not (has_role(user, COORDINATOR) or is_programme_admin(user)):
        # Then only an OOR board membership gives a scope: one small query, no join.
        return _authenticated(user) and is_board_member(user)
    return hospitals_in_scope(user).exists()


def places_visible_to(user) -> QuerySet[Place]:
    if not _authenticated(user):
        return Place.objects.none()
    if is_ministry_officer(user):
        return Place.objects.all()
    return Place.objects.filter(hospital__in=hospitals_in_scope(user).values("pk"))


def can_fill_place(user, place: Place) -> bool:
    return hospitals_managed_by(user).filter(pk=place.hospital_id).exists()


def can_add_places(user) -> bool:
    return hospitals_managed_by(user).exists()


def plans_visible_to(user) -> QuerySet[DistributionPlan]:
    if is_ministry_officer(user) or is_board_member(user):
        return DistributionPlan.objects.all()
    return DistributionPlan.objects.none()


def can_record_wishes(user, plan: DistributionPlan) -> bool:
    return plan.state == DistributionPlan.State.WISHES and (
        is_board_member(user) or is_ministry_officer(user)
    )


def can_advance_plan(user) -> bool:
    """The BOLS advice and the minister's decision are recorded by the ministry."""
    return is_ministry_officer(user)


def can_create_plan(user) -> bool:
    return is_ministry_officer(user)


# --- Access functions (fetch + check), used by views and API alike --------------------------


def require_places_viewer(user) -> None:
    ensure(can_view_places(user))


def place_for(user, pk, *, for_fill: bool = False) -> Place:
    place = get_scoped_or_404(
        places_visible_to(user).select_related("hospital__region", "specialty"), pk=_valid_id(pk)
    )
    if for_fill:
        ensure(can_fill_place(user, place))
    return place


def require_place_manager(user) -> None:
    ensure(hospitals_managed_by(user).exists())


def require_place_adder(user, hospital_pk) -> Hospital:
    """An institution whose places the user manages (404 outside the scope)."""
    ensure(hospitals_managed_by(user).exists())
    return get_scoped_or_404(hospitals_managed_by(user), pk=hospital_pk)


def occupation_for(user, pk) -> Occupation:
    """An occupation of a place the user may fill (404 when unseen, 403 when only seen)."""
    occupation = get_scoped_or_404(
        Occupation.objects.filter(place__in=places_visible_to(user).values("pk")).select_related(
            "place", "trainee__user"
        ),
        pk=_valid_id(pk),
    )
    ensure(can_fill_place(user, occupation.place))
    return occupation


def plan_for(user, pk, *, action: str = "view") -> DistributionPlan:
    plan = get_scoped_or_404(
        plans_visible_to(user).select_related("specialty"),
        pk=_valid_id(pk),
    )
    if action == "wishes":
        ensure(can_record_wishes(user, plan))
    elif action == "advance":
        ensure(can_advance_plan(user))
    return plan


def require_plans_viewer(user) -> None:
    ensure(plans_visible_to(user).exists() or can_create_plan(user))


def require_plan_creator(user) -> None:
    ensure(can_create_plan(user))


# --- The showcase ----------------------------------------------------------------------------


def showcase_services_of(user) -> QuerySet[TrainingService]:
    """The stagediensten whose showcase page this user edits (the training group)."""
    if not _authenticated(user):
        return TrainingService.objects.none()
    # Recognised trainers, deputies and coordinators only: the others (most ASO) need no query.
    if not (has_role(user, STAGEMEESTER) or has_role(user, COORDINATOR) or in_a_team(user)):
        return TrainingService.objects.none()
    today = timezone.localdate()
    # Indexed subqueries on the user's side, not an OR across three joins (a scan of every
    # stagedienst with its recognitions and teams).
    from traject.organisation.models import HospitalCoordinator, TrainerRecognition

    recognised = TrainerRecognition.objects.filter(trainer=user, start__lte=today, end__gte=today)
    deputy = TeamMember.objects.filter(user=user, role=TeamMember.Role.DEPUTY)
    coordinated = HospitalCoordinator.objects.filter(user=user)
    return TrainingService.objects.filter(
        Q(pk__in=recognised.values("service_id"))
        | Q(pk__in=deputy.values("service_id"))
        | Q(hospital_id__in=coordinated.values("hospital_id"))
    )


def showcase_service_for(user, pk) -> TrainingService:
    """A stagedienst the user may see in the showcase editor: 404 when not theirs."""
    if not _authenticated(user):
        raise Http404
    return get_scoped_or_404(
        showcase_services_of(user).select_related("hospital__region", "specialty"),
        pk=_valid_id(pk),
    )


def published_pages() -> QuerySet[ShowcasePage]:
    """What anyone may read: published pages only."""
    return ShowcasePage.objects.filter(published=True)


def public_page(pk) -> ShowcasePage:
    """One published showcase page (by the stagedienst's id), for anyone; 404 otherwise."""
    return get_scoped_or_404(
        published_pages().select_related("service__hospital__region", "service__specialty"),
        service_id=_valid_id(pk),
    )


def trainee_for_place(place: Place, trainee_pk) -> Trainee:
    """An aios of the place's specialty, for whoever may fill the place (404 otherwise)."""
    return get_scoped_or_404(
        Trainee.objects.filter(specialty_id=place.specialty_id), pk=_valid_id(trainee_pk)
    )


def occupations_seen_by(user, place: Place) -> list[Occupation]:
    """The occupations of a place the user may see, each read of an aios's name audited."""
    from traject.audit.services import audit_read

    occupations = list(place.occupations.select_related("trainee__user", "opleider"))
    for occupation in occupations:
        audit_read(actor=user, subject=occupation.trainee.user, target=occupation)
    return occupations
