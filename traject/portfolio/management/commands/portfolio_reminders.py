from django.core.management.base import BaseCommand

from traject.portfolio.tasks import send_portfolio_reminders


class Command(BaseCommand):
    help = (
        "Queue the portfolio reminders (to-dos due in 7 and 1 days, feedback requests open "
        "for 14 days). Run daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        result = send_portfolio_reminders.enqueue()
        self.stdout.write(f"Portfolio reminders queued ({result.id}).")
