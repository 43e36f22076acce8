"""Two-factor requirement per role, several e-mail addresses, notification addresses."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from traject.accounts.services import api_token_create
from traject.accounts.testing import current_totp_code
from traject.testing.factories import (
    PASSWORD,
    MinistryOfficerFactory,
    ProgrammeAdministratorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_an_officer_without_a_second_factor_is_led_to_set_one_up_first(client):
    officer = MinistryOfficerFactory(second_factor=False).user
    client.force_login(officer)
    for path in ["/", "/organisation/", reverse("accounts:profile")]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:second_factor_required")
    page = client.get(reverse("accounts:second_factor_required"))
    assert page.status_code == 200 and reverse("mfa_activate_totp") in page.content.decode()
    # The API on the session says so in JSON; a personal token is not concerned.
    refused = client.get("/api/v1/accounts/me")
    assert refused.status_code == 403 and refused.json()["code"] == "mfa_required"
    _token, key = api_token_create(user=officer, name="script")
    client.logout()
    assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert (
        client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION="Bearer trj_forged").status_code == 401
    )


def test_a_bogus_token_does_not_open_the_api_to_a_session_without_factor(client):
    officer = ProgrammeAdministratorFactory(second_factor=False).user
    client.force_login(officer)
    response = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION="Bearer trj_forged")
    assert response.status_code == 403


def test_the_officer_sets_up_an_authenticator_app_and_then_gets_in(client):
    officer = ProgrammeAdministratorFactory(second_factor=False).user
    client.post(reverse("accounts:login"), {"login": officer.email, "password": PASSWORD})
    assert client.get("/")["Location"] == reverse("accounts:second_factor_required")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 302 and reverse("account_reauthenticate") in page["Location"]
    client.post(page["Location"], {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    code = format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=officer, type="totp").exists()
    stored = Authenticator.objects.get(user=officer, type="totp").data["secret"]
    assert stored.startswith("fernet:") and secret not in stored  # encrypted at rest
    assert client.get("/").status_code == 200


def test_platform_staff_need_a_second_factor_too_but_an_aso_does_not(client, settings):
    settings.TRAJECT_MFA_REQUIRED_ROLES = ["programme_admin", "ministry", "authority", "staff"]
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get("/")["Location"] == reverse("accounts:second_factor_required")
    settings.TRAJECT_MFA_REQUIRED_ROLES = ["ministry"]
    assert client.get("/").status_code == 200
    client.force_login(UserFactory())
    settings.TRAJECT_MFA_REQUIRED_ROLES = ["programme_admin", "ministry", "staff"]
    assert client.get("/").status_code == 200


def test_password_login_asks_the_officer_for_the_code(client):
    officer = ProgrammeAdministratorFactory().user
    response = client.post(
        reverse("accounts:login"), {"login": officer.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    for offset in (0, 1, -1):  # a code is accepted once per user id (replay cache)
        done = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(offset=offset)})
        if done.status_code == 302:
            break
    assert done.status_code == 302
    assert client.get("/").wsgi_request.user == officer


def test_an_aso_links_a_second_address_verifies_it_and_logs_in_with_it(client):
    user = UserFactory(email="an@ugent.example")
    client.force_login(user)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "an.peeters@uzgent.example"}
    )
    assert response.status_code == 302
    address = EmailAddress.objects.get(email="an.peeters@uzgent.example")
    assert address.user == user and not address.verified and not address.primary
    # Not verified yet: no login with it.
    client.logout()
    refused = client.post(
        reverse("accounts:login"), {"login": "an.peeters@uzgent.example", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert refused.status_code in (200, 302)
    link = re.search(r"https?://\S+/auth/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    client.post(link.split("testserver", 1)[-1])
    address.refresh_from_db()
    assert address.verified
    client.logout()
    client.post(
        reverse("accounts:login"), {"login": "an.peeters@uzgent.example", "password": PASSWORD}
    )
    assert client.get("/").wsgi_request.user == user


def test_notifications_go_to_the_chosen_verified_addresses(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="an@ugent.example")
    EmailAddress.objects.create(user=user, email="an@uzgent.example", verified=True)
    EmailAddress.objects.create(user=user, email="unverified@example.test", verified=False)
    client.force_login(user)
    page = client.get(reverse("accounts:notification_addresses")).content.decode()
    assert "an@uzgent.example" in page and "unverified@example.test" not in page
    refused = client.post(
        reverse("accounts:notification_addresses"),
        {"addresses": ["an@ugent.example", "unverified@example.test"]},
    )
    assert refused.status_code == 200 and not user.notification_addresses.exists()
    client.post(
        reverse("accounts:notification_addresses"),
        {"addresses": ["an@ugent.example", "an@uzgent.example"]},
    )
    from traject.core.notifications import notify

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=user,
            subject_template="accounts/email/tokens_revoked_subject.txt",
            body_template="accounts/email/tokens_revoked_body.txt",
            context={"names": ["script"]},
        )
    assert sorted(mail.outbox[-1].to) == ["an@ugent.example", "an@uzgent.example"]


def test_every_account_has_its_address_as_verified_primary(client):
    user = UserFactory(email="new@example.test")
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary and address.email == "new@example.test"


def test_production_requires_the_factor_of_platform_staff_by_default(monkeypatch):
    import importlib

    import traject.accounts.identity_settings as identity_settings

    monkeypatch.setenv("TRAJECT_ENV", "production")
    monkeypatch.delenv("TRAJECT_MFA_REQUIRED_ROLES", raising=False)
    try:
        reloaded = importlib.reload(identity_settings)
        assert set(reloaded.TRAJECT_MFA_REQUIRED_ROLES) == {
            "programme_admin",
            "ministry",
            "authority",
            "staff",
        }
        assert reloaded.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN is False
    finally:
        monkeypatch.setenv("TRAJECT_ENV", "test")
        importlib.reload(identity_settings)
