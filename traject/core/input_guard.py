"""One central guard for what no page or endpoint accepts: NUL characters and huge texts.

A NUL character cannot be stored in a PostgreSQL text column (the driver raises, which used to
become a 500), has no meaning in any Traject field and is a classic way to smuggle truncated
values past checks. Rather than test for it in every form, filter and schema, this middleware
refuses it once, before any view runs, wherever it appears: the path, the query string, form
fields, JSON bodies (keys and values, at any depth), cookies and headers. Uploaded files are not
inspected (a PDF contains NUL bytes); their fields are.

It also caps the length of any single text value (``TEXT_MAX_LENGTH``, default 20,000
characters — some eight printed pages): no Traject field needs more, and a megabyte note would
slow every page and PDF that shows it. File contents sent as JSON (``content`` of an import)
have their own, larger limit (``IMPORT_MAX_BYTES``).

Pages get a 400 page in the user's language; the API gets ``{"detail": …, "code": "invalid"}``.
"""

import json

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

FILE_CONTENT_KEYS = {"content"}


def _limit() -> int:
    return int(getattr(settings, "TEXT_MAX_LENGTH", 20_000))


def _import_limit() -> int:
    return int(getattr(settings, "IMPORT_MAX_BYTES", 5 * 1024 * 1024))


class BadInput(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _check_text(value: str, name: str) -> None:
    if "\x00" in value:
        raise BadInput(_("The field “%(field)s” contains a NUL character.") % {"field": name})
    limit = _import_limit() if name in FILE_CONTENT_KEYS else _limit()
    if len(value) > limit:
        raise BadInput(
            _("The field “%(field)s” is too long: at most %(limit)s characters.")
            % {"field": name, "limit": f"{limit:,}".replace(",", " ")}
        )


def _walk_json(value, name: str = "body") -> None:
    if isinstance(value, str):
        _check_text(value, name)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(str(key), name)
            _walk_json(item, str(key))
    elif isinstance(value, list):
        for item in value:
            _walk_json(item, name)


def check_request(request) -> None:
    """Raise BadInput when the request carries a NUL character or an oversized text."""
    if "\x00" in request.path or "\x00" in request.META.get("QUERY_STRING", ""):
        raise BadInput(_("The address contains a NUL character."))
    for key, value in request.META.items():
        if key.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
            raise BadInput(_("A request header contains a NUL character."))
    for name, value in request.COOKIES.items():
        if "\x00" in name or "\x00" in value:
            raise BadInput(_("A cookie contains a NUL character."))
    for name, values in request.GET.lists():
        _check_text(name, name)
        for value in values:
            _check_text(value, name)
    if request.method not in {"POST", "PUT", "PATCH", "DELETE"}:
        return
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("application/json"):
        body = request.body  # read once; Django keeps it for the view
        try:
            data = json.loads(body or b"null")
        except (ValueError, UnicodeDecodeError):
            return  # malformed JSON: the API answers it with its own 4xx
        _walk_json(data)
    elif content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        for name, values in request.POST.lists():
            _check_text(name, name)
            for value in values:
                _check_text(value, name)
        for name, files in request.FILES.lists():
            for upload in files:
                _check_text(upload.name or "", name)


class InputGuardMiddleware:
    """Refuse NUL characters and oversized texts everywhere, before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # It runs before the session and the language are known: speak the language the
        # browser's cookie or headers ask for.
        with translation.override(translation.get_language_from_request(request)):
            try:
                check_request(request)
            except BadInput as error:
                return self.refuse(request, error.message)
        return self.get_response(request)

    @staticmethod
    def refuse(request, message: str):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "invalid"}, status=400)
        html = render_to_string(
            "core/bad_input.html",
            {"message": message, "LANGUAGE_CODE": translation.get_language()},
        )
        return HttpResponseBadRequest(html)
