"""Background work of the portfolio. Tasks take primary keys (or nothing) and call a service."""

from django_tasks import task


@task()
def send_portfolio_reminders() -> dict:
    """The daily sweep: remind ASO of to-dos due soon; flag feedback requests open for 14 days."""
    from .services import reminders_send

    return reminders_send()
