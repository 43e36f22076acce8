"""Safe user content: sanitised reflections and validated uploads."""

import html
from pathlib import PurePath

import nh3
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
ACCEPT_ATTRIBUTE = ",".join(sorted(ALLOWED_UPLOADS))


def validate_upload(uploaded) -> str:
    """Check an uploaded file's type and size; return its content type."""
    name = getattr(uploaded, "name", "") or ""
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_UPLOADS:
        raise ValidationError(
            _("This kind of file is not accepted. Upload a PDF, an image or an Office document."),
            code="file_type",
        )
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="file_size")
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    content_type, signatures = ALLOWED_UPLOADS[suffix]
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


REFLECTION_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h3",
    "h4",
    "a",
}


def sanitize_reflection(text: str) -> str:
    """Keep simple formatting, drop everything else (scripts, styles, event handlers)."""
    text = (text or "").strip()
    if not text:
        return ""
    if "<" not in text:
        # Plain text: keep the paragraphs the ASO typed.
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        text = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return nh3.clean(
        text,
        tags=REFLECTION_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
