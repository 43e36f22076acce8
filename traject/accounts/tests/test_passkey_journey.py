"""Journey: a person adds a passkey (WebAuthn) and uses it as second factor at login, with Chromium's virtual
authenticator (DevTools protocol) standing in for the phone or security key."""

import pytest
from allauth.mfa.models import Authenticator

from traject.testing.browser import login
from traject.testing.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _virtual_authenticator(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_a_person_adds_a_passkey_and_logs_in_with_it_as_second_factor(desktop_page, live_server):
    user = UserFactory(email="passkey@ugent.example")
    page = desktop_page
    # WebAuthn needs a domain as relying party (not an IP address); localhost is a secure context
    base = live_server.url.replace("127.0.0.1", "localhost")
    _virtual_authenticator(page)
    login(page, base, user.email, PASSWORD)
    page.goto(f"{base}/auth/2fa/webauthn/add/")
    if "/reauthenticate/" in page.url:  # allauth asks for the password again before a new key
        page.fill("input[name=password]", PASSWORD)
        page.locator("input[name=password]").press("Enter")
        page.wait_for_load_state("networkidle")
    page.fill("input[name=name]", "Telefoon")
    passwordless = page.locator("input[name=passwordless]")
    if passwordless.count():
        passwordless.check()
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "/webauthn/add" not in url)
    page.wait_for_load_state("networkidle")
    key = Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Telefoon"

    # next login: the password, then the passkey as second factor
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "/2fa/authenticate" in page.url
    page.locator("#mfa_webauthn_authenticate").click()  # the virtual key answers at once
    page.wait_for_url(lambda url: "/2fa/authenticate" not in url)
    page.wait_for_load_state("networkidle")
    page.goto(f"{base}/accounts/profile/")
    assert page.url.endswith("/accounts/profile/")  # signed in, not sent back to log in
    key.refresh_from_db()
    assert key.last_used_at is not None
