"""Notifications: e-mails rendered in the recipient's language and sent by a background task."""

from django.db import transaction


def notify(*, user, subject_template: str, body_template: str, context: dict) -> None:
    """Queue an e-mail to a person once the current transaction commits."""
    from .tasks import refuse_secrets, send_templated_email

    refuse_secrets(context)  # the context is stored with the task: pass ids, never secrets
    payload = dict(context)
    transaction.on_commit(
        lambda: send_templated_email.enqueue(
            user_id=user.pk,
            subject_template=subject_template,
            body_template=body_template,
            context=payload,
        )
    )
