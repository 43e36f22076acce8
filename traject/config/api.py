"""The JSON API at /api/v1/: personal tokens or the session, errors always as JSON."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from traject.accounts.models import ApiToken
from traject.core.concurrency import ConflictError, VersionRequired
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


@api.exception_handler(VersionRequired)
def on_version_required(request, exc):
    return api.create_response(
        request, {"detail": _messages(exc), "code": "version_required"}, status=428
    )


@api.exception_handler(DjangoValidationError)
def on_validation_error(request, exc):
    return api.create_response(request, {"detail": _messages(exc), "code": "invalid"}, status=400)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(
        request,
        {"detail": str(exc) or gettext("Permission denied"), "code": "forbidden"},
        status=403,
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(
        request, {"detail": gettext("Not found"), "code": "not_found"}, status=404
    )


for module in app_modules("api"):
    api.add_router(module.PREFIX, module.router)


# --- Every operation documents its error responses ------------------------------------------
# Errors are JSON ``{"detail": …, "code": …}``: ``detail`` is a sentence, a list of sentences,
# sentences per field, or (ninja's 422) a list of problems. The schema says so for every
# operation, so clients and schemathesis can check every response against it.
ERROR_RESPONSES = {
    "400": "Refused: a business rule, a NUL character or an oversized text",
    "401": "Not signed in, or an unknown or revoked token",
    "403": "Signed in, but this is not yours to see or do",
    "404": "Not found, or not visible to you",
    "409": "Someone changed it since you read it (stale version)",
    "422": "The request does not match this operation's schema",
}
VERSION_REQUIRED = (
    "Without the version you read (a `version` field or parameter, or `If-Match`): nothing changed"
)
# The PUT/PATCH/DELETE operations that change no versioned record: state transitions of one's
# own things, idempotent and without content another editor could lose.
# ``core/tests/test_versions_required.py`` holds every other update and delete to a version.
NOT_AN_EDIT = {
    "revoke_token",  # revoke one's own API token: it only ever goes from valid to revoked
    "remove_email",  # remove one of one's own extra e-mail addresses (one editor: oneself)
    "mentoring_share_withdraw",  # withdraw a share of a note: on → off, idempotent
    "portfolio_feedback_unshare",  # the ASO stops sharing a feedback: on → off, idempotent
    "workfloor_code_withdraw",  # withdraw a bedside code: open → withdrawn, idempotent
    "workfloor_link_withdraw",  # withdraw a feedback link: open → withdrawn, idempotent
    "programme_unregister",  # one's own registration for a session: on → off, idempotent
    "mentoring_attendance_record",  # the register of a session, stated whole by each call
    "mentoring_group_member_remove",  # membership rows hold nothing to edit: in → out
}


def operation_requires_version(operation_id: str) -> bool:
    return not any(operation_id.endswith("_" + name) for name in NOT_AN_EDIT)


ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"title": "Detail"}, "code": {"title": "Code", "type": "string"}},
    "required": ["detail"],
}


def _with_error_responses(schema):
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
        for method in ("put", "patch", "delete"):
            if method in path and operation_requires_version(path[method]["operationId"]):
                path[method]["responses"].setdefault(
                    "428",
                    {
                        "description": VERSION_REQUIRED,
                        "content": {"application/json": {"schema": ref}},
                    },
                )
    return schema


_ninja_openapi_schema = api.get_openapi_schema


def _openapi_schema(**kwargs):
    return _with_error_responses(_ninja_openapi_schema(**kwargs))


api.get_openapi_schema = _openapi_schema
