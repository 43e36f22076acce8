import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task
from django_tasks.signals import task_finished

# Names a task argument or an e-mail context may never have: a task's arguments are stored in
# the queue (a database table or Redis) and readable there. Pass ids; build secrets in the task.
SECRET_NAMES = re.compile(r"token|uid|password|secret|key|otp|code$", re.IGNORECASE)


def refuse_secrets(values: dict) -> None:
    """Raise when a task argument's name says it holds a secret."""
    for name in values:
        if SECRET_NAMES.search(str(name)):
            raise ValueError(f"{name!r} looks like a secret; never pass secrets to a task.")


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
    from traject.accounts.identity import notification_recipients

    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, notification_recipients(user))
    return True


EMPTY_ARGUMENTS = {"args": [], "kwargs": {}}


def purge_finished_task_arguments() -> int:
    """Empty the stored arguments of every finished task of the database queue."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return 0
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.finished()
        .exclude(args_kwargs=EMPTY_ARGUMENTS)
        .update(args_kwargs=EMPTY_ARGUMENTS)
    )


@receiver(task_finished)
def _forget_arguments(sender, task_result, **kwargs) -> None:
    """A finished task's arguments are of no further use: do not keep them in the queue table."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = sender if isinstance(sender, type) else type(sender)  # the worker sends either
    if not issubclass(backend, DatabaseBackend):
        return  # RQ keeps a job only for its result_ttl; the immediate backend stores nothing
    DBTaskResult.objects.filter(pk=task_result.id).update(args_kwargs=EMPTY_ARGUMENTS)
