"""The trajectory app's daily job (discovered by ``traject daily`` through the registry)."""

from .services import send_due_reminders


def run(*, stdout) -> None:
    """Remind ASO of the stageplan deadline and officers of overdue decisions (each once)."""
    stdout.write(f"trajectory reminders: {send_due_reminders()}")
