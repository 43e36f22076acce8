import datetime

from django.urls import reverse

from traject.audit.models import AuditEvent
from traject.organisation.models import Stage, Trainee
from traject.testing import factories as f


def test_stage_form_shows_the_capacity_refusal_in_dutch(client, world):
    for _ in range(2):
        trainee = f.TraineeFactory(university=world.university, specialty=world.specialty)
        f.StageFactory(
            trainee=trainee,
            service=world.service,
            stagemeester=world.users["stagemeester"],
            start=world.stage.start,
            end=world.stage.end,
        )
    newcomer = f.TraineeFactory(university=world.university, specialty=world.specialty)
    client.force_login(world.users["programme_admin"])
    data = {
        "trainee": newcomer.pk,
        "service": world.service.pk,
        "stagemeester": world.users["stagemeester"].pk,
        "start": world.stage.start.isoformat(),
        "end": world.stage.end.isoformat(),
    }
    response = client.post(reverse("organisation:stage_create"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "erkende grens is 3" in content
    assert not Stage.objects.filter(trainee=newcomer).exists()

    data["exception_reason"] = "Tijdelijke overbezetting, goedgekeurd door de decaan"
    response = client.post(reverse("organisation:stage_create"), data)
    assert response.status_code == 302
    assert Stage.objects.get(trainee=newcomer).exception_reason.startswith("Tijdelijke")


def test_programme_admin_registers_an_aso_with_a_new_account(client, world):
    client.force_login(world.users["programme_admin"])
    response = client.post(
        reverse("organisation:trainee_create"),
        {
            "person-email": "Nieuwe.Aso@Example.test",
            "person-first_name": "Nora",
            "person-last_name": "Nieuw",
            "person-language": "nl",
            "trainee-specialty": world.specialty.pk,
            "trainee-university": world.university.pk,
            "trainee-training_start": "2026-10-01",
            "trainee-riziv_number": "1-23456-78-901",
        },
    )
    assert response.status_code == 302
    trainee = Trainee.objects.get(user__email="nieuwe.aso@example.test")
    assert trainee.training_year_on(datetime.date(2027, 9, 30)) == 1
    assert trainee.training_year_on(datetime.date(2027, 10, 1)) == 2


def test_invalid_riziv_number_is_refused_with_a_clear_message(client, world):
    client.force_login(world.users["programme_admin"])
    response = client.post(
        reverse("organisation:trainee_create"),
        {
            "person-email": "x@example.test",
            "person-first_name": "X",
            "person-last_name": "Y",
            "person-language": "nl",
            "trainee-specialty": world.specialty.pk,
            "trainee-university": world.university.pk,
            "trainee-training_start": "2026-10-01",
            "trainee-riziv_number": "12",
        },
    )
    assert response.status_code == 200
    assert "11 cijfers" in response.content.decode()
    assert not Trainee.objects.filter(user__email="x@example.test").exists()


def test_reading_an_aso_profile_is_audited_but_reading_your_own_is_not(client, world):
    url = reverse("organisation:trainee_detail", args=[world.trainee.pk])
    client.force_login(world.users["aso"])
    client.get(url)
    assert not AuditEvent.objects.filter(action="read").exists()
    client.force_login(world.users["stagemeester"])
    client.get(url)
    event = AuditEvent.objects.get(action="read")
    assert event.actor == world.users["stagemeester"] and event.subject == world.users["aso"]


def test_concurrent_edit_of_a_hospital_is_refused_on_the_page(client, world):
    client.force_login(world.users["programme_admin"])
    url = reverse("organisation:hospital_edit", args=[world.hospital.pk])
    data = {
        "name": "UZ Gent",
        "city": "Gent",
        "university": world.university.pk,
        "country": "BE",
        "expected_version": world.hospital.version,
    }
    assert client.post(url, data).status_code == 302
    data["city"] = "Gentbrugge"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "iemand anders" in response.content.decode().lower()


def test_dashboards_show_each_role_its_next_step(client, world):
    expectations = {
        "aso": "Mijn opleiding",
        "stagemeester": "Mijn ASO",
        "coordinator": "Mijn ziekenhuis",
        "programme_admin": "Programmabeheer",
        "ministry": "Erkenningen die binnen zes maanden aflopen",
    }
    for persona, heading in expectations.items():
        client.force_login(world.users[persona])
        response = client.get("/")
        assert heading in response.content.decode(), persona


def test_dashboard_makes_a_constant_number_of_queries(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.users["stagemeester"])
    client.get("/")
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    for _ in range(5):
        trainee = f.TraineeFactory(university=world.university, specialty=world.specialty)
        f.StageFactory(
            trainee=trainee,
            service=world.service,
            stagemeester=world.users["stagemeester"],
            start=world.stage.start,
            end=world.stage.end,
        )
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    # Five more ASO add no query: the count does not grow with the data (and stays bounded).
    assert len(after.captured_queries) <= len(before.captured_queries) <= 60


def test_trainee_search_filters_by_name_for_htmx_and_plain_requests(client, world):
    client.force_login(world.users["programme_admin"])
    url = reverse("organisation:trainee_list")
    plain = client.get(url, {"q": world.users["other_aso"].first_name}).content.decode()
    assert world.users["other_aso"].email not in plain  # e-mail addresses are not listed
    assert "Other_Aso" in plain and ">Aso Persona<" not in plain
    htmx = client.get(url, {"q": "Other_Aso"}, headers={"HX-Request": "true"})
    assert htmx.status_code == 200 and 'id="results"' in htmx.content.decode()


def test_a_stagemeester_has_one_menu_item_for_their_aso_and_reaches_earlier_ones_from_it(
    client, world
):
    import re

    def menu(user):
        client.force_login(user)
        nav = re.search(r"<nav.*?</nav>", client.get("/").content.decode(), re.S).group(0)
        return re.findall(r'href="([^"]+)"', nav)

    stagemeester_menu = menu(world.users["stagemeester"])
    assert "/portfolio/my-aso/" in stagemeester_menu
    assert "/organisation/trainees/" not in stagemeester_menu
    table = client.get("/portfolio/my-aso/").content.decode()
    assert 'href="/organisation/trainees/"' in table
    assert "Al uw ASO zoeken, ook van vroegere stages" in table
    page = client.get("/organisation/trainees/")
    assert page.status_code == 200 and world.trainee.user.last_name in page.content.decode()
    # Whoever sees more people than their own stages' ASO keeps the list in the menu.
    assert "/organisation/trainees/" in menu(world.users["coordinator"])
    assert "/organisation/trainees/" in menu(world.users["mentor"])
