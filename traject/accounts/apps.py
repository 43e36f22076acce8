from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "traject.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_save

        from . import signals  # noqa: F401 - a changed password revokes the API tokens
        from .models import User

        post_save.connect(_primary_address, sender=User, dispatch_uid="accounts_primary_address")


def _primary_address(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """Every account has its e-mail address as a verified, primary allauth address."""
    if raw or getattr(instance, "_addresses_by_allauth", False):
        return  # allauth records the addresses itself (single sign-on provisioning)
    if update_fields is not None and "email" not in update_fields:
        return
    from .identity import ensure_primary_address

    if created and instance.email:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(
            user=instance, email=instance.email, verified=True, primary=True
        )
        return
    ensure_primary_address(instance)
