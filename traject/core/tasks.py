from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_templated_email(
    *, user_id: int, subject_template: str, body_template: str, context: dict
) -> bool:
    """Render an e-mail in the recipient's language and send it."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    with translation.override(user.language):
        full_context = {"user": user, "site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(subject_template, full_context).split())
        body = render_to_string(body_template, full_context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
