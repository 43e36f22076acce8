"""Uploaded files: accepted kinds, checked by name and by their first bytes, and size."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# Extension -> (content type, check of the first bytes). The content is checked, not only the
# name, so a renamed executable is refused.
_PDF = (b"%PDF",)
_ZIP = (b"PK\x03\x04",)  # the Office Open XML formats are zip containers
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy .doc/.xls/.ppt
ALLOWED_UPLOADS = {
    ".pdf": ("application/pdf", _PDF),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image/webp", (b"RIFF",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ZIP,
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    ".doc": ("application/msword", _OLE),
    ".xls": ("application/vnd.ms-excel", _OLE),
    ".ppt": ("application/vnd.ms-powerpoint", _OLE),
}
DOCUMENTS_AND_IMAGES = ALLOWED_UPLOADS
PDF_AND_IMAGES = {key: ALLOWED_UPLOADS[key] for key in (".pdf", ".png", ".jpg", ".jpeg")}


def accept_attribute(allowed=DOCUMENTS_AND_IMAGES) -> str:
    """The ``accept`` attribute of a file input for these kinds of file."""
    return ",".join(sorted(allowed))


def validate_upload(uploaded, allowed=DOCUMENTS_AND_IMAGES) -> str:
    """Check an uploaded file's type (by name and content) and size; return its content type."""
    name = getattr(uploaded, "name", "") or ""
    suffix = PurePath(name).suffix.lower()
    if suffix not in allowed:
        raise ValidationError(
            _("This kind of file is not accepted. Accepted: %(kinds)s."),
            params={"kinds": ", ".join(sorted(allowed))},
            code="file_type",
        )
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="file_size")
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    content_type, signatures = allowed[suffix]
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            _("The file's content does not match its name (%(suffix)s)."),
            params={"suffix": suffix},
            code="file_content",
        )
    return content_type
