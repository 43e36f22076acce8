"""Training places in a real browser.

An aios (not logged in) finds training places in the public showcase on a phone, filters and
compares three side by side, in Dutch and in French. An OOR board member refills a vacated
instroom place and is refused on a vacated doorstroom place (the refusal names the rule and the
date), on a desktop. Every page is checked with axe-core (the page fixtures), and screenshots are
kept at 390 and 1366 pixels wide in Dutch and French (``TRAJECT_SHOTS``, default test-artifacts).
"""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from traject.places import services
from traject.places.models import Kind, Occupation, RegionBoardMember
from traject.testing import factories as f
from traject.testing.browser import assert_accessible, login
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("TRAJECT_SHOTS", "test-artifacts"))
TODAY = timezone.localdate()


def _shot(page, name):
    assert_accessible(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _set_language(page, language):
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.select_option("#language-select", language)
    assert page.locator("html").get_attribute("lang") == language


def _showcase_world():
    world = build_world()
    for service, text in (
        (world.service, "Inwendige geneeskunde in een universitair ziekenhuis."),
        (world.other_service, "Een brede opleiding in een groot regionaal ziekenhuis."),
        (world.nl_service, "Interne geneeskunde in de regio Utrecht."),
    ):
        services.save_showcase(
            actor=None,
            service=service,
            data={
                "published": True,
                "introduction": text,
                "contact_email": "opleiding@example.org",
            },
            expected_version=None,
        )
    hidden = f.TrainingServiceFactory(
        hospital=world.hospital, specialty=world.specialty, name="Verborgen"
    )
    services.save_showcase(
        actor=None, service=hidden, data={"published": False}, expected_version=None
    )
    return world


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_an_aios_compares_three_places_without_logging_in(phone_page, live_server, language):
    world = _showcase_world()
    page = phone_page
    page.goto(f"{live_server.url}{reverse('places:showcase')}")
    _set_language(page, language)
    assert page.get_by_text("Verborgen").count() == 0
    _shot(page, f"places-showcase-{language}-390")
    # Filter by the OOR, then back to everything.
    page.select_option("select[name=region]", "oor:oor-utrecht")
    page.click("form.filters button[type=submit]")
    expect(page.locator(".cards > article")).to_have_count(1)
    page.goto(f"{live_server.url}{reverse('places:showcase')}?sort=free")
    for service in (world.service, world.other_service, world.nl_service):
        page.check(f"#compare-{service.pk}")
    page.click("#compare-form button[type=submit]")
    page.wait_for_url("**/places/showcase/compare/**")
    assert page.locator("table.compare thead th").count() == 4  # the label column and three places
    _shot(page, f"places-compare-{language}-390")
    page.click(
        f"table.compare a[href='{reverse('places:showcase_group', args=[world.nl_service.pk])}']"
    )
    expect(page.get_by_text("Interne geneeskunde in de regio Utrecht.")).to_be_visible()
    _shot(page, f"places-group-{language}-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(
        f"{live_server.url}{reverse('places:showcase_compare')}?ids={world.service.pk}&ids={world.other_service.pk}&ids={world.nl_service.pk}"
    )
    _shot(page, f"places-compare-{language}-1366")
    page.goto(f"{live_server.url}{reverse('places:showcase')}")
    _shot(page, f"places-showcase-{language}-1366")
    _set_language(page, "nl")


def test_an_administrator_refills_instroom_and_is_refused_on_doorstroom(desktop_page, live_server):
    world = build_world()
    board = f.UserFactory(email="oor-board@example.test", first_name="Ingrid", last_name="Hoekstra")
    RegionBoardMember.objects.create(user=board, region=world.nl_region)
    jan = TODAY.replace(month=1, day=1)
    instroom = services.add_places(
        actor=board,
        hospital=world.nl_hospital,
        specialty=world.nl_specialty,
        year=TODAY.year,
        kind=Kind.INSTROOM,
        count=1,
    )[0]
    doorstroom = services.add_places(
        actor=board,
        hospital=world.nl_hospital,
        specialty=world.nl_specialty,
        year=TODAY.year,
        kind=Kind.DOORSTROOM,
        count=1,
    )[0]
    leaver = f.TraineeFactory(
        specialty=world.nl_specialty, university=world.nl_university, training_start=jan
    )
    senior = f.TraineeFactory(
        specialty=world.nl_specialty,
        university=world.nl_university,
        training_start=jan.replace(year=jan.year - 2),
    )
    for place, trainee in ((instroom, leaver), (doorstroom, senior)):
        occupation = services.fill_place(actor=board, place=place, trainee=trainee, on=jan)
        services.vacate(actor=board, occupation=occupation, on=jan, stopped=True)
    newcomer = f.TraineeFactory(
        specialty=world.nl_specialty,
        university=world.nl_university,
        training_start=TODAY,
        user=f.UserFactory(first_name="Nieuwe", last_name="Instromer"),
    )
    page = desktop_page
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server.url, board.email, PASSWORD)
    for language in ("nl", "fr"):
        _set_language(page, language)
        page.goto(f"{live_server.url}{reverse('places:overview')}?country=NL&by=hospital")
        _shot(page, f"places-overview-{language}-1366")
    _set_language(page, "nl")
    page.goto(f"{live_server.url}{reverse('places:place_detail', args=[instroom.pk])}")
    page.select_option("select[name=trainee]", str(newcomer.pk))
    page.fill("input[name=on]", TODAY.isoformat())
    with page.expect_navigation():  # the form posts back to this page
        page.click("main form:has(select[name=trainee]) button[type=submit]")
    assert Occupation.objects.filter(place=instroom, trainee=newcomer, end__isnull=True).exists()
    _shot(page, "places-refilled-nl-1366")
    page.goto(f"{live_server.url}{reverse('places:place_detail', args=[doorstroom.pk])}")
    page.select_option("select[name=trainee]", str(newcomer.pk))
    page.fill("input[name=on]", TODAY.isoformat())
    page.click("main form:has(select[name=trainee]) button[type=submit]")
    error = page.locator("main .errorlist").first
    assert "doorstroom" in error.inner_text()
    assert str(jan.year) in error.inner_text()
    assert not Occupation.objects.filter(place=doorstroom, trainee=newcomer).exists()
    _shot(page, "places-refused-nl-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "places-refused-nl-390")
    assert datetime.date.today() >= jan


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_a_visitor_finds_the_showcase_from_the_login_page(phone_page, live_server, language):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    _set_language(page, language)
    _shot(page, f"login-{language}-390")
    page.click("main aside a[role=button]")
    page.wait_for_url("**/places/showcase/")
    assert_accessible(page, f"showcase-from-login-{language}")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    _shot(page, f"login-{language}-1366")
    page.click("header .public-links a[href='/places/showcase/']")
    page.wait_for_url("**/places/showcase/")
    assert_accessible(page, f"showcase-from-header-{language}")
    _set_language(page, "nl")
