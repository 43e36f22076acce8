"""Optimistic concurrency: an edit based on an old version is refused, never applied silently."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class ConflictError(ValidationError):
    """Someone else saved the object after the editor loaded it."""


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


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
