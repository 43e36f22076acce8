"""E-mails of work-floor feedback. Tasks take primary keys only: the secret (a link's token, a
6-digit code) is made here, its keyed hash stored, and the secret itself exists only in the
e-mail that leaves. A retried task sends nothing twice."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from . import tokens
from .models import Confirmation, FeedbackLink


def _language(user, trainee) -> str:
    """An account's own language; for a member without one, the ASO's (same ward)."""
    return getattr(user, "language", None) or trainee.user.language or settings.LANGUAGE_CODE


def _send(*, to: str, language: str, template: str, context: dict) -> None:
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@task()
def send_confirmation_code(*, confirmation_id: int) -> bool:
    """E-mail the 6-digit code that confirms who is giving feedback at the bedside."""
    with transaction.atomic():
        confirmation = (
            Confirmation.objects.select_for_update(of=("self",))
            .select_related("bedside_code__trainee__user", "user", "team_member")
            .filter(pk=confirmation_id, code_hash="")
            .first()
        )
        if confirmation is None:
            return False
        digits = tokens.new_digits()
        confirmation.code_hash = tokens.digits_hash(confirmation.pk, digits)
        confirmation.save(update_fields=["code_hash"])
    trainee = confirmation.bedside_code.trainee
    _send(
        to=confirmation.email,
        language=_language(confirmation.user, trainee),
        template="workfloor/email/confirmation",
        context={"digits": digits, "trainee": str(trainee), "name": str(confirmation.person)},
    )
    return True


@task()
def send_feedback_link(*, link_id: int) -> bool:
    """E-mail the one-time link of a feedback request to the person asked."""
    with transaction.atomic():
        link = (
            FeedbackLink.objects.select_for_update(of=("self",))
            .select_related("request__trainee__user", "request__supervisor", "request__team_member")
            .filter(pk=link_id, token_hash__isnull=True)
            .first()
        )
        if link is None:
            return False
        token, digest = tokens.new_token("link")
        link.token_hash = digest
        link.save(update_fields=["token_hash"])
    request = link.request
    person = request.asked_of
    _send(
        to=person.email,
        language=_language(request.supervisor, request.trainee),
        template="workfloor/email/link",
        context={
            "name": str(person),
            "trainee": str(request.trainee),
            "what": request.what,
            "moment_date": request.moment_date,
            "url": settings.SITE_URL + reverse("workfloor:link", args=[token]),
            "expires_at": link.expires_at,
            "has_account": request.supervisor_id is not None,
            "request_id": request.pk,
        },
    )
    return True
