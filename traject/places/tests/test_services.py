"""Services of training places: the refill rules through the database, plans, showcase."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from traject.audit.models import AuditEvent
from traject.core.concurrency import ConflictError
from traject.organisation.models import Country, Region
from traject.places import rules, services
from traject.places.models import DistributionPlan, Kind, Place, ShowcasePage
from traject.testing import factories as f

D = datetime.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def nl(db):
    region = Region.objects.get(code="oor-utrecht")
    hospital = f.HospitalFactory(
        name="Diakonessenhuis", city="Utrecht", country=Country.NETHERLANDS, region=region
    )
    specialty = f.specialty("nl-interne-geneeskunde")
    admin = f.UserFactory(email="board@example.test")
    return {"region": region, "hospital": hospital, "specialty": specialty, "admin": admin}


def aios(nl, start):
    university = f.UniversityFactory(country="NL")
    return f.TraineeFactory(specialty=nl["specialty"], university=university, training_start=start)


def test_refill_instroom_same_year_and_refuse_doorstroom(nl):
    instroom, doorstroom = (
        services.add_places(
            actor=nl["admin"],
            hospital=nl["hospital"],
            specialty=nl["specialty"],
            year=2026,
            kind=kind,
            count=1,
        )[0]
        for kind in (Kind.INSTROOM, Kind.DOORSTROOM)
    )
    first = aios(nl, D(2026, 1, 1))
    occupation = services.fill_place(
        actor=nl["admin"], place=instroom, trainee=first, on=D(2026, 1, 1)
    )
    services.vacate(actor=nl["admin"], occupation=occupation, on=D(2026, 4, 30), stopped=True)
    newcomer = aios(nl, D(2026, 6, 1))
    services.fill_place(actor=nl["admin"], place=instroom, trainee=newcomer, on=D(2026, 6, 1))
    assert instroom.occupations.count() == 2

    senior = aios(nl, D(2024, 1, 1))
    occ = services.fill_place(actor=nl["admin"], place=doorstroom, trainee=senior, on=D(2026, 1, 1))
    services.vacate(actor=nl["admin"], occupation=occ, on=D(2026, 3, 15), stopped=True)
    other = aios(nl, D(2024, 2, 1))
    with pytest.raises(ValidationError) as refused:
        services.fill_place(actor=nl["admin"], place=doorstroom, trainee=other, on=D(2026, 3, 20))
    assert refused.value.code == rules.RULE_DOORSTROOM
    assert "doorstroom" in refused.value.messages[0] and "2026" in refused.value.messages[0]
    assert AuditEvent.objects.filter(object_type="places.occupation").count() >= 4


def test_refill_next_year_names_last_day_of_year(nl):
    place = services.add_places(
        actor=nl["admin"],
        hospital=nl["hospital"],
        specialty=nl["specialty"],
        year=2026,
        kind=Kind.INSTROOM,
        count=1,
    )[0]
    occ = services.fill_place(
        actor=nl["admin"], place=place, trainee=aios(nl, D(2026, 2, 1)), on=D(2026, 2, 1)
    )
    services.vacate(actor=nl["admin"], occupation=occ, on=D(2026, 11, 1), stopped=True)
    with pytest.raises(ValidationError) as refused:
        services.fill_place(
            actor=nl["admin"], place=place, trainee=aios(nl, D(2027, 1, 4)), on=D(2027, 1, 4)
        )
    assert refused.value.code == rules.RULE_SAME_YEAR
    assert "2026" in refused.value.messages[0]


def test_fill_with_stale_version_conflicts(nl):
    place = services.add_places(
        actor=nl["admin"],
        hospital=nl["hospital"],
        specialty=nl["specialty"],
        year=2026,
        kind=Kind.INSTROOM,
        count=1,
    )[0]
    with pytest.raises(ConflictError):
        services.fill_place(
            actor=nl["admin"],
            place=place,
            trainee=aios(nl, D(2026, 2, 1)),
            on=D(2026, 2, 1),
            expected_version=7,
        )


def test_opleider_change_needs_exception_in_instroom_year(nl):
    place = services.add_places(
        actor=nl["admin"],
        hospital=nl["hospital"],
        specialty=nl["specialty"],
        year=2026,
        kind=Kind.INSTROOM,
        count=1,
    )[0]
    occ = services.fill_place(
        actor=nl["admin"], place=place, trainee=aios(nl, D(2026, 2, 1)), on=D(2026, 2, 1)
    )
    new = f.UserFactory()
    with pytest.raises(ValidationError) as refused:
        services.change_opleider(actor=nl["admin"], occupation=occ, opleider=new, on=D(2026, 6, 1))
    assert refused.value.code == rules.RULE_OPLEIDER
    services.change_opleider(
        actor=nl["admin"],
        occupation=occ,
        opleider=new,
        on=D(2026, 6, 1),
        exception="Vertrek opleider",
    )
    occ.refresh_from_db()
    assert occ.opleider == new and occ.exception == "Vertrek opleider"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXCEPTION).exists()


def test_plan_states_and_decision_creates_instroom_places(nl):
    plan = services.create_plan(actor=nl["admin"], specialty=nl["specialty"], year=2027)
    services.set_line(actor=nl["admin"], plan=plan, hospital=nl["hospital"], number=3)
    services.advance_plan(actor=nl["admin"], plan=plan, expected_version=plan.version)
    assert plan.state == DistributionPlan.State.ADVICE
    services.set_line(actor=nl["admin"], plan=plan, hospital=nl["hospital"], number=2)
    services.advance_plan(
        actor=nl["admin"], plan=plan, expected_version=plan.version, today=D(2026, 12, 1)
    )
    assert plan.state == DistributionPlan.State.DECIDED and plan.decided_on == D(2026, 12, 1)
    places = Place.objects.filter(plan=plan)
    assert places.count() == 2 and set(places.values_list("kind", flat=True)) == {Kind.INSTROOM}
    line = plan.lines.get()
    assert (line.wished, line.advised, line.decided) == (3, 2, 2)
    with pytest.raises(ValidationError):
        services.set_line(actor=nl["admin"], plan=plan, hospital=nl["hospital"], number=5)
    with pytest.raises(ValidationError):
        services.create_plan(actor=nl["admin"], specialty=nl["specialty"], year=2027)
    be = f.specialty("inwendige-geneeskunde")
    with pytest.raises(ValidationError):
        services.create_plan(actor=nl["admin"], specialty=be, year=2027)


def test_showcase_save_photo_and_province(db):
    hospital = f.HospitalFactory(name="AZ Sint-Jan", city="Brugge")
    service = f.TrainingServiceFactory(hospital=hospital, specialty=f.specialty(), name="Interne")
    actor = f.UserFactory()
    page = services.save_showcase(
        actor=actor,
        service=service,
        data={"introduction": " Welkom ", "published": True},
        expected_version=None,
    )
    assert page.province == "west-vlaanderen" and page.introduction == "Welkom"
    with pytest.raises(ValidationError):
        services.save_showcase(
            actor=actor,
            service=service,
            data={},
            photo=SimpleUploadedFile("x.png", PNG),
            expected_version=page.version,
        )
    page = services.save_showcase(
        actor=actor,
        service=service,
        data={"photo_alt": "Het team"},
        photo=SimpleUploadedFile("x.png", PNG),
        expected_version=page.version,
    )
    assert page.photo_type == "image/png"
    with pytest.raises(ValidationError):
        services.save_showcase(
            actor=actor,
            service=service,
            data={},
            photo=SimpleUploadedFile("x.png", b"MZ" + b"\x00" * 30),
            expected_version=page.version,
        )
    with pytest.raises(ConflictError):
        services.save_showcase(actor=actor, service=service, data={}, expected_version=1)
    with pytest.raises(ValidationError):
        services.save_showcase(
            actor=actor,
            service=service,
            data={"introduction": "x" * 6000},
            expected_version=page.version,
        )
    assert ShowcasePage.objects.get().introduction == "Welkom"
