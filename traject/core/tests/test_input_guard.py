"""NUL characters and oversized texts are refused once, centrally: 400, never a 500."""

import json

import pytest
from django.urls import reverse

from traject.quality.tests.helpers import all_scores, open_campaign

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_page_search_is_a_400_in_the_users_language(client, world):
    client.force_login(world.users["programme_admin"])
    response = client.get(
        reverse("organisation:trainee_list"), {"q": "ab\x00c"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 400
    assert "NUL" in response.content.decode() and "Rien n" in response.content.decode()


def test_a_nul_in_an_api_query_or_body_is_a_json_400(client, world):
    client.force_login(world.users["aso"])
    response = client.get("/api/v1/worktime/entries", {"start": "2026-01-01\x00"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    campaign = open_campaign(world)
    response = client.post(
        f"/api/v1/quality/surveys/{campaign.pk}/response",
        data=json.dumps({"scores": all_scores(), "free_text": "goed\u0000"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "free_text" in response.json()["detail"]


def test_a_nul_in_a_form_field_or_a_cookie_is_refused(client, world):
    client.force_login(world.users["aso"])
    response = client.post(reverse("accounts:profile"), {"first_name": "A\x00", "last_name": "B"})
    assert response.status_code == 400
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/").status_code == 400


def test_a_megabyte_of_text_is_refused_with_the_field_name(client, world):
    client.force_login(world.users["aso"])
    campaign = open_campaign(world)
    response = client.post(
        f"/api/v1/quality/surveys/{campaign.pk}/response",
        data=json.dumps({"scores": all_scores(), "free_text": "x" * 1_000_000}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "free_text" in response.json()["detail"]


def test_ordinary_input_passes(client, world):
    client.force_login(world.users["programme_admin"])
    assert client.get(reverse("organisation:trainee_list"), {"q": "Ω émoji 🙂"}).status_code == 200
