"""Writes for accounts: profile, language and personal API tokens."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record

from .models import ApiToken, NotificationAddress, User


def user_update_profile(
    *, user: User, actor, first_name: str, last_name: str, language: str
) -> User:
    """Change a person's own name and preferred language."""
    if actor.pk != user.pk:
        raise PermissionDenied
    user.first_name, user.last_name, user.language = first_name, last_name, language
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save(update_fields=["first_name", "last_name", "language"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=user,
            subject=user,
            summary="profile",
        )
    return user


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language a person chose in the switcher."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; the plain key is returned once and never stored."""
    key = ApiToken.generate_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip(), prefix=key[4:12], key_hash=ApiToken.hash_key(key)
        )
        audit_record(actor=user, action=AuditEvent.Action.CREATE, target=token, subject=user)
    return token, key


def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    """Revoke one of your own API tokens."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(
                actor=actor,
                action=AuditEvent.Action.DELETE,
                target=token,
                subject=actor,
                summary="revoked",
            )
    return token


def api_tokens_revoke_after_password_change(*, user: User) -> int:
    """Revoke every active API token of a person whose password changed, and tell them."""
    from traject.core.notifications import notify

    with transaction.atomic():
        tokens = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
        if not tokens:
            return 0
        ApiToken.objects.filter(pk__in=[t.pk for t in tokens]).update(revoked_at=timezone.now())
        for token in tokens:
            audit_record(
                actor=None,
                action=AuditEvent.Action.DELETE,
                target=token,
                subject=user,
                summary="revoked: password changed",
            )
        notify(
            user=user,
            subject_template="accounts/email/tokens_revoked_subject.txt",
            body_template="accounts/email/tokens_revoked_body.txt",
            context={"names": [t.name for t in tokens]},
        )
    return len(tokens)


def notification_addresses_set(*, user: User, actor, addresses: list[str]) -> list[str]:
    """Choose which of one's own verified addresses receive notifications."""
    from .identity import verified_addresses

    if actor.pk != user.pk:
        raise PermissionDenied
    verified = {a.lower(): a for a in verified_addresses(user)}
    chosen = sorted({verified[a.lower()] for a in addresses if a.lower() in verified})
    with transaction.atomic():
        NotificationAddress.objects.filter(user=user).exclude(email__in=chosen).delete()
        for email in chosen:
            NotificationAddress.objects.get_or_create(user=user, email=email)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=user,
            subject=user,
            summary=f"notification addresses: {len(chosen)}",
        )
    return chosen


# --- E-mail addresses: allauth's own flows, with Traject's audit ------------------------------


def _as_user(request, user):
    """allauth's flows read ``request.user``; an API token request has its person in ``auth``."""
    request.user = user
    return request


def _audit_address(actor, summary: str) -> None:
    audit_record(
        actor=actor, action=AuditEvent.Action.UPDATE, target=actor, subject=actor, summary=summary
    )


def email_address_add(*, request, actor: User, email: str):
    """Add an address to one's own account; allauth mails a confirmation link to it."""
    from allauth.account.forms import AddEmailForm
    from allauth.account.internal.flows.manage_email import add_email
    from allauth.account.models import EmailAddress

    form = AddEmailForm(user=actor, data={"email": email})
    if not form.is_valid():
        raise ValidationError({"email": [m for ms in form.errors.values() for m in ms]})
    with transaction.atomic():
        add_email(_as_user(request, actor), form)
        address = EmailAddress.objects.get(user=actor, email__iexact=form.cleaned_data["email"])
        _audit_address(actor, "e-mail address added")
    return address


def email_address_send_verification(*, request, actor: User, address) -> None:
    """Mail the confirmation link of one's own unverified address again."""
    from allauth.account.internal.flows.email_verification import (
        send_verification_email_to_address,
    )

    if address.user_id != actor.pk:
        raise PermissionDenied
    if address.verified:
        raise ValidationError(_("This address is verified already."))
    send_verification_email_to_address(_as_user(request, actor), address)


def email_address_verify(*, request, actor: User, key: str):
    """Confirm one's own address with the key of the link allauth mailed."""
    from allauth.account.models import get_emailconfirmation_model

    confirmation = get_emailconfirmation_model().from_key(key or "")
    invalid = ValidationError({"key": [_("This confirmation key is not valid (any more).")]})
    if confirmation is None or confirmation.email_address.user_id != actor.pk:
        raise invalid  # someone else's key says as little as a wrong one
    with transaction.atomic():
        address = confirmation.confirm(_as_user(request, actor))
        if address is None:
            raise invalid
        _audit_address(actor, "e-mail address verified")
    return address


def email_address_make_primary(*, request, actor: User, address):
    """Make one of one's own verified addresses the primary one (the account's address)."""
    from allauth.account.internal.flows.manage_email import can_mark_as_primary, mark_as_primary

    if address.user_id != actor.pk:
        raise PermissionDenied
    if not address.verified or not can_mark_as_primary(address):
        raise ValidationError(_("Only a verified address can be the primary one."))
    with transaction.atomic():
        mark_as_primary(_as_user(request, actor), address)
        _audit_address(actor, "primary e-mail address changed")
    address.refresh_from_db()
    return address


def email_address_remove(*, request, actor: User, address) -> None:
    """Remove one of one's own addresses (never the primary one)."""
    from allauth.account.internal.flows.manage_email import can_delete_email, delete_email

    if address.user_id != actor.pk:
        raise PermissionDenied
    if address.primary or not can_delete_email(address):
        raise ValidationError(
            _("The primary address cannot be removed: make another one primary first.")
        )
    with transaction.atomic():
        delete_email(_as_user(request, actor), address)
        NotificationAddress.objects.filter(user=actor, email__iexact=address.email).delete()
        _audit_address(actor, "e-mail address removed")
