"""API error messages speak the caller's language, like the pages (issue #10, the API contract).

A signed-in caller's language is the one on their account (as on the pages), so each test sets it.
"""

import json

import pytest

pytestmark = pytest.mark.django_db


def _speaks(user, language):
    user.language = language
    user.save(update_fields=["language"])
    return user


def _detail(response):
    assert 400 <= response.status_code < 500, response.content
    return json.dumps(response.json()["detail"], ensure_ascii=False)


@pytest.mark.parametrize(
    "language,expected",
    [
        ("fr", "La date de fin précède la date de début."),
        ("nl", "De einddatum ligt vóór de begindatum."),
        ("en", "The end date lies before the start date."),
    ],
)
def test_a_business_rule_refusal_is_translated(client, world, language, expected):
    client.force_login(_speaks(world.users["aso"], language))
    response = client.get(
        "/api/v1/worktime/entries?start=2026-03-10&end=2026-03-01",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert expected in _detail(response)


@pytest.mark.parametrize(
    "language,expected",
    [("fr", "Identifiant inconnu."), ("nl", "Onbekend id.")],
)
def test_an_unknown_id_is_translated(client, world, language, expected):
    client.force_login(_speaks(world.users["programme_admin"], language))
    response = client.post(
        "/api/v1/organisation/stages",
        data=json.dumps(
            {
                "trainee_id": world.trainee.pk,
                "service_id": 10**9,
                "stagemeester_id": world.users["stagemeester"].pk,
                "start": "2030-01-01",
                "end": "2030-06-30",
            }
        ),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert expected in _detail(response)


def test_a_missing_version_is_translated(client, world):
    client.force_login(world.users["programme_admin"])
    url = f"/api/v1/organisation/stages/{world.stage.pk}"
    details = {}
    for language in ("en", "nl", "fr"):
        client.force_login(_speaks(world.users["programme_admin"], language))
        response = client.delete(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 428
        details[language] = _detail(response)
    assert "version you saw" in details["en"]
    assert "versie" in details["nl"] and "u " in details["nl"]
    assert "version" in details["fr"] and details["fr"] != details["en"]
