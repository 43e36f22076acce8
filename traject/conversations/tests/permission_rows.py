"""Permission rows for the conversation cycle.

The Dutch aios and their opleider use it; every Belgian persona (the mentor included) finds
nothing: 403 where a page exists for any trainer, 404 for another person's objects. The deputy,
the opleidingsgroep and the receiving opleider are covered in test_permissions.py.
"""

import datetime

from django.utils import timezone

from traject.testing.permission_table import Row, expect


def page(default=404, **overrides):
    return expect(default, anonymous=302, **overrides)


def api(default=404, **overrides):
    return expect(default, anonymous=401, **overrides)


TRAINEE_AND_TRAINER = {"aios": 200, "opleider": 200}
TRAINER_ONLY = {"aios": 403, "opleider": 200}
TRAINEE_ONLY = {"aios": 200, "opleider": 403}


def extend_world(w):
    from traject.conversations.models import (
        IntensifiedTrack,
        Kind,
        Outcome,
        Talk,
        TransferDocument,
    )
    from traject.organisation.models import Stage, TrainingService
    from traject.testing import factories as f

    today = timezone.localdate()
    opleider = w.users["opleider"]
    trainee = w.aios_trainee
    held = Talk.objects.create(
        trainee=trainee,
        stage=w.nl_stage,
        kind=Kind.PROGRESS,
        training_year=1,
        planned_on=today - datetime.timedelta(days=3),
        held_on=today - datetime.timedelta(days=3),
        held_by=opleider,
        report="Verslag",
        reported_by=opleider,
        created_by=opleider,
    )
    planned = Talk.objects.create(
        trainee=trainee,
        stage=w.nl_stage,
        kind=Kind.PROGRESS,
        training_year=1,
        planned_on=today + datetime.timedelta(days=7),
        held_by=opleider,
        created_by=opleider,
    )
    judged = Talk.objects.create(
        trainee=trainee,
        stage=w.nl_stage,
        kind=Kind.SUITABILITY,
        training_year=1,
        planned_on=today - datetime.timedelta(days=2),
        held_on=today - datetime.timedelta(days=2),
        held_by=opleider,
        report="Twijfel",
        outcome=Outcome.DOUBT,
        created_by=opleider,
    )
    track = IntensifiedTrack.objects.create(
        trainee=trainee, talk=judged, goals="Doelen", deadline=today + datetime.timedelta(days=90)
    )
    next_opleider = f.UserFactory(email="next-opleider@example.test")
    next_service = TrainingService.objects.create(
        hospital=w.nl_hospital, specialty=w.nl_specialty, name="Interne (B)"
    )
    next_stage = Stage.objects.create(
        trainee=trainee,
        service=next_service,
        stagemeester=next_opleider,
        start=w.nl_stage.end + datetime.timedelta(days=1),
        end=w.nl_stage.end + datetime.timedelta(days=200),
    )
    transfer = TransferDocument.objects.create(
        trainee=trainee,
        from_stage=w.nl_stage,
        to_stage=next_stage,
        author=opleider,
        summary="Samenvatting",
        status=TransferDocument.Status.WITH_TRAINEE,
    )
    from traject.conversations.models import LocalPlan, LocalPlanItem

    plan = LocalPlan.objects.create(specialty=w.nl_specialty, hospital=w.nl_hospital)
    plan_item = LocalPlanItem.objects.create(
        plan=plan, theme="Acute opname", period="jaar 1", assessment="KPB"
    )
    w.add(
        nl_plan=plan,
        nl_plan_item=plan_item,
        nl_held_talk=held,
        nl_planned_talk=planned,
        nl_track=track,
        nl_next_stage=next_stage,
        nl_next_opleider=next_opleider,
        nl_transfer=transfer,
    )


def _aios(w):
    return [w.aios_trainee.pk]


def _held(w):
    return [w.nl_held_talk.pk]


def _planned(w):
    return [w.nl_planned_talk.pk]


def _transfer(w):
    return [w.nl_transfer.pk]


def _plan_data(w):
    return {
        "kind": "progress",
        "planned_on": str(timezone.localdate() + datetime.timedelta(days=20)),
        "held_by": w.users["opleider"].pk,
        "place": "Kamer 2",
    }


def _plan_json(w):
    return {
        "kind": "progress",
        "planned_on": str(timezone.localdate() + datetime.timedelta(days=20)),
        "held_by_id": w.users["opleider"].pk,
    }


