"""The stageplan from composition to decision, through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from traject.audit.models import AuditEvent
from traject.trajectory import selectors, services
from traject.trajectory.models import AuthorityStep, Interruption, PlanItem, PlanVersion

from .conftest import add_evidence, add_stage, ready, sign_all

State = PlanVersion.State


def problems(plan):
    plan = PlanVersion.objects.get(pk=plan.pk)
    return selectors.plan_problems(plan)


def test_an_empty_plan_cannot_be_submitted_and_says_why(path):
    with pytest.raises(ValidationError) as info:
        services.plan_submit(plan=path.plan, actor=path.aso)
    assert "The plan has no stages yet." in info.value.messages


def test_an_incomplete_plan_names_the_gap_the_evidence_and_the_signatures(path):
    add_stage(path, end=path.start + datetime.timedelta(days=99))
    found = problems(path.plan)
    assert any(p.startswith("No stage is planned from") for p in found), found
    assert any("Evidence missing" in p for p in found)
    assert any("Signature missing" in p and "Sara Meester" in p for p in found)
    with pytest.raises(ValidationError):
        services.plan_submit(plan=path.plan, actor=path.aso)
    assert PlanVersion.objects.get(pk=path.plan.pk).state == State.DRAFT


def test_a_stage_with_an_unrecognised_stagemeester_is_refused(path):
    with pytest.raises(ValidationError) as info:
        add_stage(path, stagemeester=path.unrecognised)
    assert "no valid recognition" in " ".join(info.value.messages)


def test_a_stage_beyond_capacity_is_refused(path):
    from traject.testing import factories as f

    for _ in range(2):
        f.StageFactory(
            service=path.service,
            stagemeester=path.stagemeester,
            start=path.start,
            end=path.end,
        )
    with pytest.raises(ValidationError) as info:
        add_stage(path)
    assert "recognised limit is 2" in " ".join(info.value.messages)


def test_research_and_abroad_need_their_details(path):
    with pytest.raises(ValidationError) as info:
        services.plan_item_save(
            item=PlanItem(plan=path.plan, kind="research", start=path.start, end=path.end),
            actor=path.aso,
        )
    assert "justification" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.plan_item_save(
            item=PlanItem(
                plan=path.plan, kind="abroad", start=path.start, end=path.end, institution="MGH"
            ),
            actor=path.aso,
        )
    assert {"country", "belgian_address"} <= set(info.value.message_dict)


def test_a_nul_byte_is_refused(path):
    with pytest.raises(ValidationError):
        services.plan_item_save(
            item=PlanItem(
                plan=path.plan,
                kind="research",
                start=path.start,
                end=path.end,
                justification="x\x00y",
            ),
            actor=path.aso,
        )


def test_three_signatures_then_submit(path):
    plan = ready(path)
    assert problems(plan) == []
    services.plan_submit(plan=PlanVersion.objects.get(pk=plan.pk), actor=path.aso)
    plan.refresh_from_db()
    assert plan.state == State.SUBMITTED
    assert plan.submitted_on is not None
    assert plan.steps.get().kind == AuthorityStep.Kind.SUBMITTED
    signed = AuditEvent.objects.filter(summary__startswith="signed plan v1")
    assert signed.count() == 3
    assert {e.actor_id for e in signed} == {path.stagemeester.pk, path.coordinator.pk, path.aso.pk}


def test_a_change_after_a_signature_asks_for_signatures_again(path):
    add_stage(path, end=path.start + datetime.timedelta(days=99))
    add_evidence(path)
    sign_all(path)
    item = PlanItem.objects.create(
        plan=path.plan,
        kind="research",
        start=path.start + datetime.timedelta(days=100),
        end=path.end,
        justification="Doctoraat",
    )
    item.justification = "Doctoraat over sepsis"
    seen = PlanVersion.objects.get(pk=item.plan_id).version
    services.plan_item_save(item=item, actor=path.aso, expected_version=seen)
    found = problems(path.plan)
    assert sum("Signature to be given again" in p for p in found) == 3, found
    assert AuditEvent.objects.filter(summary__contains="must be given again").exists()


def test_only_the_named_people_may_sign(path):
    add_stage(path)
    with pytest.raises(PermissionDenied):
        services.plan_sign(plan=path.plan, actor=path.unrecognised, capacity="stagemeester")
    with pytest.raises(PermissionDenied):
        services.plan_sign(plan=path.plan, actor=path.aso, capacity="coordinator")


def test_the_whole_procedure_with_a_supplement_and_approval(
    path, mailoutbox, django_capture_on_commit_callbacks
):
    plan = ready(path)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_submit(plan=PlanVersion.objects.get(pk=plan.pk), actor=path.aso)
    plan.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.plan_ask_supplement(plan=plan, actor=path.foreign_officer, request="x")
    services.plan_ask_supplement(plan=plan, actor=path.officer, request="Attest onleesbaar")
    plan.refresh_from_db()
    assert plan.state == State.SUPPLEMENT_ASKED
    services.plan_submit(plan=plan, actor=path.aso)
    plan.refresh_from_db()
    assert plan.state == State.SUBMITTED
    services.plan_record_candidate_number(plan=plan, actor=path.officer, number="1-23456-78")
    plan.refresh_from_db()
    assert plan.state == State.AT_COMMISSION
    with pytest.raises(PermissionDenied):
        services.plan_give_advice(plan=plan, actor=path.other_member, advice="positive")
    services.plan_give_advice(plan=plan, actor=path.member, advice="positive")
    plan.refresh_from_db()
    services.plan_decide(plan=plan, actor=path.officer, approved=True)
    plan.refresh_from_db()
    assert plan.state == State.APPROVED
    kinds = list(plan.steps.values_list("kind", flat=True))
    assert kinds == ["submitted", "supplement", "supplied", "riziv", "advice", "approved"]
    path.trajectory.refresh_from_db()
    assert path.trajectory.riziv_candidate_number == "1-23456-78"
    assert any(path.aso.email in m.to for m in mailoutbox)
    assert any(path.officer.email in m.to for m in mailoutbox)


def test_refusal_appeal_and_a_change_as_a_new_version_with_a_diff(path):
    plan = ready(path)
    services.plan_submit(plan=PlanVersion.objects.get(pk=plan.pk), actor=path.aso)
    plan.refresh_from_db()
    services.plan_record_candidate_number(plan=plan, actor=path.officer, number="12345678")
    plan.refresh_from_db()
    services.plan_give_advice(plan=plan, actor=path.member, advice="negative", note="Te kort")
    plan.refresh_from_db()
    services.plan_decide(plan=plan, actor=path.officer, approved=False)
    plan.refresh_from_db()
    services.plan_appeal(plan=plan, actor=path.aso, note="Beroep")
    plan.refresh_from_db()
    assert plan.state == State.APPEAL
    services.plan_decide_appeal(plan=plan, actor=path.officer, granted=True)
    plan.refresh_from_db()
    assert plan.state == State.APPROVED
    change = services.plan_change_start(
        trajectory=path.trajectory, actor=path.aso, reason="Langer onderzoek"
    )
    assert change.number == 2 and change.state == State.DRAFT
    item = change.items.get()
    item.end = path.start + datetime.timedelta(days=199)
    seen = PlanVersion.objects.get(pk=item.plan_id).version
    services.plan_item_save(item=item, actor=path.aso, expected_version=seen)
    rows = selectors.plan_diff(plan, PlanVersion.objects.get(pk=change.pk))
    assert [(r.status, r.changed_fields) for r in rows] == [("changed", ["end"])]
    with pytest.raises(ValidationError):
        services.plan_change_start(trajectory=path.trajectory, actor=path.aso, reason="nog een")


def test_a_stage_outside_the_approved_plan_is_flagged(path):
    from traject.testing import factories as f

    plan = ready(path)
    plan.state = State.APPROVED
    plan.save()
    inside = f.StageFactory(
        trainee=path.trainee,
        service=path.service,
        stagemeester=path.stagemeester,
        start=path.start,
        end=path.start + datetime.timedelta(days=30),
    )
    outside = f.StageFactory(
        trainee=path.trainee,
        service=path.service,
        stagemeester=path.unrecognised,
        start=path.start,
        end=path.start + datetime.timedelta(days=30),
    )
    assert selectors.stages_outside_plan(path.trajectory) == [outside]
    assert selectors.stage_outside_approved_plan(outside)
    assert not selectors.stage_outside_approved_plan(inside)


def test_an_eighteen_week_interruption_moves_the_end_by_three_weeks(path):
    plan = ready(path)
    plan.state = State.APPROVED
    plan.save()
    before = selectors.plan_end_date(path.trajectory)
    services.interruption_save(
        interruption=Interruption(
            trajectory=path.trajectory,
            kind="sick",
            start=path.start + datetime.timedelta(days=1),
            end=path.start + datetime.timedelta(days=18 * 7),
        ),
        actor=path.aso,
    )
    after = selectors.plan_end_date(path.trajectory)
    assert after.expected_end - before.expected_end == datetime.timedelta(days=21)
    steps = selectors.timeline(path.trajectory)
    assert "change" in [s.key for s in steps]


def test_an_interruption_before_the_training_is_refused(path):
    with pytest.raises(ValidationError):
        services.interruption_save(
            interruption=Interruption(
                trajectory=path.trajectory,
                kind="sick",
                start=path.start - datetime.timedelta(days=1),
                end=path.start,
            ),
            actor=path.aso,
        )


def test_evidence_is_checked_by_content(path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("attest.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError):
        services.evidence_upload(
            trajectory=path.trajectory, actor=path.aso, kind="faculty", file=fake
        )


def test_a_late_plan_moves_the_end(path):
    path.trainee.training_start = path.start - datetime.timedelta(days=200)
    path.trainee.save()
    plan = path.plan
    plan.submitted_on = path.start
    plan.save()
    result = selectors.plan_end_date(path.trajectory)
    assert result.submission_delay_days == 200


def test_reminders_before_the_deadline_are_sent_once(
    path, mailoutbox, django_capture_on_commit_callbacks
):
    from traject.trajectory.enddate import add_months

    last_day = add_months(path.start, 4) - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders(today=last_day - datetime.timedelta(days=40)) == 0
        assert services.send_due_reminders(today=last_day - datetime.timedelta(days=20)) == 1
        assert services.send_due_reminders(today=last_day - datetime.timedelta(days=19)) == 0
        assert services.send_due_reminders(today=last_day - datetime.timedelta(days=5)) == 1
    assert [m.to for m in mailoutbox] == [[path.aso.email], [path.aso.email]]


def test_an_overdue_decision_reminds_the_officers(
    path, mailoutbox, django_capture_on_commit_callbacks
):
    plan = path.plan
    plan.state = State.ADVISED
    plan.advice_on = path.start
    plan.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders(today=path.start + datetime.timedelta(days=31)) >= 1
        services.send_due_reminders(today=path.start + datetime.timedelta(days=32))
    assert sum(path.officer.email in m.to for m in mailoutbox) == 1
    assert not any(path.foreign_officer.email in m.to for m in mailoutbox)
