"""Reads on the path to recognition: completeness, signatures, end date, diff, timeline."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from traject.organisation.models import HospitalCoordinator

from .enddate import EndDate, compute_end_date
from .enddate import Interruption as PureInterruption
from .models import Community, Evidence, PlanItem, PlanVersion, Trajectory

ONE_DAY = datetime.timedelta(days=1)


@dataclass
class SignatureSlot:
    capacity: str
    label: str
    eligible: set[int]
    names: list[str]
    signed_by: str = ""
    signed_at: datetime.datetime | None = None
    stale: bool = False  # signed an earlier content: must sign again

    @property
    def done(self) -> bool:
        return bool(self.signed_by)


def _items(plan: PlanVersion) -> list[PlanItem]:
    cached = getattr(plan, "_items_cache", None)
    if cached is None:
        cached = list(
            plan.items.select_related("service__hospital", "stagemeester").order_by("start", "pk")
        )
        plan._items_cache = cached
    return cached


def required_signatures(plan: PlanVersion) -> list[SignatureSlot]:
    """Who must sign this version: every stagemeester, a coördinerend stagemeester, the ASO."""
    from .models import Signature

    items = _items(plan)
    current = plan.content_hash(items)
    signatures = list(plan.signatures.select_related("signer"))
    slots: list[SignatureSlot] = []
    stagemeesters = {}
    for item in items:
        if item.kind == PlanItem.Kind.STAGE and item.stagemeester_id:
            stagemeesters[item.stagemeester_id] = item.stagemeester
    for user_id, user in stagemeesters.items():
        slots.append(
            SignatureSlot(
                Signature.Capacity.STAGEMEESTER,
                _("stagemeester"),
                {user_id},
                [str(user)],
            )
        )
    hospitals = {item.service.hospital_id for item in items if item.service_id}
    coordinators = list(
        HospitalCoordinator.objects.filter(hospital_id__in=hospitals).select_related("user")
    )
    slots.append(
        SignatureSlot(
            Signature.Capacity.COORDINATOR,
            _("coördinerend stagemeester"),
            {c.user_id for c in coordinators},
            sorted({str(c.user) for c in coordinators}),
        )
    )
    trainee_user = plan.trajectory.trainee.user
    slots.append(
        SignatureSlot(Signature.Capacity.ASO, _("ASO"), {trainee_user.pk}, [str(trainee_user)])
    )
    for slot in slots:
        mine = [
            s for s in signatures if s.capacity == slot.capacity and s.signer_id in slot.eligible
        ]
        valid = [s for s in mine if s.content_hash == current]
        if valid:
            slot.signed_by = str(valid[-1].signer)
            slot.signed_at = valid[-1].signed_at
        elif mine:
            slot.stale = True
    return slots


def plan_end_date(trajectory: Trajectory, plan_submitted_on=None, lang=None) -> EndDate:
    """The expected end date from the path's data: first submission and interruptions."""
    if plan_submitted_on is None:
        first = trajectory.plans.filter(submitted_on__isnull=False).order_by("number").first()
        plan_submitted_on = first.submitted_on if first else None
    community = trajectory.community
    return compute_end_date(
        start=trajectory.trainee.training_start,
        nominal_months=trajectory.nominal_months,
        plan_submitted_on=plan_submitted_on,
        interruptions=[
            PureInterruption(i.start, i.end, i.kind) for i in trajectory.interruptions.all()
        ],
        submission_months=community.submission_months,
        threshold_weeks=community.threshold_weeks,
        lang=lang or (get_language() or "nl")[:2],
    )


