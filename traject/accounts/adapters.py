"""django-allauth adapters: Traject's rules around the library's protocols.

- nobody signs up on their own (administrators, imports and provisioning SSO providers create
  accounts);
- a single sign-on is matched to an account by a *verified* e-mail address only; an unknown
  person sees a page naming their organisation and who to ask, unless the provider may
  provision accounts for its organisation;
- second-factor secrets are encrypted at rest with the field-encryption key.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.shortcuts import render

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.mentoring import crypto

from .identity import sso_organisation


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False


def _provider_settings(sociallogin) -> dict:
    app = getattr(sociallogin.provider, "app", None)
    return dict(getattr(app, "settings", None) or {})


def refuse_unknown(request, sociallogin, reason: str):
    """Stop the login with the page that says who to ask (HTTP 403)."""
    conf = _provider_settings(sociallogin)
    emails = [e.email for e in sociallogin.email_addresses]
    response = render(
        request,
        "accounts/sso_unknown.html",
        {
            "provider_name": sociallogin.provider.name,
            "organisation": sso_organisation(conf),
            "contact": conf.get("contact", ""),
            "emails": emails,
            "reason": reason,
        },
        status=403,
    )
    raise ImmediateHttpResponse(response)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def authenticate_by_email(self, sociallogin):
        """Match only a verified address the provider also says is verified."""
        from allauth.account.models import EmailAddress

        for address in sociallogin.email_addresses:
            if not address.verified:
                continue
            match = (
                EmailAddress.objects.filter(
                    email__iexact=address.email, verified=True, user__is_active=True
                )
                .select_related("user")
                .first()
            )
            if match is not None:
                return match.user, match.email
        return None

    def is_open_for_signup(self, request, sociallogin):
        conf = _provider_settings(sociallogin)
        if not conf.get("provision"):
            refuse_unknown(request, sociallogin, "unknown")
        if not any(a.verified for a in sociallogin.email_addresses):
            refuse_unknown(request, sociallogin, "unverified")
        if sso_organisation(conf) is None:
            refuse_unknown(request, sociallogin, "unmapped")
        return True

    def save_user(self, request, sociallogin, form=None):
        sociallogin.user._addresses_by_allauth = True
        user = super().save_user(request, sociallogin, form)
        conf = _provider_settings(sociallogin)
        audit_record(
            actor=user,
            action=AuditEvent.Action.CREATE,
            target=user,
            subject=user,
            summary=f"provisioned by {sociallogin.provider.id}:{conf.get('organisation', '')}",
        )
        return user


class MFAAdapter(DefaultMFAAdapter):
    """Keep TOTP secrets and recovery-code seeds encrypted at rest."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        if encrypted_text.startswith(crypto.PREFIX):
            return crypto.decrypt(encrypted_text)
        return encrypted_text
