"""Permission rows for training places and the public showcase.

Places: the ministry sees every place (and records the BOLS advice and the decision); the
programme administrator and the coördinerend stagemeester see the places of their hospitals
(Belgium: recognised capacity). Only an OOR board member or the hospital's coördinerend
stagemeester fills a place (the board member is no persona: see test_access.py).
The showcase: anyone, without logging in, reads published pages; a training group edits its own.
"""

import datetime

from traject.testing.permission_table import Row, expect


def page(default=403, **overrides):
    return expect(default, anonymous=302, **overrides)


VIEWERS = {"ministry": 200, "programme_admin": 200, "coordinator": 200}
GROUP_OF_SERVICE = {"stagemeester": 200, "coordinator": 200}


def extend_world(w):
    from traject.places import services
    from traject.places.models import DistributionPlan, Kind

    ministry = w.users["ministry"]
    place = services.add_places(
        actor=ministry,
        hospital=w.nl_hospital,
        specialty=w.nl_specialty,
        year=datetime.date.today().year,
        kind=Kind.INSTROOM,
        count=1,
    )[0]
    occupation = services.fill_place(
        actor=ministry,
        place=place,
        trainee=w.aios_trainee,
        on=max(w.aios_trainee.training_start, datetime.date.today().replace(month=1, day=1)),
    )
    plan = DistributionPlan.objects.create(specialty=w.nl_specialty, year=2099)
    published = services.save_showcase(
        actor=ministry,
        service=w.service,
        data={"published": True, "introduction": "Welkom"},
        expected_version=None,
    )
    services.save_showcase(
        actor=ministry, service=w.other_service, data={"published": False}, expected_version=None
    )
    w.add(place=place, occupation=occupation, distribution_plan=plan, showcase_page=published)


ROWS = [
    Row("GET", "places:overview", expect=page(**VIEWERS), description="BE overview"),
    Row("GET", "places:overview_csv", expect=page(**VIEWERS)),
    Row("GET", "places:place_list", expect=page(**VIEWERS)),
    Row("GET", "places:place_add", expect=page(coordinator=200)),
    Row(
        "POST",
        "places:place_add",
        expect=page(coordinator=200),
        data=lambda w: {"hospital": "", "year": "x"},
        description="invalid form",
    ),
    Row(
        "GET",
        "places:place_detail",
        args=lambda w: [w.place.pk],
        expect=expect(404, anonymous=302, ministry=200),
    ),
    Row(
        "POST",
        "places:place_detail",
        args=lambda w: [w.place.pk],
        expect=expect(404, anonymous=302, ministry=403),
        data=lambda w: {"trainee": w.aios_trainee.pk, "on": "2026-01-01", "version": 1},
        description="fill",
    ),
    Row(
        "POST",
        "places:occupation_vacate",
        args=lambda w: [w.occupation.pk],
        expect=expect(404, anonymous=302, ministry=403),
        data=lambda w: {"on": datetime.date.today().isoformat()},
    ),
    Row("GET", "places:plan_list", expect=page(ministry=200)),
    Row(
        "POST",
        "places:plan_list",
        expect=page(ministry=200),
        data=lambda w: {"specialty": "", "year": ""},
        description="invalid plan",
    ),
    Row(
        "GET",
        "places:plan_detail",
        args=lambda w: [w.distribution_plan.pk],
        expect=expect(404, anonymous=302, ministry=200),
    ),
    Row(
        "POST",
        "places:plan_detail",
        args=lambda w: [w.distribution_plan.pk],
        expect=expect(404, anonymous=302, ministry=302),
        data=lambda w: {"hospital": w.nl_hospital.pk, "number": 2},
        description="wish",
    ),
    Row(
        "POST",
        "places:plan_advance",
        args=lambda w: [w.distribution_plan.pk],
        expect=expect(404, anonymous=302, ministry=302),
        data=lambda w: {"version": w.distribution_plan.version},
    ),
    Row("GET", "places:showcase", expect=expect(200)),
    Row("GET", "places:showcase_compare", expect=expect(200)),
    Row(
        "GET",
        "places:showcase_group",
        args=lambda w: [w.service.pk],
        expect=expect(200),
        description="published",
    ),
    Row(
        "GET",
        "places:showcase_group",
        args=lambda w: [w.other_service.pk],
        expect=expect(404),
        description="unpublished",
    ),
    Row(
        "GET",
        "places:showcase_photo",
        args=lambda w: [w.service.pk],
        expect=expect(404),
        description="no photo",
    ),
    Row("GET", "places:showcase_mine", expect=expect(200, anonymous=302)),
    Row(
        "GET",
        "places:showcase_edit",
        args=lambda w: [w.service.pk],
        expect=expect(404, anonymous=302, **GROUP_OF_SERVICE),
    ),
    Row(
        "POST",
        "places:showcase_edit",
        args=lambda w: [w.service.pk],
        expect=expect(404, anonymous=302, stagemeester=400, coordinator=400),
        data=lambda w: {"introduction": "Nieuw", "published": "on", "expected_version": 999},
        description="stale version",
    ),
]


def api(default=403, **overrides):
    return expect(default, anonymous=401, **overrides)


ROWS += [
    Row("GET", "api:places_showcase", expect=expect(200)),
    Row("GET", "api:places_showcase_group", args=lambda w: [w.service.pk], expect=expect(200)),
    Row(
        "GET",
        "api:places_showcase_group",
        args=lambda w: [w.other_service.pk],
        expect=expect(404),
        description="unpublished",
    ),
    Row("GET", "api:places_overview", expect=api(**VIEWERS)),
    Row("GET", "api:places_list", expect=api(**VIEWERS)),
    Row(
        "GET",
        "api:places_detail",
        args=lambda w: [w.place.pk],
        expect=api(404, ministry=200),
    ),
    Row(
        "POST",
        "api:places_fill",
        args=lambda w: [w.place.pk],
        expect=api(404, ministry=403),
        data=lambda w: {"trainee_id": w.aios_trainee.pk, "on": "2026-01-01"},
    ),
    Row(
        "POST",
        "api:places_vacate",
        args=lambda w: [w.occupation.pk],
        expect=api(404, ministry=403),
        data=lambda w: {"on": datetime.date.today().isoformat()},
    ),
]
