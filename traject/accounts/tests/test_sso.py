"""Single sign-on end to end against a real OpenID Connect provider on loopback."""

import base64
import json

import pytest
import requests
from django.urls import reverse

from traject.accounts.identity_settings import socialaccount_providers
from traject.accounts.models import User
from traject.audit.models import AuditEvent
from traject.testing.factories import ProgrammeAdministratorFactory, UniversityFactory, UserFactory

from .oidc import provider_entry, running_provider, set_person, sso_login

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider():
    with running_provider() as base_url:
        yield base_url


@pytest.fixture
def sso(settings, provider):
    UniversityFactory(code="ugent", name="Universiteit Gent")
    settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers(
        [
            provider_entry(provider),
            provider_entry(
                provider,
                provider_id="uzgent-sso",
                name="UZ Gent SSO",
                provision=True,
                contact="ict@uzgent.example",
            ),
        ]
    )
    return provider


def test_discovery_the_login_page_offers_every_configured_provider(client, sso):
    discovery = requests.get(f"{sso}/.well-known/openid-configuration", timeout=10).json()
    assert discovery["authorization_endpoint"].startswith(sso)
    page = client.get(reverse("accounts:login")).content.decode()
    assert "UGent SSO" in page and "UZ Gent SSO" in page
    assert 'name="login"' in page  # password login stays


def test_a_known_person_logs_in_by_verified_address_and_logs_out(client, sso):
    user = UserFactory(email="lotte@ugent.example")
    set_person(sso, "lotte-1", email="Lotte@UGent.example", email_verified=True)
    response = sso_login(client, sso, "lotte-1")
    assert response.status_code == 302 and response["Location"] == "/"
    dashboard = client.get("/")
    assert dashboard.status_code == 200 and dashboard.wsgi_request.user == user
    assert user.socialaccount_set.get().uid == "lotte-1"
    # A second login finds the linked account by its subject.
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302
    assert sso_login(client, sso, "lotte-1")["Location"] == "/"
    assert User.objects.count() == 1
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_an_unknown_person_is_refused_with_who_to_ask(client, sso):
    set_person(sso, "stranger", email="stranger@ugent.example", email_verified=True)
    response = sso_login(client, sso, "stranger")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Universiteit Gent" in page and "onderwijs@ugent.example" in page
    assert not User.objects.filter(email="stranger@ugent.example").exists()
    assert "_auth_user_id" not in client.session


def test_an_unverified_address_at_the_provider_does_not_match_an_account(client, sso):
    UserFactory(email="jan@ugent.example")
    set_person(sso, "jan", email="jan@ugent.example", email_verified=False)
    response = sso_login(client, sso, "jan")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_provisioning_provider_creates_the_account_and_audits_it(client, sso):
    set_person(
        sso,
        "new-aso",
        email="nieuw@uzgent.example",
        email_verified=True,
        given_name="Nina",
        family_name="Nieuw",
    )
    response = sso_login(client, sso, "new-aso", provider_id="uzgent-sso")
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@uzgent.example")
    assert (user.first_name, user.last_name) == ("Nina", "Nieuw")
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(
        object_id=str(user.pk), summary__startswith="provisioned"
    ).exists()


def _tamper_audience(id_token: str) -> str:
    header, payload, signature = id_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["aud"] = "another-client"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_a_tampered_id_token_is_refused(client, sso, monkeypatch):
    from allauth.socialaccount.providers.oauth2.client import OAuth2Client

    UserFactory(email="eva@ugent.example")
    set_person(sso, "eva", email="eva@ugent.example", email_verified=True)
    real = OAuth2Client.get_access_token

    def tampered(self, *args, **kwargs):
        token = real(self, *args, **kwargs)
        token["id_token"] = _tamper_audience(token["id_token"])
        return token

    monkeypatch.setattr(OAuth2Client, "get_access_token", tampered)
    response = sso_login(client, sso, "eva")
    assert response.status_code == 401  # allauth's "login failure" page
    assert "_auth_user_id" not in client.session


def test_a_forged_callback_state_is_refused(client, sso):
    UserFactory(email="piet@ugent.example")
    set_person(sso, "piet", email="piet@ugent.example", email_verified=True)
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "ugent-sso"}))
    from .oidc import authorize_at_provider

    callback = authorize_at_provider(start["Location"], "piet")
    forged = callback.replace("state=", "state=x")
    client.get(forged)
    assert "_auth_user_id" not in client.session


def test_an_officer_logging_in_by_sso_is_asked_for_the_second_factor(client, sso):
    admin = ProgrammeAdministratorFactory(user__email="admin@ugent.example")
    set_person(sso, "admin", email="admin@ugent.example", email_verified=True)
    response = sso_login(client, sso, "admin")
    assert response.status_code == 302 and "/auth/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session
    from traject.accounts.testing import current_totp_code

    # A code is accepted once per user id (replay cache); a rolled-back test may reuse the id.
    for offset in (0, 1, -1):
        done = client.post(response["Location"], {"code": current_totp_code(offset=offset)})
        if done.status_code == 302:
            break
    assert done.status_code == 302
    assert client.get("/").wsgi_request.user == admin.user


def test_the_login_page_lets_the_browser_follow_the_sso_redirect(client, sso):
    policy = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    form_action = next(p for p in policy.split(";") if "form-action" in p)
    assert "'self'" in form_action and sso in form_action
    other = client.get(reverse("accounts:password_reset"))["Content-Security-Policy"]
    assert sso not in other
