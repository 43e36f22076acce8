from allauth.account.views import LoginView as AllauthLoginView
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import permissions, services
from .forms import (
    ApiTokenForm,
    NotificationAddressesForm,
    ProfileForm,
    QueuedPasswordResetForm,
)


class LoginView(AllauthLoginView):
    """allauth's login (any verified address, then the second factor), with the SSO buttons."""

    template_name = "account/login.html"

    def dispatch(self, request, *args, **kwargs):
        from .identity import sso_origins

        response = super().dispatch(request, *args, **kwargs)
        origins = sso_origins(request)
        if origins:
            response._csp_update = {"form-action": origins}
        return response


@login_required
def second_factor_required(request):
    """Tell a person whose role requires it to set up a second factor, and how."""
    permissions.own_account(request.user)
    from .identity import has_second_factor, second_factor_required

    if not second_factor_required(request.user) or has_second_factor(request.user):
        return redirect("mfa_index")
    return render(request, "accounts/second_factor_required.html")


@login_required
def notification_addresses(request):
    """Choose which verified addresses receive Traject's notifications."""
    permissions.own_account(request.user)
    from .identity import verified_addresses

    addresses = verified_addresses(request.user)
    form = NotificationAddressesForm(
        request.POST or None,
        addresses=addresses,
        initial={
            "addresses": list(request.user.notification_addresses.values_list("email", flat=True))
        },
    )
    if request.method == "POST" and form.is_valid():
        services.notification_addresses_set(
            user=request.user, actor=request.user, addresses=form.cleaned_data["addresses"]
        )
        messages.success(request, _("Your notification addresses were saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/notification_addresses.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = QueuedPasswordResetForm
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset_body.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/form.html"
    success_url = reverse_lazy("accounts:profile")
    extra_context = {"title": gettext_lazy("Change password")}

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


@login_required
def profile(request):
    """Let a person change their own name and language, and manage API tokens."""
    user = permissions.own_account(request.user)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=user, actor=user, **form.cleaned_data)
        translation.activate(user.language)
        messages.success(request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            "traject_language", user.language, max_age=365 * 24 * 3600, samesite="Lax"
        )
        return response
    from traject.organisation.vocabulary import role_labels  # the country's words

    from .identity import has_second_factor, notification_recipients, verified_addresses

    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "role_labels": role_labels(user),
            "tokens": permissions.tokens_of(user),
            "token_form": ApiTokenForm(),
            "addresses": verified_addresses(user),
            "notification_recipients": notification_recipients(user),
            "has_second_factor": has_second_factor(user),
            "sso_accounts": user.socialaccount_set.all(),
        },
    )


@login_required
@require_POST
def token_create(request):
    """Create a personal API token and show it once."""
    user = permissions.own_account(request.user)
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name."))
        return redirect("accounts:profile")
    token, key = services.api_token_create(user=user, name=form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"token": token, "key": key})


@login_required
@require_POST
def token_revoke(request, pk):
    """Revoke one of your own API tokens."""
    token = permissions.token_for(request.user, pk)
    services.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
    return redirect("accounts:profile")


@require_POST
def set_language(request):
    """Switch the interface language and remember the choice on the account."""
    from django.conf import settings

    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    # A URL, never a view name: redirect() would try to reverse any other text (a 500).
    response = HttpResponseRedirect(next_url if next_url.startswith("/") else "/")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response
