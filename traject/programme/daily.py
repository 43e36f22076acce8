"""The programme's daily job (discovered by ``traject daily`` through the registry)."""

from django.utils import timezone

from . import services


def run(*, stdout) -> None:
    """Remind trainers of tomorrow's sessions; e-mail the important news of the day."""
    today = timezone.localdate()
    reminded = services.session_reminders_send(today=today)
    mailed = services.news_daily(today=today)
    stdout.write(f"session reminders: {reminded}, news e-mailed: {mailed}")
