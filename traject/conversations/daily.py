"""The conversations app's daily job (discovered by ``traject daily`` through the registry)."""

from .services import reminders_send


def run(*, stdout) -> None:
    """Remind trainees and trainers of talks due in 14 and in 3 days."""
    stdout.write(f"talk reminders: {reminders_send()}")
