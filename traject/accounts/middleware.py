from django.conf import settings
from django.utils import translation


class UserLanguageMiddleware:
    """Use the signed-in user's preferred language, remembered on their account."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.known = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in self.known:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Lead a person whose role requires a second factor to set one up before anything else.

    The roles come from ``TRAJECT_MFA_REQUIRED_ROLES``. Setting up the factor, logging out, the
    language switch and static files stay reachable; API calls with a personal token are not
    concerned (the token is the credential), API calls on the session get a JSON 403.
    """

    ALLOWED_PREFIXES = (
        "/auth/2fa/",
        "/auth/reauthenticate/",
        "/auth/logout/",
        "/accounts/logout/",
        "/static/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._must_set_up(request, user):
            from django.http import JsonResponse
            from django.shortcuts import redirect

            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Set up a second factor first.", "code": "mfa_required"},
                    status=403,
                )
            return redirect("accounts:second_factor_required")
        return self.get_response(request)

    def _must_set_up(self, request, user) -> bool:
        from django.urls import reverse

        from .identity import has_second_factor, second_factor_required

        path = request.path
        if path.startswith(self.ALLOWED_PREFIXES) or path in {
            reverse("accounts:second_factor_required"),
            reverse("accounts:set_language"),
        }:
            return False
        if not second_factor_required(user) or has_second_factor(user):
            return False
        return not (path.startswith("/api/") and _valid_token_presented(request))


def _valid_token_presented(request) -> bool:
    """Whether the request carries a valid personal API token (then the session is not used)."""
    from .models import ApiToken

    key = request.headers.get("X-API-Key", "")
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        key = value.strip() or key
    if not key:
        return False
    return ApiToken.objects.filter(
        key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True
    ).exists()
