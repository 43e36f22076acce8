"""Background work for quality of training: invitations, reminders, the daily run."""

import datetime

from django.utils import timezone
from django_tasks import task

from traject.core.notifications import notify


def _mail_open_invitees(campaign_id: int, kind: str) -> int:
    from .models import Campaign, Invitation

    campaign = Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.OPEN).first()
    if campaign is None:
        return 0
    count = 0
    from .selectors import responded_user_ids

    who = responded_user_ids(campaign)
    pending = Invitation.objects.filter(campaign=campaign, responded=False).select_related("user")
    for invitation in pending.iterator():
        if invitation.user_id in who:
            continue
        notify(
            user=invitation.user,
            subject_template=f"quality/email/campaign_{kind}_subject.txt",
            body_template=f"quality/email/campaign_{kind}_body.txt",
            context={
                "campaign": campaign.name,
                "campaign_id": campaign.pk,
                "closes": campaign.closes.isoformat(),
            },
        )
        count += 1
    return count


@task()
def send_campaign_invitations(*, campaign_id: int) -> int:
    """Invite everyone addressed by a campaign who has not answered yet."""
    return _mail_open_invitees(campaign_id, "invitation")


@task()
def send_campaign_reminders(*, campaign_id: int) -> int:
    """Remind those who have not answered yet (the flag only: nobody learns what was answered)."""
    return _mail_open_invitees(campaign_id, "reminder")


def run_daily(today: datetime.date | None = None) -> dict:
    """Expire recognitions, remind of ending recognitions, send campaign mails, close campaigns."""
    from .services import applications_expire, campaigns_daily, recognition_reminders_send

    today = today or timezone.localdate()
    result = {
        "expired_applications": applications_expire(today=today),
        "recognition_reminders": recognition_reminders_send(today=today),
    }
    result.update(campaigns_daily(today=today))
    return result


@task()
def quality_daily(*, day: str | None = None) -> dict:
    """The daily run as a task (idempotent: running it twice a day sends nothing twice)."""
    return run_daily(datetime.date.fromisoformat(day) if day else None)


@task()
def announce_reports(*, campaign_id: int) -> int:
    """Tell the stagemeesters of every stagedienst with a report that it is there, with open actions."""
    from traject.organisation.models import TrainerRecognition

    from .models import Campaign, ImprovementAction
    from .selectors import campaign_results

    campaign = Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.CLOSED).first()
    if campaign is None:
        return 0
    service_ids = [key for dimension, key in campaign_results(campaign) if dimension == "service"]
    today = timezone.localdate()
    sent = 0
    recognitions = TrainerRecognition.objects.filter(
        service_id__in=service_ids, start__lte=today, end__gte=today, trainer__is_active=True
    ).select_related("service", "trainer")
    for recognition in recognitions:
        open_actions = (
            ImprovementAction.objects.filter(service=recognition.service)
            .exclude(status__in=[ImprovementAction.Status.DONE, ImprovementAction.Status.DROPPED])
            .count()
        )
        notify(
            user=recognition.trainer,
            subject_template="quality/email/report_ready_subject.txt",
            body_template="quality/email/report_ready_body.txt",
            context={
                "service": str(recognition.service),
                "service_id": recognition.service_id,
                "campaign": campaign.name,
                "open_actions": open_actions,
                "instrument": campaign.instrument.code,
            },
        )
        sent += 1
    return sent