def _fmt(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


def plan_problems(plan: PlanVersion) -> list[str]:
    """What is missing before the plan can be submitted, each named (empty when complete)."""
    trajectory = plan.trajectory
    items = _items(plan)
    problems: list[str] = []
    if not items:
        return [_("The plan has no stages yet.")]
    submitted_on = plan.submitted_on or timezone.localdate()
    first = trajectory.plans.filter(submitted_on__isnull=False).order_by("number").first()
    end = plan_end_date(trajectory, first.submitted_on if first else submitted_on).expected_end
    start = trajectory.trainee.training_start
    cursor = start
    for item in sorted(items, key=lambda i: i.start):
        if item.start > cursor:
            problems.append(
                _("No stage is planned from %(start)s to %(end)s.")
                % {"start": _fmt(cursor), "end": _fmt(min(item.start - ONE_DAY, end))}
            )
        elif item.start < cursor and item.start >= start:
            problems.append(_("Two periods overlap on %(day)s.") % {"day": _fmt(item.start)})
        cursor = max(cursor, item.end + ONE_DAY)
        if cursor > end:
            break
    if cursor <= end:
        problems.append(
            _("No stage is planned from %(start)s to %(end)s (the expected end of the training).")
            % {"start": _fmt(cursor), "end": _fmt(end)}
        )
    for item in items:
        if item.kind == PlanItem.Kind.RESEARCH and not item.justification.strip():
            problems.append(
                _("The research period from %(start)s has no justification.")
                % {"start": _fmt(item.start)}
            )
        if item.kind == PlanItem.Kind.ABROAD and not item.belgian_address.strip():
            problems.append(
                _("The stage abroad from %(start)s has no Belgian address.")
                % {"start": _fmt(item.start)}
            )
    kinds = {}
    for evidence in trajectory.evidence.all():
        kinds.setdefault(evidence.kind, evidence)
    for kind in Evidence.REQUIRED:
        if kind not in kinds:
            problems.append(_("Evidence missing: %(kind)s.") % {"kind": Evidence.Kind(kind).label})
    orde = kinds.get(Evidence.Kind.ORDE)
    if orde is not None and orde.valid_from and orde.valid_from > start:
        problems.append(
            _("The registration with the Orde der artsen must start before the training (%(day)s).")
            % {"day": _fmt(start)}
        )
    for slot in required_signatures(plan):
        if slot.done:
            continue
        if not slot.eligible:
            problems.append(
                _("No coördinerend stagemeester is known for the hospitals of this plan.")
            )
        elif slot.stale:
            problems.append(
                _("Signature to be given again after a change: %(who)s (%(as)s).")
                % {"who": ", ".join(slot.names), "as": slot.label}
            )
        else:
            problems.append(
                _("Signature missing: %(who)s (%(as)s).")
                % {"who": ", ".join(slot.names), "as": slot.label}
            )
    return problems


@dataclass
class DiffRow:
    status: str  # same, added, removed, changed
    before: PlanItem | None
    after: PlanItem | None
    changed_fields: list[str] = field(default_factory=list)


def _key(item: PlanItem):
    return (item.kind, item.service_id, item.stagemeester_id, item.institution)


def plan_diff(before: PlanVersion | None, after: PlanVersion) -> list[DiffRow]:
    """The periods of two versions side by side: unchanged, changed, added, removed."""
    old = list(_items(before)) if before else []
    rows: list[DiffRow] = []
    for item in _items(after):
        match = next((o for o in old if _key(o) == _key(item)), None)
        if match is None:
            match = next((o for o in old if o.start == item.start), None)
        if match is None:
            rows.append(DiffRow("added", None, item))
            continue
        old.remove(match)
        a, b = match.signed_content(), item.signed_content()
        changed = [name for name in a if a[name] != b[name]]
        rows.append(DiffRow("changed" if changed else "same", match, item, changed))
    rows.extend(DiffRow("removed", item, None) for item in old)
    return sorted(rows, key=lambda r: (r.after or r.before).start)


def approved_plan(trajectory: Trajectory) -> PlanVersion | None:
    return trajectory.plans.filter(state=PlanVersion.State.APPROVED).order_by("-number").first()


def stage_within(stage, items) -> bool:
    return any(
        item.kind == PlanItem.Kind.STAGE
        and item.service_id == stage.service_id
        and item.stagemeester_id == stage.stagemeester_id
        and item.start <= stage.start
        and stage.end <= item.end
        for item in items
    )


def stages_outside_plan(trajectory: Trajectory) -> list:
    """The ASO's assigned stages that the approved plan does not contain (they do not count)."""
    plan = approved_plan(trajectory)
    if plan is None:
        return []
    items = _items(plan)
    stages = trajectory.trainee.stages.select_related("service__hospital", "stagemeester")
    return [stage for stage in stages if not stage_within(stage, items)]


def stage_outside_approved_plan(stage) -> bool:
    """Whether a stage falls outside its ASO's approved plan (a flag for every page)."""
    trajectory = Trajectory.objects.filter(trainee_id=stage.trainee_id).first()
    if trajectory is None:
        return False
    plan = approved_plan(trajectory)
    return plan is not None and not stage_within(stage, _items(plan))


def stages_outside_approved_plans(stages) -> set[int]:
    """The ids of those stages that fall outside their ASO's approved plan, for a list of
    stages of many ASO: two queries whatever the number of stages (none for an empty list)."""
    stages = list(stages)
    trainee_ids = {stage.trainee_id for stage in stages}
    if not trainee_ids:
        return set()
    latest: dict[int, int] = {}
    for trainee_id, plan_id in (
        PlanVersion.objects.filter(
            trajectory__trainee_id__in=trainee_ids, state=PlanVersion.State.APPROVED
        )
        .order_by("trajectory__trainee_id", "-number")
        .values_list("trajectory__trainee_id", "pk")
    ):
        latest.setdefault(trainee_id, plan_id)
    if not latest:
        return set()
    items: dict[int, list[PlanItem]] = {plan_id: [] for plan_id in latest.values()}
    for item in PlanItem.objects.filter(plan_id__in=items):
        items[item.plan_id].append(item)
    return {
        stage.pk
        for stage in stages
        if stage.trainee_id in latest and not stage_within(stage, items[latest[stage.trainee_id]])
    }


@dataclass
class TimelineStep:
    key: str
    label: str
    state: str  # done, current, todo, late
    due: datetime.date | None = None
    done_on: datetime.date | None = None
    action: str = ""
    url: str = ""


def timeline(trajectory: Trajectory) -> list[TimelineStep]:
    """The steps before, during and after the training, with due dates and the next action."""
    from django.urls import reverse

    today = timezone.localdate()
    plans = list(trajectory.plans.order_by("number"))
    first = plans[0] if plans else None
    latest = plans[-1] if plans else None
    # The plans are read once: the first submission and the approved plan come from them.
    first_submitted = next((p.submitted_on for p in plans if p.submitted_on is not None), None)
    end = plan_end_date(trajectory, plan_submitted_on=first_submitted)
    steps: list[TimelineStep] = []
    State = PlanVersion.State
    plan_url = reverse("trajectory:plan_detail", args=[latest.pk]) if latest else ""

    submitted = first is not None and first.submitted_on is not None
    steps.append(
        TimelineStep(
            "submit",
            _("Submit the stageplan"),
            "done" if submitted else ("late" if today > end.last_submission_day else "current"),
            due=end.last_submission_day,
            done_on=first.submitted_on if submitted else None,
            action="" if submitted else _("Compose, have it signed and submit"),
            url=plan_url,
        )
    )
    approved = next((p for p in reversed(plans) if p.state == State.APPROVED), None)
    if latest is not None and latest.state == State.SUPPLEMENT_ASKED:
        steps.append(
            TimelineStep(
                "supplement",
                _("Supplement asked"),
                "current",
                done_on=latest.supplement_asked_on,
                action=_("Add what was asked and submit again"),
                url=plan_url,
            )
        )
    if latest is not None and latest.state == State.REFUSED:
        steps.append(
            TimelineStep(
                "refused",
                _("Plan refused"),
                "current",
                done_on=latest.decided_on,
                action=_("Lodge an appeal or change the plan"),
                url=plan_url,
            )
        )
    due = decision_due(latest) if latest is not None else None
    state = "todo"
    if approved is not None:
        state = "done"
    elif latest is not None and latest.state in (
        State.SUBMITTED,
        State.AT_COMMISSION,
        State.ADVISED,
        State.APPEAL,
    ):
        state = "late" if due and today > due else "current"
    steps.append(
        TimelineStep(
            "approval",
            _("Approval of the stageplan"),
            state,
            due=due,
            done_on=approved.decided_on or approved.appeal_decided_on if approved else None,
            url=plan_url,
        )
    )
    if end.moved and approved is not None:
        last = max((i.end for i in _items(approved)), default=None)
        if last is not None and last < end.expected_end:
            steps.append(
                TimelineStep(
                    "change",
                    _("Change the plan: the end date moved"),
                    "current",
                    due=None,
                    action=_("Submit a change that runs to %(day)s")
                    % {"day": _fmt(end.expected_end)},
                    url=reverse("trajectory:change_start", args=[trajectory.pk]),
                )
            )
    steps.extend(_stageboekje_steps(trajectory, today))
    steps.append(
        TimelineStep(
            "end",
            _("End of the training"),
            "done" if today > end.expected_end else "todo",
            due=end.expected_end,
        )
    )
    steps.append(
        TimelineStep(
            "dossier",
            _("Apply for recognition: the final dossier"),
            "current" if today > end.expected_end else "todo",
            action=_("Check the dossier") if today > end.expected_end else "",
            url=reverse("trajectory:final_dossier", args=[trajectory.pk]),
        )
    )
    return steps


def _stageboekje_steps(trajectory: Trajectory, today) -> list[TimelineStep]:
    """One step per training year: the stageboekje, due when the year ends."""
    from django.urls import reverse

    from .models import Stageboekje
    from .stageboekje import max_year, year_period

    State = Stageboekje.State
    boekjes = {b.year: b for b in trajectory.stageboekjes.all()}
    steps = []
    for year in range(1, max_year(trajectory) + 1):
        first, last = year_period(trajectory, year)
        if first > today:
            break
        boekje = boekjes.get(year)
        label = _("Stageboekje, year %(year)s") % {"year": year}
        url = reverse("trajectory:stageboekje", args=[boekje.pk]) if boekje else ""
        if boekje is not None and boekje.state == State.APPROVED:
            steps.append(TimelineStep(f"boekje-{year}", label, "done", done_on=boekje.decided_on))
            continue
        action = {
            None: _("Generate it at the end of the year"),
            State.DRAFT: _("Ask your stagemeester to evaluate and sign"),
            State.SIGNED: _("Submit it to the erkenningscommissie"),
            State.SUBMITTED: "",
            State.MORE_ASKED: _("Add what the commission asked and generate it again"),
        }[boekje.state if boekje else None]
        if boekje is None and today <= last:
            continue  # the year is still running and nothing is asked yet
        state = (
            "late" if boekje is None and today > last + datetime.timedelta(days=30) else "current"
        )
        if boekje is not None and boekje.state == State.SUBMITTED:
            state = "todo"  # with the commission: nothing for the ASO to do
        steps.append(
            TimelineStep(
                f"boekje-{year}",
                label,
                state,
                due=last,
                action=action,
                url=url or reverse("trajectory:detail", args=[trajectory.pk]),
            )
        )
    return steps


def next_action(steps: list[TimelineStep]) -> TimelineStep | None:
    return next((s for s in steps if s.state in ("late", "current")), None)


def overview_by_state(trajectories) -> dict:
    """Counts of paths by the state of their latest plan, in one query."""
    from django.db.models import Count, OuterRef, Subquery

    latest_state = Subquery(
        PlanVersion.objects.filter(trajectory=OuterRef("pk"))
        .order_by("-number")
        .values("state")[:1]
    )
    rows = (
        trajectories.annotate(latest_state=latest_state)
        .values("latest_state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    labels = dict(PlanVersion.State.choices)
    return {row["latest_state"]: (labels.get(row["latest_state"], "—"), row["n"]) for row in rows}


def users_by_ids(ids):
    return get_user_model().objects.in_bulk(ids)


@dataclass
class OverviewRow:
    trajectory: Trajectory
    state: str
    state_label: str
    plan_pk: int | None
    overdue: str


OVERVIEW_LIMIT = 200


def overview_rows(trajectories, *, state: str = "", limit: int = OVERVIEW_LIMIT):
    """The paths with their latest plan's state and the overdue step, in a constant number of queries."""
    from django.db.models import DateField, Min, OuterRef, Subquery

    from .enddate import add_months

    latest = PlanVersion.objects.filter(trajectory=OuterRef("pk")).order_by("-number")
    qs = (
        trajectories.select_related("trainee__user", "trainee__specialty", "community")
        .annotate(
            latest_state=Subquery(latest.values("state")[:1]),
            latest_pk=Subquery(latest.values("pk")[:1]),
            latest_advice_on=Subquery(latest.values("advice_on")[:1], output_field=DateField()),
            first_submitted=Min("plans__submitted_on"),
        )
        .order_by("trainee__user__last_name", "trainee__user__first_name", "pk")
    )
    if state:
        qs = qs.filter(latest_state=state)
    today = timezone.localdate()
    labels = dict(PlanVersion.State.choices)
    rows = []
    for trajectory in qs[:limit]:
        community = trajectory.community
        overdue = ""
        deadline = add_months(trajectory.trainee.training_start, community.submission_months)
        if trajectory.first_submitted is None and today >= deadline:
            overdue = _("stageplan not submitted (due %(day)s)") % {"day": _fmt(deadline - ONE_DAY)}
        elif (
            trajectory.latest_state == PlanVersion.State.ADVISED
            and trajectory.latest_advice_on
            and today
            > trajectory.latest_advice_on + datetime.timedelta(days=community.decision_days)
        ):
            overdue = _("decision overdue")
        rows.append(
            OverviewRow(
                trajectory,
                trajectory.latest_state or "",
                labels.get(trajectory.latest_state, "—"),
                trajectory.latest_pk,
                overdue,
            )
        )
    return rows


def community_of(trainee) -> Community | None:
    """The community whose university list names the ASO's university (a read: no default row)."""
    code = trainee.university.code
    return next(
        (c for c in Community.objects.all() if code in (c.university_codes or [])),
        Community.objects.filter(code="vl").first(),
    )


def where_to_go(user) -> dict:
    """The ASO's mentor, coordinators, administration and contacts; an administrator's contacts."""
    from traject.mentoring.models import MentorGroupMembership
    from traject.organisation.models import HospitalCoordinator, Trainee
    from traject.organisation.permissions import administered_universities

    from .models import Contact

    trainee = Trainee.objects.filter(user=user).select_related("university").first()
    if trainee is None:
        return {
            "trainee": None,
            "contacts": Contact.objects.filter(
                university__in=administered_universities(user)
            ).select_related("hospital", "university"),
        }
    hospitals = list(trainee.stages.values_list("service__hospital_id", flat=True).distinct())
    membership = (
        MentorGroupMembership.objects.filter(trainee=trainee)
        .select_related("group__mentor")
        .first()
    )
    own = Trajectory.objects.filter(trainee=trainee).select_related("community").first()
    return {
        "trainee": trainee,
        "contacts": Contact.objects.filter(university_id=trainee.university_id)
        .filter(Q(hospital__isnull=True) | Q(hospital_id__in=hospitals))
        .select_related("hospital"),
        "coordinators": HospitalCoordinator.objects.filter(
            hospital_id__in=hospitals
        ).select_related("user", "hospital"),
        "mentor": membership.group.mentor if membership else None,
        "community": own.community if own else community_of(trainee),
    }


def decision_due(plan: PlanVersion) -> datetime.date | None:
    """The last day for the minister's decision: the community's days after the advice."""
    if plan.state != PlanVersion.State.ADVISED or not plan.advice_on:
        return None
    return plan.advice_on + datetime.timedelta(days=plan.trajectory.community.decision_days)