def _report_json(w):
    return {
        "held_on": str(timezone.localdate()),
        "report": "Goed gesprek",
        "actions": ["Meer KPB's vragen"],
        "version": w.nl_held_talk.version,
    }


def _plan(w):
    return [w.nl_plan.pk]


def _service(w):
    return [w.nl_service.pk]


def _group_member_version(w):
    from traject.organisation.models import TeamMember

    return {"version": TeamMember.objects.get(pk=_group_member(w)[0]).version}


def _group_member(w):
    from traject.organisation.models import TeamMember

    return [TeamMember.objects.get(user=w.nl_group_member).pk]


def _new_member(w):
    return {"email": w.users["stagemeester"].email, "role": "member"}


ROWS = [
    # The deputy and the opleidingsgroep: the opleider keeps them; nobody else sees them here.
    Row("GET", "conversations:teams", expect=page(403, opleider=200)),
    Row("GET", "conversations:team_add", args=_service, expect=page(opleider=200)),
    Row(
        "POST",
        "conversations:team_add",
        args=_service,
        data=_new_member,
        expect=page(opleider=302),
    ),
    Row(
        "POST",
        "conversations:team_member_remove",
        args=_group_member,
        data=_group_member_version,
        expect=page(opleider=302),
    ),
    Row("GET", "api:conversations_teams", expect=api(403, opleider=200)),
    Row(
        "POST",
        "api:conversations_team_member_add",
        args=_service,
        data=_new_member,
        expect=api(opleider=201),
    ),
    Row(
        "DELETE",
        "api:conversations_team_member_remove",
        args=_group_member,
        data=_group_member_version,
        expect=api(opleider=204),
    ),
    # Local training plans: everyone signed in reads them; the opleider maintains their own.
    Row("GET", "conversations:local_plans", expect=page(200)),
    Row("GET", "conversations:local_plan", args=_plan, expect=page(200)),
    Row("GET", "conversations:local_plan_create", expect=page(403, opleider=200)),
    Row("GET", "conversations:local_plan_add_item", args=_plan, expect=page(403, opleider=200)),
    Row(
        "POST",
        "conversations:local_plan_remove_item",
        args=lambda w: [w.nl_plan.pk, w.nl_plan_item.pk],
        expect=page(403, opleider=302),
    ),
    Row("GET", "conversations:goal_places", args=_aios, expect=page(**TRAINEE_AND_TRAINER)),
    Row("GET", "api:conversations_local_plans", expect=api(200)),
    Row("GET", "api:conversations_local_plan", args=_plan, expect=api(200)),
    Row(
        "POST",
        "api:conversations_local_plan_add_item",
        args=_plan,
        data=lambda w: {
            "theme": "Echo",
            "period": "jaar 2",
            "assessment": "OSATS",
            "version": w.nl_plan.version,
        },
        expect=api(403, opleider=201),
    ),
    Row("GET", "api:conversations_goal_places", args=_aios, expect=api(**TRAINEE_AND_TRAINER)),
    # The conversation cycle.
    Row("GET", "conversations:index", expect=page(403, aios=302, opleider=200)),
    Row("GET", "conversations:trainee", args=_aios, expect=page(**TRAINEE_AND_TRAINER)),
    Row("GET", "conversations:talk_plan", args=_aios, expect=page(**TRAINER_ONLY)),
    Row(
        "POST",
        "conversations:talk_plan",
        args=_aios,
        data=_plan_data,
        expect=page(aios=403, opleider=302),
    ),
    Row("GET", "conversations:duration_decide", args=_aios, expect=page(**TRAINER_ONLY)),
    Row("GET", "conversations:talk_detail", args=_held, expect=page(**TRAINEE_AND_TRAINER)),
    Row("GET", "conversations:talk_edit", args=_planned, expect=page(**TRAINER_ONLY)),
    Row("GET", "conversations:talk_report", args=_held, expect=page(**TRAINER_ONLY)),
    Row("GET", "conversations:talk_acknowledge", args=_held, expect=page(**TRAINEE_ONLY)),
    Row(
        "POST",
        "conversations:talk_acknowledge",
        args=_held,
        data=lambda w: {"reaction": "Akkoord"},
        expect=page(aios=302, opleider=403),
    ),
    Row("POST", "conversations:talk_cancel", args=_planned, expect=page(aios=403, opleider=302)),
    Row(
        "GET",
        "conversations:track_close",
        args=lambda w: [w.nl_track.pk],
        expect=page(**TRAINER_ONLY),
    ),
    Row(
        "POST",
        "conversations:transfer_start",
        args=lambda w: [w.nl_stage.pk],
        expect=page(opleider=302),
    ),
    Row("GET", "conversations:transfer_detail", args=_transfer, expect=page(**TRAINEE_AND_TRAINER)),
    Row("GET", "conversations:transfer_edit", args=_transfer, expect=page(**TRAINER_ONLY)),
    Row(
        "POST", "conversations:transfer_share", args=_transfer, expect=page(aios=403, opleider=302)
    ),
    Row("GET", "conversations:transfer_react", args=_transfer, expect=page(**TRAINEE_ONLY)),
    Row(
        "POST",
        "conversations:transfer_hand_over",
        args=_transfer,
        expect=page(aios=403, opleider=302),
    ),
    Row("GET", "conversations:transfer_pdf", args=_transfer, expect=page(**TRAINEE_AND_TRAINER)),
    # The API: the same rules.
    Row("GET", "api:conversations_group", expect=api(200)),
    Row("GET", "api:conversations_cycle", args=_aios, expect=api(**TRAINEE_AND_TRAINER)),
    Row(
        "POST",
        "api:conversations_talk_plan",
        args=_aios,
        data=_plan_json,
        expect=api(aios=403, opleider=201),
    ),
    Row("GET", "api:conversations_talk_detail", args=_held, expect=api(**TRAINEE_AND_TRAINER)),
    Row(
        "PATCH",
        "api:conversations_talk_move",
        args=_planned,
        data=lambda w: {
            "planned_on": str(timezone.localdate() + datetime.timedelta(days=9)),
            "version": w.nl_planned_talk.version,
        },
        expect=api(aios=403, opleider=200),
    ),
    Row(
        "DELETE",
        "api:conversations_talk_cancel",
        args=_planned,
        data=lambda w: {"version": w.nl_planned_talk.version},
        expect=api(aios=403, opleider=204),
    ),
    Row(
        "POST",
        "api:conversations_talk_report",
        args=_held,
        data=_report_json,
        expect=api(aios=403, opleider=200),
    ),
    Row(
        "POST",
        "api:conversations_talk_acknowledge",
        args=_held,
        data=lambda w: {"reaction": "Akkoord"},
        expect=api(aios=200, opleider=403),
    ),
    Row(
        "POST",
        "api:conversations_track_close",
        args=lambda w: [w.nl_track.pk],
        data=lambda w: {
            "status": "completed",
            "conclusion": "Doelen gehaald",
            "version": w.nl_track.version,
        },
        expect=api(aios=403, opleider=204),
    ),
    Row(
        "POST",
        "api:conversations_transfer_start",
        args=lambda w: [w.nl_stage.pk],
        expect=api(opleider=201),
    ),
    Row(
        "GET",
        "api:conversations_transfer_detail",
        args=_transfer,
        expect=api(**TRAINEE_AND_TRAINER),
    ),
    Row(
        "PATCH",
        "api:conversations_transfer_update",
        args=_transfer,
        data=lambda w: {"summary": "Nieuw", "version": w.nl_transfer.version},
        expect=api(**TRAINER_ONLY),
    ),
    Row(
        "POST",
        "api:conversations_transfer_share",
        args=_transfer,
        expect=api(aios=403, opleider=400),
        description="already with the trainee",
    ),
    Row(
        "POST",
        "api:conversations_transfer_react",
        args=_transfer,
        data=lambda w: {"reaction": "Gelezen"},
        expect=api(**TRAINEE_ONLY),
    ),
    Row(
        "POST",
        "api:conversations_transfer_hand_over",
        args=_transfer,
        expect=api(aios=403, opleider=400),
        description="not read yet",
    ),
    Row("GET", "api:conversations_duration", args=_aios, expect=api(**TRAINEE_AND_TRAINER)),
    Row(
        "POST",
        "api:conversations_duration_decide",
        args=_aios,
        data=lambda w: {"kind": "extension", "months": 6, "reason": "Na traject"},
        expect=api(aios=403, opleider=201),
    ),
]
