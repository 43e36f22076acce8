"""Optimistic concurrency: an edit based on an old version is refused, never applied silently."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConflictError(ValidationError):
    """Someone else saved the object after the editor loaded it."""


class VersionRequired(ValidationError):
    """An update or delete that does not say which version the editor saw (HTTP 428)."""

    def __init__(self):
        super().__init__(
            _(
                "This change does not say which version you saw. Reload the page (or read the object again) and apply your change again."
            ),
            code="version_required",
        )


def required_version(value) -> int:
    """The version the editor saw, required for every update and delete.

    Accepts an int or its text (a form field, a query parameter, an ``If-Match`` value such as
    ``"3"`` or ``W/"3"``); raises ``VersionRequired`` when it is missing or not a version.
    """
    if isinstance(value, str):
        value = value.strip().removeprefix("W/").strip('"')
    try:
        version = int(value)
    except (TypeError, ValueError):
        raise VersionRequired from None
    if version < 1:
        raise VersionRequired
    return version


def version_from_request(request, given=None) -> int:
    """The version the editor saw: the field sent (form, body or query), else ``If-Match``,
    else (a DELETE has no schema) a ``version`` in a JSON body."""
    if given is None or given == "":
        given = request.headers.get("If-Match")
    if (given is None or given == "") and request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"null")
        except ValueError:
            body = None
        if isinstance(body, dict):
            given = body.get("version")
    return required_version(given)


def etag(version: int) -> str:
    """The ``ETag`` of a version (what ``If-Match`` sends back)."""
    return f'"{version}"'


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Revision(models.Model):
    """A frozen copy of a versioned object after a change: which version, its content, who and
    when. A concrete revision adds the foreign key to its object and the unique (object,
    version) constraint."""

    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed on"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-version"]


def save_versioned(instance: VersionedModel, *, expected_version: int | None) -> VersionedModel:
    """Save an edited instance when its stored version is still the one the editor saw."""
    if instance.pk is None:
        instance.full_clean()
        instance.save()
        return instance
    with transaction.atomic():
        current = type(instance).objects.select_for_update().only("version").get(pk=instance.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConflictError(
                _(
                    "Someone else changed this in the meantime. Reload the page to see their version, then apply your change again."
                ),
                code="conflict",
            )
        instance.version = current.version + 1
        instance.full_clean()
        instance.save()
    return instance


def delete_versioned(instance: VersionedModel, *, expected_version: int) -> bool:
    """Delete an instance when its stored version is still the one the editor saw.

    ``ConflictError`` (HTTP 409) when someone changed it since; False when it is already gone.
    Call inside the service's transaction, before its audit record.
    """
    expected_version = required_version(expected_version)
    with transaction.atomic():
        current = type(instance).objects.select_for_update().only("version")
        current = current.filter(pk=instance.pk).first()
        if current is None:
            return False
        if current.version != expected_version:
            raise ConflictError(
                _(
                    "Someone else changed this in the meantime. Reload the page to see their version, then apply your change again."
                ),
                code="conflict",
            )
        current.delete()
    return True
