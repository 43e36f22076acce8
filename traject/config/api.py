"""The JSON API at /api/v1/: personal tokens or the session, errors always as JSON."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from traject.accounts.models import ApiToken
from traject.core.concurrency import ConflictError
from traject.core.registry import app_modules


def _user_for_token(key: str | None):
    if not key:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenBearer(HttpBearer):
    """``Authorization: Bearer trj_…`` with a personal API token."""

    def authenticate(self, request, token):
        user = _user_for_token(token)
        if user is not None:
            request.user = user
        return user


class TokenHeader(APIKeyHeader):
    """``X-API-Key: trj_…`` for clients that cannot set Authorization."""

    param_name = "X-API-Key"

    def authenticate(self, request, key):
        user = _user_for_token(key)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Traject API",
    version="1",
    description=(
        "The Traject JSON API. Authenticate with a personal API token "
        "(`Authorization: Bearer <token>`), created on your profile page, or with the browser session."
    ),
    auth=[TokenBearer(), TokenHeader(), django_auth],
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _messages(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return {
            field: [str(m) for e in errors for m in e.messages]
            for field, errors in exc.error_dict.items()
        }
    return [str(m) for m in exc.messages]


@api.exception_handler(ConflictError)
def on_conflict(request, exc):
    return api.create_response(request, {"detail": _messages(exc), "code": "conflict"}, status=409)


@api.exception_handler(DjangoValidationError)
def on_validation_error(request, exc):
    return api.create_response(request, {"detail": _messages(exc), "code": "invalid"}, status=400)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(
        request, {"detail": str(exc) or "Permission denied", "code": "forbidden"}, status=403
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": "Not found", "code": "not_found"}, status=404)


for module in app_modules("api"):
    api.add_router(module.PREFIX, module.router)
