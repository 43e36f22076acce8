"""The trajectory part of the demo: the authority's people and an ASO in each state.

Written directly with the models so that loading sends no e-mail: the persona ASO has a
draft plan signed by the stagemeester; other ASO have plans submitted, asked to supplement,
with the commission, advised, approved, refused, in appeal and changed; one plan was
submitted late and one ASO was interrupted for 18 weeks.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from traject.accounts.models import User
from traject.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoContext
from traject.organisation.models import HospitalCoordinator, Stage

from .enddate import add_months
from .models import (
    AuthorityOfficer,
    AuthorityStep,
    CommissionMember,
    Community,
    Contact,
    Interruption,
    PlanItem,
    PlanVersion,
    Signature,
    Stageboekje,
    Trajectory,
)
from .services import community_for

State = PlanVersion.State
OFFICER_EMAIL = f"community-officer@{DEMO_DOMAIN}"
COMMISSION_EMAIL = f"commission@{DEMO_DOMAIN}"
STATES = [
    State.SUBMITTED,
    State.SUPPLEMENT_ASKED,
    State.AT_COMMISSION,
    State.ADVISED,
    State.APPROVED,
    State.REFUSED,
    State.APPEAL,
    "changed",  # approved, then changed: version 2 is a draft
]


def load(ctx: DemoContext) -> None:
    if User.objects.filter(email=OFFICER_EMAIL).exists():
        _logins(ctx)
        return
    with transaction.atomic():
        _create(ctx)
    _logins(ctx)
    ctx.say("Trajectory demo data created.")


def _logins(ctx: DemoContext) -> None:
    ctx.logins.append(("Officer of the community administration", OFFICER_EMAIL))
    ctx.logins.append(("Member of the erkenningscommissie", COMMISSION_EMAIL))


def _person(email, first, last, language="nl") -> User:
    return User.objects.create(
        email=email,
        first_name=first,
        last_name=last,
        language=language,
        password=make_password(DEMO_PASSWORD),
    )


def _open(trainee) -> Trajectory:
    return Trajectory.objects.create(
        trainee=trainee,
        community=community_for(trainee),
        nominal_months=trainee.specialty.duration_years * 12,
    )


def _items(plan, trainee, stage) -> None:
    end = add_months(trainee.training_start, plan.trajectory.nominal_months) - datetime.timedelta(
        days=1
    )
    split = trainee.training_start + datetime.timedelta(days=365 * 2)
    PlanItem.objects.create(
        plan=plan,
        kind=PlanItem.Kind.STAGE,
        start=trainee.training_start,
        end=split - datetime.timedelta(days=1),
        service=stage.service,
        stagemeester=stage.stagemeester,
    )
    PlanItem.objects.create(
        plan=plan,
        kind=PlanItem.Kind.RESEARCH,
        start=split,
        end=split + datetime.timedelta(days=181),
        justification="Klinisch onderzoek binnen de dienst (doctoraatsproject).",
    )
    PlanItem.objects.create(
        plan=plan,
        kind=PlanItem.Kind.STAGE,
        start=split + datetime.timedelta(days=182),
        end=end,
        service=stage.service,
        stagemeester=stage.stagemeester,
    )


def _sign(plan, trainee, stage) -> None:
    content_hash = plan.content_hash()
    coordinator = HospitalCoordinator.objects.filter(hospital=stage.service.hospital).first()
    signers = [(stage.stagemeester, "stagemeester"), (trainee.user, "aso")]
    if coordinator:
        signers.append((coordinator.user, "coordinator"))
    for signer, capacity in signers:
        Signature.objects.create(
            plan=plan, signer=signer, capacity=capacity, content_hash=content_hash
        )


def _walk(plan, state, officer, member, submitted_on) -> None:
    """Record the procedure's steps up to ``state``."""
    day = submitted_on
    trajectory = plan.trajectory

    def step(kind, note=""):
        nonlocal day
        AuthorityStep.objects.create(plan=plan, kind=kind, on=day, actor=officer, note=note)
        day = min(day + datetime.timedelta(days=14), timezone.localdate())

    plan.submitted_on = submitted_on
    step(AuthorityStep.Kind.SUBMITTED)
    if state == State.SUPPLEMENT_ASKED:
        plan.supplement_asked_on = day
        plan.supplement_request = "Het attest van de faculteit ontbreekt."
        step(AuthorityStep.Kind.SUPPLEMENT_ASKED, plan.supplement_request)
    if state in (
        State.AT_COMMISSION,
        State.ADVISED,
        State.APPROVED,
        State.REFUSED,
        State.APPEAL,
        State.SUPERSEDED,
    ):
        trajectory.riziv_candidate_number = f"1-{trajectory.pk:05d}-12-345"[:16]
        trajectory.riziv_candidate_recorded_on = day
        trajectory.save()
        step(AuthorityStep.Kind.CANDIDATE_NUMBER, trajectory.riziv_candidate_number)
    if state in (State.ADVISED, State.APPROVED, State.REFUSED, State.APPEAL):
        positive = state not in (State.REFUSED, State.APPEAL)
        plan.advice = "positive" if positive else "negative"
        plan.advice_on = day
        plan.advice_note = "" if positive else "Te weinig tijd in een universitaire dienst."
        AuthorityStep.objects.create(
            plan=plan, kind=AuthorityStep.Kind.ADVICE, on=day, actor=member, note=plan.advice
        )
        day = min(day + datetime.timedelta(days=14), timezone.localdate())
    if state in (State.APPROVED, State.SUPERSEDED):
        plan.decided_on = day
        step(AuthorityStep.Kind.APPROVED)
    if state in (State.REFUSED, State.APPEAL):
        plan.decided_on = day
        step(AuthorityStep.Kind.REFUSED)
    if state == State.APPEAL:
        plan.appeal_lodged_on = day
        step(AuthorityStep.Kind.APPEAL)
    plan.state = state
    plan.save()


