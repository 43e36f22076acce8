"""The API of a person's e-mail addresses: list, add (a link is mailed), verify with the
mailed key, make primary, remove; one's own addresses only, errors as JSON."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from traject.accounts.services import api_token_create
from traject.audit.models import AuditEvent
from traject.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/accounts/emails"


def _auth(user):
    _token, key = api_token_create(user=user, name="addresses")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, url, body, headers):
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def _key_from_mail() -> str:
    link = re.search(r"/auth/confirm-email/(\S+)/", mail.outbox[-1].body)
    return link.group(1)


def test_a_person_adds_verifies_makes_primary_and_removes_an_address(client):
    user = UserFactory(email="an@ugent.example")
    headers = _auth(user)
    listed = client.get(URL, **headers).json()
    assert [(a["email"], a["verified"], a["primary"]) for a in listed] == [
        ("an@ugent.example", True, True)
    ]

    added = _post(client, URL, {"email": "An.Peeters@uzgent.example"}, headers)
    assert added.status_code == 201, added.content
    body = added.json()
    assert body["verified"] is False and body["primary"] is False
    assert mail.outbox and mail.outbox[-1].to == [body["email"]]
    address_id = body["id"]

    # unverified: it may not become primary, and no login with it yet
    refused = client.post(f"{URL}/{address_id}/primary", **headers)
    assert refused.status_code == 400 and refused.json()["code"] == "invalid"

    resent = client.post(f"{URL}/{address_id}/send-verification", **headers)
    assert resent.status_code == 202 and len(mail.outbox) == 2
    verified = _post(client, f"{URL}/verify", {"key": _key_from_mail()}, headers)
    assert verified.status_code == 200, verified.content
    assert verified.json()["verified"] is True
    client.post(
        reverse("accounts:login"), {"login": "an.peeters@uzgent.example", "password": PASSWORD}
    )
    assert client.get("/").wsgi_request.user == user  # login by the newly verified address
    client.logout()

    primary = client.post(f"{URL}/{address_id}/primary", **headers)
    assert primary.status_code == 200 and primary.json()["primary"] is True
    user.refresh_from_db()
    assert user.email.lower() == "an.peeters@uzgent.example"
    old = EmailAddress.objects.get(user=user, email="an@ugent.example")
    assert not old.primary

    # the primary address stays; the other one goes
    assert client.delete(f"{URL}/{address_id}", **headers).status_code == 400
    assert client.delete(f"{URL}/{old.pk}", **headers).status_code == 204
    assert [a["email"] for a in client.get(URL, **headers).json()] == [user.email]
    summaries = set(
        AuditEvent.objects.filter(actor=user, subject=user).values_list("summary", flat=True)
    )
    assert {
        "e-mail address added",
        "e-mail address verified",
        "primary e-mail address changed",
        "e-mail address removed",
    } <= summaries


def test_someone_elses_address_or_key_is_refused(client):
    owner = UserFactory(email="owner@ugent.example")
    other = UserFactory(email="other@ugent.example")
    owner_headers, other_headers = _auth(owner), _auth(other)
    added = _post(client, URL, {"email": "second@ugent.example"}, owner_headers).json()
    key = _key_from_mail()
    for method, url in [
        ("post", f"{URL}/{added['id']}/primary"),
        ("post", f"{URL}/{added['id']}/send-verification"),
        ("delete", f"{URL}/{added['id']}"),
    ]:
        response = getattr(client, method)(url, **other_headers)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    stolen = _post(client, f"{URL}/verify", {"key": key}, other_headers)
    assert stolen.status_code == 400
    assert not EmailAddress.objects.get(pk=added["id"]).verified
    for bad in ["", "x" * 400, "a\u202eb", "=cmd|' /C calc'!A0"]:
        response = _post(client, f"{URL}/verify", {"key": bad}, other_headers)
        assert response.status_code == 400
    # another account's address: accepted unverified (allauth says nothing of who has it), and
    # even the mailed key cannot verify it while the other account has it verified
    taken = _post(client, URL, {"email": "owner@ugent.example"}, other_headers)
    assert taken.status_code == 201 and taken.json()["verified"] is False
    assert mail.outbox[-1].to == ["owner@ugent.example"]
    refused = _post(client, f"{URL}/verify", {"key": _key_from_mail()}, other_headers)
    assert refused.status_code == 400
    assert not EmailAddress.objects.get(pk=taken.json()["id"]).verified
    assert EmailAddress.objects.get(email="owner@ugent.example", verified=True).user == owner
    assert _post(client, URL, {"email": "not an address"}, other_headers).status_code == 400
    assert _post(client, URL, {"email": "x" * 300}, other_headers).status_code in (400, 422)
    assert client.get(URL).status_code == 401


def test_the_email_endpoints_are_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/accounts/emails"])
    assert "post" in paths["/api/v1/accounts/emails/verify"]
    assert "delete" in paths["/api/v1/accounts/emails/{email_id}"]
    assert "post" in paths["/api/v1/accounts/emails/{email_id}/primary"]
