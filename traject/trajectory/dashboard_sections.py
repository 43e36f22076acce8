from django.utils.translation import gettext as _

from traject.accounts.roles import COORDINATOR, STAGEMEESTER, TRAINEE, has_role
from traject.core.dashboard import Section

from . import permissions, selectors
from .models import PlanVersion, Signature, Stageboekje
from .stageboekje import is_evaluator


def sections(request) -> list[Section]:
    """The ASO's timeline with the next action; plans waiting for this person's signature;
    the overview by state for administrators and the authority."""
    user = request.user
    result = []
    # Only an ASO has a path of their own (the roles are known already: no query for the others).
    is_trainee = has_role(user, TRAINEE)
    own = permissions.get_own_trajectory(user) if is_trainee else None
    if own is not None:
        steps = selectors.timeline(own)
        result.append(
            Section(
                _("My path to recognition"),
                "trajectory/partials/dashboard_aso.html",
                {"trajectory": own, "steps": steps, "next_step": selectors.next_action(steps)},
                order=12,
            )
        )
    elif is_trainee and permissions.is_belgian_trainee(user):
        result.append(
            Section(
                _("My path to recognition"),
                "trajectory/partials/dashboard_start.html",
                {},
                order=12,
            )
        )
    to_sign = _plans_to_sign(user)
    if to_sign:
        result.append(
            Section(
                _("Stageplans to sign"),
                "trajectory/partials/dashboard_sign.html",
                {"plans": to_sign},
                order=14,
            )
        )
    to_evaluate = _stageboekjes_to_evaluate(user)
    if to_evaluate:
        result.append(
            Section(
                _("Stageboekjes to evaluate"),
                "trajectory/partials/dashboard_boekjes.html",
                {"boekjes": to_evaluate},
                order=14,
            )
        )
    waiting = _plans_waiting_for_authority(user) if permissions.is_authority(user) else []
    if waiting:
        result.append(
            Section(
                _("Stageplans waiting for you"),
                "trajectory/partials/dashboard_waiting.html",
                {"plans": waiting},
                order=13,
            )
        )
    if permissions.is_commission_member(user):
        submitted = list(
            Stageboekje.objects.filter(
                state=Stageboekje.State.SUBMITTED,
                trajectory__in=permissions.trajectories_overseen_by(user).values("pk"),
            ).select_related("trajectory__trainee__user")[:20]
        )
        if submitted:
            result.append(
                Section(
                    _("Stageboekjes to assess"),
                    "trajectory/partials/dashboard_boekjes.html",
                    {"boekjes": submitted},
                    order=15,
                )
            )
    if permissions.is_authority(user) or permissions.is_programme_admin(user):
        scoped = permissions.trajectories_overseen_by(user)
        counts = selectors.overview_by_state(scoped)
        if counts or permissions.is_authority(user):
            result.append(
                Section(
                    _("Paths to recognition"),
                    "trajectory/partials/dashboard_overview.html",
                    {"counts": counts},
                    order=40,
                )
            )
    return result


def _plans_to_sign(user) -> list[PlanVersion]:
    """Draft plans where this person is a stagemeester or coordinator and has not signed."""
    # Only stagemeesters (a plan's stagemeester must be recognised) and coordinators sign: the
    # roles are known, so the others ask no query.
    if not (has_role(user, STAGEMEESTER) or has_role(user, COORDINATOR)):
        return []
    editable = (PlanVersion.State.DRAFT, PlanVersion.State.SUPPLEMENT_ASKED)
    plans = (
        PlanVersion.objects.filter(state__in=editable)
        .filter(pk__in=PlanVersion.objects.filter(items__stagemeester=user).values("pk"))
        .select_related("trajectory__trainee__user")[:20]
    )
    result = []
    for plan in plans:
        slots = selectors.required_signatures(plan)
        if any(
            user.pk in slot.eligible and not slot.done and slot.capacity != Signature.Capacity.ASO
            for slot in slots
        ):
            result.append(plan)
    coordinator_plans = (
        PlanVersion.objects.filter(
            state__in=editable, items__service__hospital__coordinators__user=user
        )
        .exclude(pk__in=[p.pk for p in result])
        .distinct()
        .select_related("trajectory__trainee__user")[:20]
    )
    for plan in coordinator_plans:
        slots = selectors.required_signatures(plan)
        if any(slot.capacity == Signature.Capacity.COORDINATOR and not slot.done for slot in slots):
            result.append(plan)
    return result


def _stageboekjes_to_evaluate(user) -> list[Stageboekje]:
    """Draft stageboekjes of a year in which this person was the ASO's stagemeester."""
    if not has_role(user, STAGEMEESTER):  # a stage's stagemeester must be recognised
        return []
    candidates = (
        Stageboekje.objects.filter(
            state=Stageboekje.State.DRAFT, trajectory__trainee__stages__stagemeester=user
        )
        .distinct()
        .select_related("trajectory__trainee__user")[:20]
    )
    return [boekje for boekje in candidates if is_evaluator(user, boekje)]


def _plans_waiting_for_authority(user) -> list[PlanVersion]:
    """Submitted plans the officer must handle, plans at the commission for its members."""
    from django.db.models import Q

    from .models import AuthorityOfficer, CommissionMember

    condition = Q(pk__in=[])
    if permissions.is_authority_officer(user):
        condition |= Q(
            state__in=[
                PlanVersion.State.SUBMITTED,
                PlanVersion.State.ADVISED,
                PlanVersion.State.APPEAL,
            ],
            trajectory__community__in=AuthorityOfficer.objects.filter(user=user).values(
                "community_id"
            ),
        )
    if permissions.is_commission_member(user):
        for role in CommissionMember.objects.filter(user=user).values(
            "community_id", "specialty_id"
        ):
            condition |= Q(
                state=PlanVersion.State.AT_COMMISSION,
                trajectory__community_id=role["community_id"],
                trajectory__trainee__specialty_id=role["specialty_id"],
            )
    return list(
        PlanVersion.objects.filter(condition)
        .select_related("trajectory__trainee__user")
        .order_by("submitted_on", "pk")[:20]
    )