def _create(ctx: DemoContext) -> None:
    today = timezone.localdate()
    officer = _person(OFFICER_EMAIL, "Els", "Wouters")
    member = _person(COMMISSION_EMAIL, "Marc", "Jacobs")
    vl = Community.objects.get(code="vl")
    AuthorityOfficer.objects.create(user=officer, community=vl)
    personas = ctx.personas
    aso = personas.get("aso")
    trainee = getattr(aso, "trainee", None) if aso else None
    if trainee is not None:
        CommissionMember.objects.create(user=member, community=vl, specialty=trainee.specialty)
    for university in ctx.data.get("universities", []):
        _contacts(university)

    # The persona ASO: a draft signed by the stagemeester only.
    stages = {
        s.trainee_id: s
        for s in Stage.objects.select_related("service__hospital", "stagemeester").order_by("start")
    }
    if trainee is not None and trainee.pk in stages:
        trajectory = _open(trainee)
        plan = PlanVersion.objects.create(trajectory=trajectory, number=1)
        _items(plan, trainee, stages[trainee.pk])
        Signature.objects.create(
            plan=plan,
            signer=stages[trainee.pk].stagemeester,
            capacity="stagemeester",
            content_hash=plan.content_hash(),
        )

    others = [
        t
        for t in ctx.data.get("trainees", [])
        if t.pk in stages
        and t.university.code in vl.university_codes
        and t.user_id not in {u.pk for u in personas.values()}
        and t.specialty_id == getattr(trainee, "specialty_id", None)
    ]
    others += [
        t
        for t in ctx.data.get("trainees", [])
        if t.pk in stages and t not in others and t.user_id not in {u.pk for u in personas.values()}
    ]
    old_enough = [t for t in others if t.training_start <= today - datetime.timedelta(days=200)]
    for state in STATES + ["late", "interrupted"]:
        pool = old_enough if state in ("late", "interrupted", "changed") else others
        pool = [t for t in pool if not Trajectory.objects.filter(trainee=t).exists()]
        if not pool:
            continue
        other = pool[0]
        stage = stages[other.pk]
        trajectory = _open(other)
        plan = PlanVersion.objects.create(trajectory=trajectory, number=1)
        _items(plan, other, stage)
        _sign(plan, other, stage)
        deadline = add_months(other.training_start, vl.submission_months)
        submitted_on = min(other.training_start + datetime.timedelta(days=60), today)
        if state == "late":
            submitted_on = min(deadline + datetime.timedelta(days=45), today)
            _walk(plan, State.SUBMITTED, officer, member, submitted_on)
            continue
        if state == "interrupted":
            _walk(plan, State.APPROVED, officer, member, submitted_on)
            begin = max(other.training_start + datetime.timedelta(days=90), other.training_start)
            Interruption.objects.create(
                trajectory=trajectory,
                kind=Interruption.Kind.MATERNITY,
                start=begin,
                end=begin + datetime.timedelta(days=18 * 7 - 1),
                note="Moederschapsrust",
                recorded_by=other.user,
            )
            continue
        _walk(plan, State.APPROVED if state == "changed" else state, officer, member, submitted_on)
        if state == "changed":
            change = PlanVersion.objects.create(
                trajectory=trajectory, number=2, reason="Stage in een ander ziekenhuis."
            )
            _items(change, other, stage)
            PlanItem.objects.filter(plan=change, kind=PlanItem.Kind.RESEARCH).update(
                kind=PlanItem.Kind.ABROAD,
                institution="Karolinska Institutet",
                country="Zweden",
                belgian_address="Kerkstraat 1, 9000 Gent",
                justification="",
            )
    _stageboekjes(officer, member)


def _stageboekjes(officer, member) -> None:
    """Approved paths get an approved stageboekje of year 1 and a submitted one of year 2."""
    from .stageboekje import generate_content

    approved = Trajectory.objects.filter(plans__state=State.APPROVED).select_related(
        "trainee__user"
    )
    for trajectory in approved.distinct():
        stage = trajectory.trainee.stages.select_related("stagemeester").first()
        if stage is None:
            continue
        for year, state in ((1, Stageboekje.State.APPROVED), (2, Stageboekje.State.SUBMITTED)):
            Stageboekje.objects.create(
                trajectory=trajectory,
                year=year,
                state=state,
                content=generate_content(trajectory, year, worktime=False),
                generated_at=timezone.now(),
                evaluation="Goede vooruitgang; zelfstandig op de afdeling.",
                signed_by=stage.stagemeester,
                signed_at=timezone.now(),
                submitted_on=timezone.localdate(),
                decided_on=timezone.localdate() if state == Stageboekje.State.APPROVED else None,
            )


def _contacts(university) -> None:
    base = university.code
    rows = [
        (Contact.Role.OMBUDS, "Ombudsdienst specialistische opleiding", f"ombuds@{base}.example"),
        (Contact.Role.TRUST, "Vertrouwenspersoon ASO", f"vertrouwen@{base}.example"),
        (Contact.Role.ASSOCIATION, "Vlaamse Vereniging van ASO (VASO)", "info@vaso.example"),
        (Contact.Role.AUTHORITY, "Departement Zorg – erkenningen", "erkenningen@zorg.example"),
    ]
    Contact.objects.bulk_create(
        Contact(university=university, role=role, name=name, email=email)
        for role, name, email in rows
    )
