"""Permission rows for the path to recognition.

In the table world the ministry persona is also an officer of the Flemish community's
administration and the titularis a member of the erkenningscommissie of the ASO's specialty
(the new authority roles). The ASO's plan was submitted and a supplement was asked (so it is
editable and the authority sees it); the other ASO's plan is with the commission.
Stagemeesters and coordinators see the plans they sign, never the evidence or interruptions.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from traject.testing.permission_table import Row, expect

# Related to the persona ASO's path: who sees it.
SEES = {
    "aso": 200,
    "stagemeester": 200,
    "coordinator": 200,
    "titularis": 200,
    "programme_admin": 200,
    "ministry": 200,
}
# Who edits it (the ASO and the administrator); the rest of the related people are refused.
EDITS = {
    "aso": 200,
    "programme_admin": 200,
    "stagemeester": 403,
    "coordinator": 403,
    "titularis": 403,
    "ministry": 403,
}
# Personal parts (evidence, interruptions, end date): not for stagemeesters or coordinators.
PRIVATE = {**SEES, "stagemeester": 403, "coordinator": 403}
# The other ASO's plan (with the commission): the other ASO, their stagemeester, the
# administrator, the officer and the commission member know it.
OTHER_RELATED = {
    "other_aso": 403,
    "other_stagemeester": 403,
    "programme_admin": 403,
    "ministry": 403,
    "titularis": 403,
}
AUTHORITY = {"titularis": 200, "programme_admin": 200, "ministry": 200}
# A submitted stageboekje: the ASO, the administrator, the authority and the year's stagemeester;
# the coordinator sees the path but not the stageboekje.
BOEKJE = {**SEES, "coordinator": 403}


def page(default=404, **overrides):
    return expect(default, anonymous=302, **overrides)


def api(default=404, **overrides):
    return expect(default, anonymous=401, **overrides)


def _as(mapping, status):
    return {k: (status if v == 200 else v) for k, v in mapping.items()}


def extend_world(w):
    from traject.trajectory.models import (
        AuthorityOfficer,
        AuthorityStep,
        CommissionMember,
        Community,
        Evidence,
        Interruption,
        PlanItem,
        PlanVersion,
        Trajectory,
    )
    from traject.trajectory.reference_data import load_communities

    if not Community.objects.exists():
        load_communities(Community)
    vl = Community.objects.get(code="vl")
    AuthorityOfficer.objects.create(user=w.users["ministry"], community=vl)
    CommissionMember.objects.create(user=w.users["titularis"], community=vl, specialty=w.specialty)
    today = timezone.localdate()
    trajectory = Trajectory.objects.create(trainee=w.trainee, community=vl, nominal_months=60)
    plan = PlanVersion.objects.create(
        trajectory=trajectory,
        number=1,
        state=PlanVersion.State.SUPPLEMENT_ASKED,
        submitted_on=today - datetime.timedelta(days=10),
        supplement_asked_on=today - datetime.timedelta(days=5),
        supplement_request="Attest ontbreekt",
    )
    AuthorityStep.objects.create(
        plan=plan, kind="submitted", on=plan.submitted_on, actor=w.users["aso"]
    )
    item = PlanItem.objects.create(
        plan=plan,
        kind="stage",
        start=w.stage.start,
        end=w.stage.end,
        service=w.service,
        stagemeester=w.users["stagemeester"],
    )
    evidence = Evidence(
        trajectory=trajectory,
        kind="faculty",
        original_name="attest.pdf",
        content_type="application/pdf",
        uploaded_by=w.users["aso"],
    )
    evidence.file.save("attest.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    interruption = Interruption.objects.create(
        trajectory=trajectory,
        kind="sick",
        start=w.trainee.training_start + datetime.timedelta(days=10),
        end=w.trainee.training_start + datetime.timedelta(days=20),
        recorded_by=w.users["aso"],
    )
    other = Trajectory.objects.create(trainee=w.other_trainee, community=vl, nominal_months=12)
    other_plan = PlanVersion.objects.create(
        trajectory=other,
        number=1,
        state=PlanVersion.State.AT_COMMISSION,
        submitted_on=today - datetime.timedelta(days=30),
    )
    PlanItem.objects.create(
        plan=other_plan,
        kind="stage",
        start=w.other_stage.start,
        end=w.other_stage.end,
        service=w.other_service,
        stagemeester=w.users["other_stagemeester"],
    )
    from traject.trajectory.models import Contact

    contact = Contact.objects.create(
        university=w.university, role="ombuds", name="Ombudsdienst", email="ombuds@example.test"
    )
    from traject.trajectory.models import Stageboekje

    # A submitted stageboekje of the stage's year (the persona stagemeester supervised that year's stage).
    boekje = Stageboekje.objects.create(
        trajectory=trajectory,
        year=w.trainee.training_year_on(w.stage.start),
        state=Stageboekje.State.SUBMITTED,
        content={"year": 1, "stages": [], "feedback": [], "entrustment": [], "todos_done": []},
        evaluation="Goed",
        signed_by=w.users["stagemeester"],
        submitted_on=today,
    )
    w.add(
        boekje=boekje,
        contact=contact,
        trajectory=trajectory,
        plan=plan,
        plan_item=item,
        evidence=evidence,
        interruption=interruption,
        other_trajectory=other,
        other_plan=other_plan,
    )


T = lambda w: [w.trajectory.pk]  # noqa: E731
B = lambda w: [w.boekje.pk]  # noqa: E731
P = lambda w: [w.plan.pk]  # noqa: E731
OP = lambda w: [w.other_plan.pk]  # noqa: E731

# The Dutch personas have no relation with the Belgian plans: not found, not just forbidden.
UNRELATED_NL = {"aios": 404, "opleider": 404}


def _plan_version(w):
    """The version of the plan holding the period, as the editor read it (a period has none)."""
    from traject.trajectory.models import PlanVersion

    return {"version": PlanVersion.objects.get(pk=w.plan_item.plan_id).version}


ROWS = [
    Row(
        "GET",
        "trajectory:home",
        expect=page(
            403,
            aso=302,
            other_aso=302,
            titularis=302,
            programme_admin=302,
            ministry=302,
            aios=200,  # a Dutch aios has no Belgian path: the page explains it
        ),
    ),
    Row("POST", "trajectory:open", expect=page(403, aso=302, other_aso=302, aios=403)),
    Row("GET", "trajectory:overview", expect=page(403, **AUTHORITY)),
    Row("GET", "trajectory:detail", args=T, expect=page(**SEES)),
    Row(
        "GET",
        "trajectory:change_start",
        args=T,
        expect=page(**{**EDITS}),
    ),
    Row("POST", "trajectory:evidence_upload", args=T, expect=page(**_as(EDITS, 302))),
    Row("GET", "trajectory:interruption_create", args=T, expect=page(**EDITS)),
    Row("GET", "trajectory:plan_detail", args=P, expect=page(**SEES)),
    Row("GET", "trajectory:plan_pdf", args=P, expect=page(**SEES)),
    Row("GET", "trajectory:item_create", args=P, expect=page(**EDITS)),
    Row(
        "POST",
        "trajectory:plan_sign",
        args=P,
        data=lambda w: {"capacity": "aso"},
        expect=page(**{**_as(SEES, 403), "aso": 302}),
    ),
    Row(
        "POST",
        "trajectory:plan_submit",
        args=P,
        expect=page(**{**_as(SEES, 403), "aso": 302}),
    ),
    Row(
        "POST",
        "trajectory:plan_supplement",
        args=OP,
        data=lambda w: {"s-note": "Diploma ontbreekt"},
        expect=page(**{**OTHER_RELATED, "ministry": 302, **UNRELATED_NL}),
    ),
    Row(
        "POST",
        "trajectory:plan_candidate",
        args=P,
        data=lambda w: {"c-number": "12345678"},
        expect=page(**_as(SEES, 403)),
        description="(plan waiting for a supplement)",
    ),
    Row(
        "POST",
        "trajectory:plan_advice",
        args=OP,
        data=lambda w: {"a-advice": "positive"},
        expect=page(**{**OTHER_RELATED, "titularis": 302, **UNRELATED_NL}),
    ),
    Row(
        "POST",
        "trajectory:plan_decision",
        args=P,
        data=lambda w: {"d-approved": "1"},
        expect=page(**_as(SEES, 403)),
        description="(no advice yet)",
    ),
    Row("POST", "trajectory:plan_appeal", args=P, expect=page(**_as(SEES, 403))),
    Row(
        "GET",
        "trajectory:item_edit",
        args=lambda w: [w.plan_item.pk],
        expect=page(**EDITS),
    ),
    Row(
        "POST",
        "trajectory:item_delete",
        args=lambda w: [w.plan_item.pk],
        data=_plan_version,
        expect=page(**_as(EDITS, 302)),
    ),
    Row(
        "GET",
        "trajectory:evidence_download",
        args=lambda w: [w.evidence.pk],
        expect=page(**PRIVATE),
    ),
    Row(
        "POST",
        "trajectory:evidence_delete",
        args=lambda w: [w.evidence.pk],
        expect=page(**{**_as(PRIVATE, 403), "aso": 302, "programme_admin": 302}),
    ),
    Row(
        "GET",
        "trajectory:interruption_edit",
        args=lambda w: [w.interruption.pk],
        expect=page(**{**_as(PRIVATE, 403), "aso": 200, "programme_admin": 200}),
    ),
    Row(
        "POST",
        "trajectory:interruption_delete",
        args=lambda w: [w.interruption.pk],
        data=lambda w: {"version": w.interruption.version},
        expect=page(**{**_as(PRIVATE, 403), "aso": 302, "programme_admin": 302}),
    ),
    Row("GET", "trajectory:help", expect=page(200)),
    Row("GET", "trajectory:contact_list", expect=page(403, programme_admin=200)),
    Row("GET", "trajectory:contact_create", expect=page(403, programme_admin=200)),
    Row(
        "GET",
        "trajectory:contact_edit",
        args=lambda w: [w.contact.pk],
        expect=page(403, programme_admin=200),
    ),
    Row(
        "POST",
        "trajectory:contact_delete",
        args=lambda w: [w.contact.pk],
        expect=page(403, programme_admin=302),
    ),
    Row(
        "POST",
        "trajectory:stageboekje_generate",
        args=T,
        data=lambda w: {"year": 1 if w.boekje.year != 1 else 2},
        expect=page(**{**_as(SEES, 403), "aso": 302}),
    ),
    Row("GET", "trajectory:final_dossier", args=T, expect=page(**PRIVATE)),
    Row("GET", "trajectory:stageboekje", args=B, expect=page(**BOEKJE)),
    Row("GET", "trajectory:stageboekje_pdf", args=B, expect=page(**BOEKJE)),
    Row("GET", "trajectory:stageboekje_json", args=B, expect=page(**BOEKJE)),
    Row(
        "POST",
        "trajectory:stageboekje_evaluate",
        args=B,
        data=lambda w: {"evaluation": "Goed"},
        expect=page(**_as(BOEKJE, 403)),
        description="(already submitted)",
    ),
    Row(
        "POST",
        "trajectory:stageboekje_submit",
        args=B,
        expect=page(**{**_as(BOEKJE, 403), "aso": 302}),
        description="(already submitted: refused with a message)",
    ),
    Row(
        "POST",
        "trajectory:stageboekje_decide",
        args=B,
        data=lambda w: {"approved": "1"},
        expect=page(**{**_as(BOEKJE, 403), "titularis": 302}),
    ),
    # API ------------------------------------------------------------------------------------
    Row(
        "POST",
        "api:end_date_compute",
        data=lambda w: {"start": "2025-10-01", "nominal_months": 60},
        expect=api(200),
    ),
    Row("GET", "api:where_to_go", expect=api(200)),
    Row("GET", "api:trajectory_mine", expect=api(404, aso=200, other_aso=200, aios=404)),
    Row("POST", "api:trajectory_open", expect=api(403, aso=201, other_aso=201, aios=403)),
    Row("GET", "api:trajectory_overview", expect=api(403, **AUTHORITY)),
    Row("GET", "api:trajectory_detail", args=T, expect=api(**SEES)),
    Row("GET", "api:trajectory_end_date", args=T, expect=api(**PRIVATE)),
    Row(
        "POST",
        "api:trajectory_change",
        args=T,
        data=lambda w: {"reason": "Langer onderzoek"},
        expect=api(**_as(EDITS, 400)),
        description="(the plan is not decided yet)",
    ),
    Row("GET", "api:interruption_list", args=T, expect=api(**PRIVATE)),
    Row(
        "POST",
        "api:interruption_create",
        args=T,
        data=lambda w: {
            "kind": "sick",
            "start": str(w.trainee.training_start + datetime.timedelta(days=40)),
            "end": str(w.trainee.training_start + datetime.timedelta(days=45)),
        },
        expect=api(**{**_as(PRIVATE, 403), "aso": 201, "programme_admin": 201}),
    ),
    Row(
        "DELETE",
        "api:interruption_delete",
        args=lambda w: [w.interruption.pk],
        data=lambda w: {"version": w.interruption.version},
        expect=api(**{**_as(PRIVATE, 403), "aso": 204, "programme_admin": 204}),
    ),
    Row("GET", "api:evidence_list", args=T, expect=api(**PRIVATE)),
    Row(
        "POST",
        "api:evidence_upload",
        args=T,
        expect=api(422),
        description="(no file: refused before any lookup)",
    ),
    Row("GET", "api:plan_detail", args=P, expect=api(**SEES)),
    Row("GET", "api:plan_diff", args=P, expect=api(**SEES)),
    Row(
        "POST",
        "api:item_create",
        args=P,
        data=lambda w: {
            "kind": "research",
            "start": str(w.stage.end + datetime.timedelta(days=1)),
            "end": str(w.stage.end + datetime.timedelta(days=30)),
            "justification": "Onderzoek",
        },
        expect=api(**_as(EDITS, 201)),
    ),
    Row(
        "DELETE",
        "api:item_delete",
        args=lambda w: [w.plan_item.pk],
        data=_plan_version,
        expect=api(**_as(EDITS, 204)),
    ),
    Row(
        "POST",
        "api:plan_sign",
        args=P,
        data=lambda w: {"capacity": "aso"},
        expect=api(**{**_as(SEES, 403), "aso": 200}),
    ),
    Row(
        "POST",
        "api:plan_submit",
        args=P,
        data=lambda w: {"version": w.plan.version},
        expect=api(**{**_as(SEES, 403), "aso": 400}),
        description="(incomplete: refused with the reasons)",
    ),
    Row(
        "POST",
        "api:stageboekje_generate",
        args=T,
        data=lambda w: {"year": 1 if w.boekje.year != 1 else 2},
        expect=api(**{**_as(SEES, 403), "aso": 201}),
    ),
    Row("GET", "api:stageboekje_detail", args=B, expect=api(**BOEKJE)),
    Row(
        "POST",
        "api:stageboekje_evaluate",
        args=B,
        data=lambda w: {"evaluation": "Goed"},
        expect=api(**_as(BOEKJE, 403)),
    ),
    Row(
        "POST",
        "api:stageboekje_submit",
        args=B,
        expect=api(**{**_as(BOEKJE, 403), "aso": 400}),
    ),
    Row(
        "POST",
        "api:stageboekje_decide",
        args=B,
        data=lambda w: {"approved": True},
        expect=api(**{**_as(BOEKJE, 403), "titularis": 200}),
    ),
    Row("GET", "api:final_dossier", args=T, expect=api(**PRIVATE)),
    Row(
        "POST",
        "api:plan_step",
        args=OP,
        data=lambda w: {"kind": "supplement", "note": "Diploma ontbreekt"},
        expect=api(**{**OTHER_RELATED, "ministry": 200, **UNRELATED_NL}),
    ),
]
