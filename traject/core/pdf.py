"""PDF documents rendered from templates with WeasyPrint."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def _fetch_nothing(url, *args, **kwargs):
    # Documents are self-contained (inline CSS and SVG): nothing is ever fetched, so a URL
    # slipped into content cannot make the server call out.
    raise ValueError(f"PDF documents load no external resources ({url})")


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    """Render a template to PDF bytes."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """Send PDF bytes as a download."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
