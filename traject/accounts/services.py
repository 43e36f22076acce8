"""Writes for accounts: profile, language and personal API tokens."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record

from .models import ApiToken, User


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
