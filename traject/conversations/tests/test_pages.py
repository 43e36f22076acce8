"""The pages from the outside: plan, report, react; errors in the user's language; attacks."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from traject.conversations.models import IntensifiedTrack, Kind, Talk
from traject.organisation.models import Stage, Trainee
from traject.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _planned(world, days=-1, kind=Kind.PROGRESS):
    return Talk.objects.create(
        trainee=world.aios_trainee,
        stage=world.nl_stage,
        kind=kind,
        training_year=1,
        planned_on=TODAY + datetime.timedelta(days=days),
        held_by=world.users["opleider"],
        created_by=world.users["opleider"],
    )


def test_the_opleider_plans_reports_and_the_aios_reacts(client, world):
    client.force_login(world.users["opleider"])
    response = client.post(
        f"/conversations/aios/{world.aios_trainee.pk}/talks/new/",
        {
            "kind": "progress",
            "planned_on": str(TODAY),
            "held_by": world.users["opleider"].pk,
            "place": "Kamer 1",
        },
    )
    talk = Talk.objects.get(trainee=world.aios_trainee)
    assert response.status_code == 302 and response.url == f"/conversations/talks/{talk.pk}/"
    response = client.post(
        f"/conversations/talks/{talk.pk}/report/",
        {
            "held_on": str(TODAY),
            "report": "Voortgang besproken.",
            "actions": "Meer KPB's\nEcho-cursus",
            "expected_version": talk.version,
        },
    )
    assert response.status_code == 302
    assert talk.actions.count() == 2
    client.force_login(world.users["aios"])
    dashboard = client.get("/").content.decode()
    assert f"/conversations/talks/{talk.pk}/acknowledge/" in dashboard
    response = client.post(
        f"/conversations/talks/{talk.pk}/acknowledge/", {"reaction": "Herkenbaar."}
    )
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.acknowledged_at is not None and talk.reaction == "Herkenbaar."


def test_form_errors_are_in_the_users_language_and_nothing_is_lost(client, world):
    talk = _planned(world, kind=Kind.SUITABILITY)
    client.force_login(world.users["opleider"])
    response = client.post(
        f"/conversations/talks/{talk.pk}/report/",
        {"held_on": str(TODAY), "report": "Mijn lange verslag", "outcome": "doubt"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mijn lange verslag" in body
    assert not IntensifiedTrack.objects.exists()
    talk.refresh_from_db()
    assert talk.held_on is None


def test_a_nul_byte_and_a_megabyte_are_refused_cleanly(client, world):
    talk = _planned(world)
    client.force_login(world.users["opleider"])
    for text in ("verslag\x00", "x" * 1_000_000):
        response = client.post(
            f"/conversations/talks/{talk.pk}/report/",
            {"held_on": str(TODAY), "report": text, "expected_version": talk.version},
        )
        # Refused centrally as bad input (core.input_guard): a 400, nothing stored.
        assert response.status_code == 400
    talk.refresh_from_db()
    assert talk.report == ""
    api = client.post(
        f"/api/v1/conversations/talks/{talk.pk}/report",
        data={"held_on": str(TODAY), "report": "x" * 1_000_000},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json()["code"] == "invalid"


def test_another_aios_id_in_the_url_is_not_found(client, world):
    other = f.TraineeFactory(specialty=world.nl_specialty, university=world.nl_university)
    talk = Talk.objects.create(
        trainee=other,
        kind=Kind.PROGRESS,
        training_year=1,
        planned_on=TODAY,
        held_by=world.users["opleider"],
        created_by=world.users["opleider"],
    )
    client.force_login(world.users["aios"])
    assert client.get(f"/conversations/aios/{other.pk}/").status_code == 404
    assert client.get(f"/conversations/talks/{talk.pk}/").status_code == 404
    assert client.get("/conversations/aios/99999999999999999999/").status_code == 404


def test_the_overview_takes_the_same_number_of_queries_for_3_or_30_aios(client, world):
    client.force_login(world.users["opleider"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/conversations/?sort=overdue")
        assert response.status_code == 200
        return len(queries)

    def add(n):
        for _ in range(n):
            trainee = f.TraineeFactory(
                specialty=world.nl_specialty,
                university=world.nl_university,
                training_start=TODAY - datetime.timedelta(days=500),
            )
            Stage.objects.create(
                trainee=trainee,
                service=world.nl_service,
                stagemeester=world.users["opleider"],
                start=TODAY - datetime.timedelta(days=30),
                end=TODAY + datetime.timedelta(days=30),
            )
            Talk.objects.create(
                trainee=trainee,
                kind=Kind.PROGRESS,
                training_year=1,
                planned_on=TODAY,
                held_on=TODAY,
                held_by=world.users["opleider"],
                created_by=world.users["opleider"],
            )

    add(2)
    small = count()
    add(27)
    assert Trainee.objects.filter(stages__stagemeester=world.users["opleider"]).count() == 30
    assert count() == small


def test_sorting_by_name_and_an_unknown_sort_falls_back(client, world):
    client.force_login(world.users["opleider"])
    assert client.get("/conversations/?sort=name").status_code == 200
    assert client.get("/conversations/?sort=unknown").status_code == 200
    assert client.get("/conversations/?sort=%00drop").status_code == 400  # the input guard


def test_the_api_refuses_a_thirteenth_month_with_a_clear_message(client, world):
    client.force_login(world.users["opleider"])
    url = f"/api/v1/conversations/trainees/{world.aios_trainee.pk}/duration"
    ok = client.post(
        url,
        data={"kind": "extension", "months": 12, "reason": "Na traject"},
        content_type="application/json",
    )
    assert ok.status_code == 201
    refused = client.post(
        url,
        data={"kind": "extension", "months": 1, "reason": "Meer"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    # In the opleider's language (Dutch): the limit and the total it would reach.
    assert "hoogstens 12 maanden" in refused.json()["detail"]["months"][0]
    assert "13 maanden" in refused.json()["detail"]["months"][0]
    assert client.get(url).json()["expected_end"] > str(TODAY)


def test_the_openapi_schema_lists_the_conversation_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/conversations/trainees/{trainee_id}/cycle" in paths
    assert "/api/v1/conversations/transfers/{transfer_id}/hand-over" in paths
