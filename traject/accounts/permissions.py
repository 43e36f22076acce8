"""The one way in to a person's own account and API tokens. Deny by default."""

from traject.core.permissions import get_scoped_or_404, require_authenticated

from .models import ApiToken


def own_account(user):
    """The signed-in person's own account (403 for an anonymous request)."""
    require_authenticated(user)
    return user


def token_for(user, pk):
    """One of the person's own API tokens (404 for anyone else's)."""
    return get_scoped_or_404(ApiToken.objects.filter(user=own_account(user)), pk=pk)


def tokens_of(user):
    """The person's own API tokens."""
    return ApiToken.objects.filter(user=own_account(user))


def email_addresses_of(user):
    """The person's own e-mail addresses (allauth's rows), the primary first."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=own_account(user)).order_by("-primary", "email")


def email_address_for(user, pk):
    """One of the person's own e-mail addresses (404 for anyone else's)."""
    return get_scoped_or_404(email_addresses_of(user), pk=pk)
