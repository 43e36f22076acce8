"""Overviews, places and plans through HTTP: scope, CSV, chart, refusals, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from traject.organisation.models import Country, Hospital, Region
from traject.places import services
from traject.places.models import DistributionPlan, Kind, Occupation, Place, RegionBoardMember
from traject.testing import factories as f
from traject.testing.world import build_world


@pytest.fixture
def world(db):
    w = build_world()
    board = f.UserFactory(email="board@example.test")
    RegionBoardMember.objects.create(user=board, region=w.nl_region)
    w.add(board=board)
    return w


def nl_trainee(w, start):
    return f.TraineeFactory(
        specialty=w.nl_specialty, university=w.nl_university, training_start=start
    )


def add(w, kind, count=1, hospital=None, year=None):
    return services.add_places(
        actor=w.board,
        hospital=hospital or w.nl_hospital,
        specialty=w.nl_specialty,
        year=year or datetime.date.today().year,
        kind=kind,
        count=count,
    )


def test_board_refills_instroom_and_is_refused_on_doorstroom(client, world):
    today = datetime.date.today()
    jan = today.replace(month=1, day=1)
    instroom = add(world, Kind.INSTROOM)[0]
    doorstroom = add(world, Kind.DOORSTROOM)[0]
    first = nl_trainee(world, jan)
    senior = nl_trainee(world, jan.replace(year=jan.year - 2))
    occ = services.fill_place(actor=world.board, place=instroom, trainee=first, on=jan)
    services.vacate(actor=world.board, occupation=occ, on=jan, stopped=True)
    occ2 = services.fill_place(actor=world.board, place=doorstroom, trainee=senior, on=jan)
    services.vacate(actor=world.board, occupation=occ2, on=jan, stopped=True)
    client.force_login(world.board)
    newcomer = nl_trainee(world, today)
    ok = client.post(
        reverse("places:place_detail", args=[instroom.pk]),
        {
            "trainee": newcomer.pk,
            "on": today.isoformat(),
            "version": Place.objects.get(pk=instroom.pk).version,
        },
    )
    assert ok.status_code == 302
    assert Occupation.objects.filter(place=instroom, trainee=newcomer).exists()
    other = nl_trainee(world, jan.replace(year=jan.year - 1))
    refused = client.post(
        reverse("places:place_detail", args=[doorstroom.pk]),
        {
            "trainee": other.pk,
            "on": today.isoformat(),
            "version": Place.objects.get(pk=doorstroom.pk).version,
        },
    )
    assert refused.status_code == 400
    assert not Occupation.objects.filter(place=doorstroom, trainee=other).exists()
    text = refused.content.decode()
    assert "doorstroom" in text and str(jan.year) in text


def test_board_sees_only_its_region(client, world):
    other_region = Region.objects.exclude(pk=world.nl_region.pk).first()
    far = f.HospitalFactory(
        name="Ver Weg", city="Groningen", country=Country.NETHERLANDS, region=other_region
    )
    far_place = add(world, Kind.INSTROOM, hospital=far)[0]
    client.force_login(world.board)
    assert client.get(reverse("places:place_detail", args=[far_place.pk])).status_code == 404
    response = client.get(reverse("places:overview"), {"country": "NL", "by": "hospital"})
    labels = [r["label"] for r in response.context["overview"]["rows"]]
    assert "Ver Weg" not in labels


def test_ministry_overview_csv_and_chart(client, world):
    add(world, Kind.INSTROOM, count=3)
    add(world, Kind.DOORSTROOM, count=2)
    services.fill_place(
        actor=world.board,
        place=Place.objects.filter(kind=Kind.INSTROOM).first(),
        trainee=nl_trainee(world, datetime.date.today()),
        on=datetime.date.today(),
    )
    client.force_login(world.users["ministry"])
    response = client.get(reverse("places:overview"), {"country": "NL", "by": "region"})
    total = response.context["overview"]["total"]
    assert (total["assigned"], total["occupied"], total["vacant"], total["instroom"]) == (
        5,
        1,
        4,
        3,
    )
    assert b"<svg" in response.content
    csv = client.get(reverse("places:overview_csv"), {"country": "NL", "by": "specialty"})
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Groep,Toegewezen") and lines[-1].startswith("Totaal,5,3,1,4")
    be = client.get(reverse("places:overview"), {"country": "BE", "by": "service"})
    # The world: capacity 3 at each Belgian stagedienst, one ASO on stage in each.
    assert be.context["overview"]["total"]["recognised"] == 6
    assert be.context["overview"]["total"]["occupied"] == 2


def test_coordinator_sees_belgian_capacity_of_own_hospital_only(client, world):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("places:overview"), {"country": "BE", "by": "hospital"})
    assert [r["label"] for r in response.context["overview"]["rows"]] == [str(world.hospital)]


def test_plan_flow_for_ministry(client, world):
    client.force_login(world.users["ministry"])
    response = client.post(
        reverse("places:plan_list"), {"specialty": world.nl_specialty.pk, "year": 2030}
    )
    plan = DistributionPlan.objects.get(year=2030)
    assert response.status_code == 302
    client.post(
        reverse("places:plan_detail", args=[plan.pk]),
        {"hospital": world.nl_hospital.pk, "number": 4},
    )
    client.post(reverse("places:plan_advance", args=[plan.pk]), {"version": 1})
    client.post(reverse("places:plan_advance", args=[plan.pk]), {"version": 1})  # stale: refused
    plan.refresh_from_db()
    assert plan.state == DistributionPlan.State.ADVICE
    client.post(reverse("places:plan_advance", args=[plan.pk]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.state == DistributionPlan.State.DECIDED
    assert Place.objects.filter(plan=plan, kind=Kind.INSTROOM).count() == 4
    # The board may record wishes but not decide.
    client.force_login(world.board)
    other = DistributionPlan.objects.create(specialty=world.nl_specialty, year=2031)
    assert (
        client.post(reverse("places:plan_advance", args=[other.pk]), {"version": 1}).status_code
        == 403
    )


@pytest.mark.parametrize("persona", ["ministry"])
def test_overview_queries_do_not_grow_with_data(client, world, persona):
    client.force_login(world.users[persona])

    def count(params):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("places:overview"), params).status_code == 200
        return len(queries)

    def showcase_count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("places:showcase")).status_code == 200
        return len(queries)

    add(world, Kind.INSTROOM, count=2)
    services.save_showcase(
        actor=None, service=world.service, data={"published": True}, expected_version=None
    )
    before = {c: count({"country": c, "by": "hospital"}) for c in ("NL", "BE")}
    before_showcase = showcase_count()
    region = world.nl_region
    for i in range(6):
        hospital = Hospital.objects.create(
            name=f"Ziekenhuis {i}", city="Utrecht", country="NL", region=region
        )
        add(world, Kind.INSTROOM, count=3, hospital=hospital)
        add(world, Kind.DOORSTROOM, count=2, hospital=hospital)
        be = f.HospitalFactory(name=f"AZ {i}", city="Gent")
        service = f.TrainingServiceFactory(
            hospital=be, specialty=world.specialty, name=f"Dienst {i}"
        )
        f.TrainerRecognitionFactory(service=service, capacity=2)
        services.save_showcase(
            actor=None, service=service, data={"published": True}, expected_version=None
        )
    after = {c: count({"country": c, "by": "hospital"}) for c in ("NL", "BE")}
    assert after == before
    assert showcase_count() == before_showcase


def test_reading_the_occupations_of_a_place_is_audited(client, world):
    from traject.audit.models import AuditEvent

    place = add(world, Kind.INSTROOM)[0]
    services.fill_place(
        actor=world.board, place=place, trainee=world.aios_trainee, on=datetime.date.today()
    )
    client.force_login(world.users["ministry"])
    assert client.get(reverse("places:place_detail", args=[place.pk])).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.READ,
        actor=world.users["ministry"],
        subject=world.aios_trainee.user,
    ).exists()


def test_the_board_members_dashboard_shows_the_regions_places_and_waiting_plans(client, world):
    """An OOR board member's dashboard was empty ('nothing to do yet'): it now counts the
    region's places of the year, flags the vacant ones that may be filled and lists the plans
    waiting for the boards' wishes, each one tap away, in a constant number of queries."""
    today = datetime.date.today()
    add(world, Kind.INSTROOM, count=2)
    doorstroom = add(world, Kind.DOORSTROOM)[0]
    senior = nl_trainee(world, today.replace(year=today.year - 2, month=1, day=1))
    services.fill_place(
        actor=world.board, place=doorstroom, trainee=senior, on=today.replace(month=1, day=1)
    )
    plan = DistributionPlan.objects.create(specialty=world.nl_specialty, year=today.year + 1)
    client.force_login(world.board)
    with CaptureQueriesContext(connection) as few:
        html = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Opleidingsplaatsen van uw regio" in html
    assert f"{today.year}: 3 plaatsen, 1 bezet, 2 vacant." in html
    assert "2 plaatsen kunnen nu worden ingevuld" in html
    assert reverse("places:plan_detail", args=[plan.pk]) in html
    assert f"{reverse('places:place_list')}?country=NL&amp;year={today.year}" in html
    assert "U hebt hier nog niets te doen" not in html
    # The role line named no role ("no role in a training programme yet").
    assert "Uw rollen: Lid van een OOR-bestuur" in html
    add(world, Kind.DOORSTROOM, count=5)
    with CaptureQueriesContext(connection) as more:
        client.get("/")
    assert len(more) == len(few)
    client.force_login(world.users["opleider"])  # not on a board: no such section
    assert "Opleidingsplaatsen van uw regio" not in client.get("/").content.decode()
