"""Permission rows for the organisation pages and API."""

from traject.testing.permission_table import Row, expect

STAFF_VIEW = {"programme_admin": 200, "ministry": 200, "coordinator": 200}
# Who may see the persona ASO (and their stage): themself, their stagemeester, the coordinator
# of the hospital of their stage, their mentor, and the programme administrator.
SEES_ASO = {
    "aso": 200,
    "stagemeester": 200,
    "coordinator": 200,
    "mentor": 200,
    "programme_admin": 200,
}
ASO_HIDDEN = {"other_aso": 404, "other_stagemeester": 404, "titularis": 404, "ministry": 404}


def _stage_payload(w):
    return {
        "trainee_id": w.other_trainee.pk,
        "service_id": w.service.pk,
        "stagemeester_id": w.users["stagemeester"].pk,
        "start": str(w.stage.start),
        "end": str(w.stage.end),
    }


def _crud_rows(key, obj, can_view, can_edit, deletable=True):
    view = dict.fromkeys(can_view, 200)
    edit = dict.fromkeys(can_edit, 200)
    rows = [
        Row("GET", f"organisation:{key}_list", expect=expect(403, anonymous=302, **view)),
        Row("GET", f"organisation:{key}_create", expect=expect(403, anonymous=302, **edit)),
        Row(
            "GET",
            f"organisation:{key}_edit",
            args=lambda w: [getattr(w, obj).pk],
            expect=expect(403, anonymous=302, **view),
        ),
    ]
    if deletable:
        rows.append(
            Row(
                "POST",
                f"organisation:{key}_delete",
                args=lambda w: [getattr(w, obj).pk],
                expect=expect(403, anonymous=302, **dict.fromkeys(can_edit, 302)),
            )
        )
    return rows


VIEWERS = ["programme_admin", "ministry", "coordinator"]

ROWS = [
    Row("GET", "organisation:index", expect=expect(403, anonymous=302, **STAFF_VIEW)),
    Row(
        "GET",
        "organisation:trainee_list",
        expect=expect(200, titularis=403, ministry=403, anonymous=302),
    ),
    Row(
        "GET", "organisation:trainee_create", expect=expect(403, programme_admin=200, anonymous=302)
    ),
    Row(
        "GET",
        "organisation:trainee_detail",
        args=lambda w: [w.trainee.pk],
        expect=expect(403, anonymous=302, **SEES_ASO, **ASO_HIDDEN),
    ),
    Row(
        "GET",
        "organisation:trainee_edit",
        args=lambda w: [w.trainee.pk],
        expect=expect(403, anonymous=302, programme_admin=200, **ASO_HIDDEN),
    ),
    Row(
        "GET",
        "organisation:stage_list",
        expect=expect(200, titularis=403, ministry=403, anonymous=302),
    ),
    Row("GET", "organisation:stage_create", expect=expect(403, programme_admin=200, anonymous=302)),
    Row(
        "GET",
        "organisation:stage_edit",
        args=lambda w: [w.stage.pk],
        expect=expect(403, anonymous=302, programme_admin=200, **ASO_HIDDEN),
    ),
    Row(
        "POST",
        "organisation:stage_delete",
        args=lambda w: [w.stage.pk],
        expect=expect(403, anonymous=302, programme_admin=302, **ASO_HIDDEN),
    ),
    Row(
        "GET",
        "organisation:service_detail",
        args=lambda w: [w.service.pk],
        expect=expect(403, anonymous=302, **STAFF_VIEW),
    ),
    *_crud_rows("university", "other_university", VIEWERS, ["programme_admin"]),
    *_crud_rows("hospital", "hospital", VIEWERS, ["programme_admin"]),
    *_crud_rows("specialty", "specialty", VIEWERS, ["programme_admin"], deletable=False),
    *_crud_rows("service", "service", VIEWERS, ["programme_admin"]),
    *_crud_rows("coordinator", "coordinator", VIEWERS, ["programme_admin"]),
    *_crud_rows("service_recognition", "service_recognition", VIEWERS, ["ministry"]),
    *_crud_rows("trainer_recognition", "other_trainer_recognition", VIEWERS, ["ministry"]),
    # API
    Row("GET", "api:list_universities", expect=expect(403, anonymous=401, **STAFF_VIEW)),
    Row("GET", "api:list_hospitals", expect=expect(403, anonymous=401, **STAFF_VIEW)),
    Row("GET", "api:list_specialties", expect=expect(200, anonymous=401)),
    Row("GET", "api:list_regions", expect=expect(200, anonymous=401)),
    Row("GET", "api:list_services", expect=expect(403, anonymous=401, **STAFF_VIEW)),
    Row("GET", "api:list_trainer_recognitions", expect=expect(403, anonymous=401, **STAFF_VIEW)),
    Row("GET", "api:list_trainees", expect=expect(200, anonymous=401)),
    Row(
        "GET",
        "api:get_trainee",
        args=lambda w: [w.trainee.pk],
        expect=expect(403, anonymous=401, **SEES_ASO, **ASO_HIDDEN),
    ),
    Row("GET", "api:list_stages", expect=expect(200, anonymous=401)),
    Row(
        "GET",
        "api:get_stage",
        args=lambda w: [w.stage.pk],
        expect=expect(403, anonymous=401, **SEES_ASO, **ASO_HIDDEN),
    ),
    Row(
        "POST",
        "api:create_stage",
        data=_stage_payload,
        expect=expect(403, programme_admin=201, anonymous=401),
    ),
    Row(
        "PATCH",
        "api:update_stage",
        args=lambda w: [w.stage.pk],
        data=lambda w: {"version": w.stage.version, "end": str(w.stage.end)},
        expect=expect(403, anonymous=401, programme_admin=200, **ASO_HIDDEN),
    ),
    Row(
        "DELETE",
        "api:delete_stage",
        args=lambda w: [w.stage.pk],
        data=lambda w: {"version": w.stage.version},
        expect=expect(403, anonymous=401, programme_admin=204, **ASO_HIDDEN),
    ),
]


def extend_world(world):
    from traject.organisation.models import ServiceRecognition

    world.add(service_recognition=ServiceRecognition.objects.filter(service=world.service).first())
