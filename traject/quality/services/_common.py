"""Shared by the quality services: the audit helper, upload checks."""

import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from traject.audit.services import audit_record
from traject.core import uploads

from ..models import (
    RecognitionApplication,
)

FREE_TEXT_MAX = 2000
Status = RecognitionApplication.Status


def _audit(actor, action, target, summary=""):
    audit_record(actor=actor, action=action, target=target, summary=summary)


# --- Uploads -------------------------------------------------------------------------------


def validate_upload(upload) -> tuple[str, str]:
    """Check a dossier document or proof (PDF or image); return (extension, content type)."""
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    try:
        content_type = uploads.validate_upload(upload, allowed=uploads.PDF_AND_IMAGES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages})
    return Path(upload.name).suffix.lower(), content_type


def _stored_name(original: str, extension: str) -> str:
    # A random name on disk: the original name is kept in the database only.
    return f"{uuid.uuid4().hex}{extension}"
