"""Background work of accounts. Tasks take ids: a secret is never a task argument."""

from django_tasks import task


@task()
def send_password_reset(*, user_id: int) -> bool:
    """Make the password-reset link now, inside the task, and e-mail it."""
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from .models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    link = settings.SITE_URL + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    with translation.override(user.language):
        context = {"user": user, "reset_link": link}
        subject = " ".join(
            render_to_string("accounts/email/password_reset_subject.txt", context).split()
        )
        body = render_to_string("accounts/email/password_reset_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
