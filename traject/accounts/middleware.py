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
