"""Reminders for the mentoring follow-up. Tasks take primary keys and call a service."""

from django_tasks import task


@task()
def remind_agreed_deadline(*, deadline_id: int) -> bool:
    """Remind the ASO of an agreed intermediate deadline."""
    from .models import AgreedDeadline
    from .services import agreed_deadline_send_reminder

    deadline = AgreedDeadline.objects.select_related("trainee__user").filter(pk=deadline_id).first()
    return bool(deadline) and agreed_deadline_send_reminder(deadline=deadline)


@task()
def remind_referral_follow_up(*, referral_id: int) -> bool:
    """Remind the mentor to follow up a referral."""
    from .models import Referral
    from .services import referral_send_reminder

    referral = Referral.objects.select_related("mentor", "trainee").filter(pk=referral_id).first()
    return bool(referral) and referral_send_reminder(referral=referral)


@task()
def send_due_mentoring_reminders() -> int:
    """The daily sweep: every due reminder that was not sent yet."""
    from .services import send_due_reminders

    return send_due_reminders()
