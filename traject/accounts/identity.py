"""Identity helpers: e-mail addresses, single sign-on organisations, second-factor policy."""

from django.conf import settings

from . import roles

STAFF = "staff"


def axes_username(request, credentials=None) -> str:
    """The login name axes counts failures for (allauth's form calls the field ``login``)."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        data = getattr(request, "POST", None) or {}
        value = data.get("login") or data.get("username") or ""
    return (value or "").strip().lower()


def verified_addresses(user) -> list[str]:
    """Every verified e-mail address of a person, the primary first."""
    from allauth.account.models import EmailAddress

    rows = EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "email")
    return [row.email for row in rows]


def notification_recipients(user) -> list[str]:
    """The addresses a person's notifications go to: their choice, else the primary address."""
    verified = verified_addresses(user)
    chosen = {a.lower() for a in user.notification_addresses.values_list("email", flat=True)}
    picked = [address for address in verified if address.lower() in chosen]
    if picked:
        return picked
    return verified[:1] or [user.email]


def ensure_primary_address(user) -> None:
    """Give an account its User.email as a verified, primary allauth address.

    Accounts are created by administrators, imports and the demo with their institutional
    address: that address is the one they are known by, so it counts as verified.
    """
    from allauth.account.models import EmailAddress

    if not user.email:
        return
    existing = EmailAddress.objects.filter(user=user)
    if existing.filter(email__iexact=user.email).exists():
        if not existing.filter(primary=True).exists():
            existing.filter(email__iexact=user.email).update(primary=True)
        return
    existing.filter(primary=True).update(primary=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def second_factor_required(user) -> bool:
    """Whether the person's roles oblige them to have a second factor (TRAJECT_MFA_REQUIRED_ROLES)."""
    if not getattr(user, "is_authenticated", False):
        return False
    required = set(settings.TRAJECT_MFA_REQUIRED_ROLES)
    if not required:
        return False
    if STAFF in required and (user.is_staff or user.is_superuser):
        return True
    return bool(required & set(roles.roles_of(user)))


def has_second_factor(user) -> bool:
    """Whether the person has set up a second factor (TOTP or a passkey)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user_id=user.pk, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def sso_organisation(app_settings: dict):
    """The university or hospital an identity provider is mapped to (``kind:key``), or None."""
    from traject.organisation.models import Hospital, University

    value = (app_settings or {}).get("organisation", "")
    kind, _, key = value.partition(":")
    if kind == "university":
        return University.objects.filter(code=key).first()
    if kind == "hospital":
        return Hospital.objects.filter(name=key).first()
    return None


def sso_origins(request) -> list[str]:
    """The origins of the configured identity providers.

    The log-in page allows them as form targets in its Content-Security-Policy: the browser
    checks ``form-action`` on the redirect to the provider that follows the SSO button.
    """
    from urllib.parse import urlsplit

    from allauth.socialaccount.adapter import get_adapter

    origins = set()
    for provider in get_adapter().list_providers(request):
        conf = getattr(getattr(provider, "app", None), "settings", None) or {}
        idp = conf.get("idp") or {}
        for url in (conf.get("server_url"), idp.get("sso_url"), idp.get("metadata_url")):
            parts = urlsplit(url or "")
            if parts.scheme in {"http", "https"} and parts.netloc:
                origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)
