"""Settings for identity: django-allauth (e-mail addresses, single sign-on, two-factor).

Imported by ``traject.config.settings``; reads its own environment variables:

- ``TRAJECT_SSO_PROVIDERS``: a JSON list (or ``@/path/to/file.json``) of identity providers, each
  ``{"provider_id", "name", "protocol": "oidc"|"saml", "organisation": "university:ugent" or
  "hospital:UZ Gent", "provision": false, "contact": "who to ask", ...}`` with, for OpenID
  Connect, ``client_id``, ``secret`` and ``server_url``, and for SAML the ``idp``/``sp`` blocks of
  allauth's SAML provider. Providers may also be added in the admin (Social applications), with
  the same keys in their settings.
- ``TRAJECT_DEV_SSO_URL``: in development, the address of the demo OpenID Connect provider
  (``oidc-provider-mock``, see docs/identity.md); empty turns it off.
- ``TRAJECT_MFA_REQUIRED_ROLES``: the roles that must have a second factor (comma-separated
  roles of ``traject.accounts.roles`` plus ``staff`` for platform staff).
"""

import json
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_ENV = os.environ.get("TRAJECT_ENV", "development")
_DEBUG = os.environ.get("DEBUG", str(_ENV == "development")).strip().lower() in {
    "1",
    "true",
    "yes",
    "on",
}

# Accounts: log in with any verified e-mail address; nobody signs up on their own.
ACCOUNT_ADAPTER = "traject.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "traject.accounts.forms.LoginForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 5
ACCOUNT_CHANGE_EMAIL = False  # several addresses, one primary (not a single changing one)
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell a person when an address or factor changes
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if _ENV == "production" else "http"
if _ENV == "test":
    ACCOUNT_RATE_LIMITS = False
    MFA_TOTP_TOLERANCE = 1  # journeys log the same officer in more than once within a period  # the suite logs in thousands of times; axes is tested apart

# Single sign-on: accounts are matched by a verified e-mail address; unknown people are refused
# with a page saying who to ask, unless their provider may provision for its organisation.
SOCIALACCOUNT_ADAPTER = "traject.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"  # the provider vouched for the address
SOCIALACCOUNT_STORE_TOKENS = False  # no provider token kept at rest
SOCIALACCOUNT_LOGIN_ON_GET = False  # a POST (with CSRF) starts the redirect to the provider


def _load_providers() -> list[dict]:
    raw = os.environ.get("TRAJECT_SSO_PROVIDERS", "").strip()
    if raw.startswith("@"):
        raw = Path(raw[1:]).read_text(encoding="utf-8")
    providers = json.loads(raw) if raw else []
    if not isinstance(providers, list):
        raise ImproperlyConfigured("TRAJECT_SSO_PROVIDERS must be a JSON list of providers.")
    dev_url = os.environ.get("TRAJECT_DEV_SSO_URL", "http://127.0.0.1:8010")
    if _ENV == "development" and dev_url:
        providers.append(
            {
                "provider_id": "demo-sso",
                "name": "Demo SSO (UGent)",
                "protocol": "oidc",
                "client_id": "traject-demo",
                "secret": "demo-secret",
                "server_url": dev_url,
                "organisation": "university:ugent",
                "provision": False,
                "contact": "beheer@demo.traject.be",
            }
        )
    return providers


_KNOWN = {"provider_id", "name", "protocol", "client_id", "secret", "key", "server_url"}


def socialaccount_providers(providers: list[dict]) -> dict:
    """Translate Traject's provider list into allauth's SOCIALACCOUNT_PROVIDERS."""
    oidc, saml, seen = [], [], set()
    for entry in providers:
        for key in ("provider_id", "name", "organisation"):
            if not entry.get(key):
                raise ImproperlyConfigured(f"SSO provider {entry!r} needs {key!r}.")
        extra = {k: v for k, v in entry.items() if k not in _KNOWN}
        app = {
            "provider_id": entry["provider_id"],
            "name": entry["name"],
            "client_id": entry.get("client_id", entry["provider_id"]),
            "secret": entry.get("secret", ""),
            "settings": extra,
        }
        key = (entry.get("protocol", "oidc"), app["client_id"])
        if key in seen:
            # allauth finds a provider back by its client id: two apps may not share one.
            raise ImproperlyConfigured(f"SSO providers share the client id {app['client_id']!r}.")
        seen.add(key)
        if entry.get("protocol", "oidc") == "saml":
            saml.append(app)
        else:
            if not entry.get("server_url"):
                raise ImproperlyConfigured(
                    f"OIDC provider {entry['provider_id']} needs server_url."
                )
            app["settings"] = {
                "server_url": entry["server_url"],
                "oauth_pkce_enabled": True,
                "fetch_userinfo": True,
                **extra,
            }
            oidc.append(app)
    return {
        "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": oidc},
        "saml": {"APPS": saml},
    }


SOCIALACCOUNT_PROVIDERS = socialaccount_providers(_load_providers())

# Two-factor authentication: TOTP, passkeys (WebAuthn) and recovery codes.
MFA_ADAPTER = "traject.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Traject"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = _DEBUG or _ENV == "test"
# The suite's staff fixtures (pytest-django's admin_client, users made staff in a test) have no
# factor; the officers' fixtures do (traject/testing/factories.py). The identity tests set "staff"
# back explicitly. Every other mode requires it by default.
_MFA_DEFAULT = "programme_admin,ministry,authority" + ("" if _ENV == "test" else ",staff")
TRAJECT_MFA_REQUIRED_ROLES = [
    role.strip()
    for role in os.environ.get("TRAJECT_MFA_REQUIRED_ROLES", _MFA_DEFAULT).split(",")
    if role.strip()
]
