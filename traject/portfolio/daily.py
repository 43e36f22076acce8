"""The portfolio's daily job (discovered by ``traject daily`` through the registry)."""

from .services import todo_lists_sync
from .tasks import send_portfolio_reminders


def run(*, stdout) -> None:
    """Give ASO who entered a course's training year their lists, then queue the reminders."""
    created = todo_lists_sync()
    stdout.write(f"{created} to-do list(s) created.")
    result = send_portfolio_reminders.enqueue()
    stdout.write(f"Portfolio reminders queued ({result.id}).")
