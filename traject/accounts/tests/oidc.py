"""A real OpenID Connect provider on loopback for the tests (oidc-provider-mock), and the
browserless steps of a login through it."""

from contextlib import contextmanager
from urllib.parse import urlparse

import requests


@contextmanager
def running_provider():
    """Start the provider in a thread on a free loopback port; yield its base URL."""
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=0, require_nonce=False) as server:
        yield f"http://localhost:{server.server_port}"


def provider_entry(base_url: str, provider_id="ugent-sso", **extra) -> dict:
    entry = {
        "provider_id": provider_id,
        "name": "UGent SSO",
        "protocol": "oidc",
        "client_id": f"traject-{provider_id}",
        "secret": "test-secret",
        "server_url": base_url,
        "organisation": "university:ugent",
        "provision": False,
        "contact": "onderwijs@ugent.example",
    }
    entry.update(extra)
    return entry


def set_person(base_url: str, sub: str, **claims) -> None:
    """Tell the provider who ``sub`` is (e-mail, e-mail_verified, names)."""
    response = requests.put(f"{base_url}/users/{sub}", json=claims, timeout=10)
    response.raise_for_status()


def authorize_at_provider(authorize_url: str, sub: str) -> str:
    """Log in at the provider as ``sub``; return the callback path (with code and state)."""
    response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert response.status_code in (302, 303), response.text[:500]
    location = urlparse(response.headers["Location"])
    return f"{location.path}?{location.query}"


def sso_login(client, base_url: str, sub: str, provider_id="ugent-sso"):
    """Start the login at Traject, log in at the provider, return Traject's callback response."""
    from django.urls import reverse

    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": provider_id}))
    assert start.status_code == 302, start.content[:500]
    assert start["Location"].startswith(base_url), start["Location"]
    callback = authorize_at_provider(start["Location"], sub)
    return client.get(callback)
