"""Safe user content: sanitised reflections (uploads are checked by traject.core.uploads)."""

import html

import nh3

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
