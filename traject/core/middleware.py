"""Turn a page's missing "version the editor saw" into HTTP 428 Precondition Required, and a
stale one into 409 Conflict (nothing is changed; the page says to reload)."""

from django.shortcuts import render

from .concurrency import ConflictError, VersionRequired


class VersionRequiredMiddleware:
    """A page's update or delete without the version the editor saw is answered 428."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, VersionRequired):
            return render(request, "428.html", {"message": exception.messages[0]}, status=428)
        if isinstance(exception, ConflictError):
            return render(request, "428.html", {"message": exception.messages[0]}, status=409)
        return None
