"""The mentoring app's daily job (discovered by ``traject daily`` through the registry)."""

from .services import send_due_reminders


def run(*, stdout) -> None:
    """Send the due reminders (agreed deadlines, referral follow-ups)."""
    stdout.write(f"{send_due_reminders()} reminder(s) queued.")
