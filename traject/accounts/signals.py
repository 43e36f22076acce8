"""A changed password revokes the person's API tokens, with a notice by e-mail.

Hooked on the user's save, so every way of changing a password obeys it (the reset link, the
change form, the admin, a management command, a future SSO app): when a raw password was set
and it does not verify against the stored hash, the password changed. A re-hash of the same
password (a hasher upgrade at login) is not a change and revokes nothing.
"""

from django.contrib.auth.hashers import check_password
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import User


@receiver(pre_save, sender=User)
def _note_password_change(sender, instance: User, raw=False, update_fields=None, **kwargs):
    instance._traject_password_changed = False
    if raw or instance.pk is None or getattr(instance, "_password", None) is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    old = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old and not check_password(instance._password, old):
        instance._traject_password_changed = True


@receiver(post_save, sender=User)
def _revoke_tokens_after_password_change(sender, instance: User, created=False, **kwargs):
    if created or not getattr(instance, "_traject_password_changed", False):
        return
    instance._traject_password_changed = False
    from .services import api_tokens_revoke_after_password_change

    api_tokens_revoke_after_password_change(user=instance)
