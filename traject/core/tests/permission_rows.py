from traject.testing.permission_table import Row, expect

PICKER_SCOPES = [
    ("stage_trainee", "trainee"),
    ("stagemeester", "stagemeester"),
    ("mentor", "mentor"),
    ("mentor_group_trainee", "trainee"),
    ("course_titularis", "titularis"),
]
PICKED = [
    lambda w: w.trainee.pk,
    lambda w: w.users["stagemeester"].pk,
    lambda w: w.users["mentor"].pk,
    lambda w: w.picker_free_trainee.pk,
    lambda w: w.users["titularis"].pk,
]


def extend_world(world):
    from traject.testing import factories as f

    world.add(
        picker_free_trainee=f.TraineeFactory(university=world.university, specialty=world.specialty)
    )


ROWS = [
    Row("GET", "core:dashboard", expect=expect(200, anonymous=302)),
    Row("GET", "core:healthz", expect=expect(200)),
    # People pickers: each scope's named rule (core.permissions.people_pickable_by); only the
    # programme administrator may search the stage, mentor group and course pickers.
    *[
        Row(
            "GET",
            "core:people_search",
            data=lambda w, scope=scope, field=field: {
                "scope": scope,
                "field": field,
                f"{field}__q": "persona",
            },
            expect=expect(403, programme_admin=200, anonymous=302),
            description=f"({scope})",
        )
        for scope, field in PICKER_SCOPES
    ],
    *[
        Row(
            "GET",
            "core:people_pick",
            data=lambda w, scope=scope, field=field, pick=pick: {
                "scope": scope,
                "field": field,
                "pk": pick(w),
            },
            expect=expect(403, programme_admin=200, anonymous=302),
            description=f"({scope})",
        )
        for (scope, field), pick in zip(PICKER_SCOPES, PICKED, strict=True)
    ],
    Row(
        "GET",
        "core:people_search",
        data=lambda w: {"scope": "no_such_scope", "field": "x", "x__q": "persona"},
        expect=expect(404, anonymous=302),
        description="(an unknown scope)",
    ),
    Row("GET", "api:openapi-json", expect=expect(200)),
    Row("GET", "api:openapi-view", expect=expect(200)),
    # django-ninja's root only anchors the operation paths; it answers 404 for everyone.
    Row("GET", "api:api-root", expect=expect(404)),
]
