from django.core.management import call_command
from django.core.management.base import BaseCommand

# The idempotent daily jobs of each app, in order. Each may run more than once a day.
DAILY_COMMANDS = ["portfolio_reminders", "mentoring_reminders", "quality_daily"]


class Command(BaseCommand):
    help = "Run every app's daily job (reminders, expiry of recognitions). Schedule it once a day."

    def handle(self, *args, **options):
        for name in DAILY_COMMANDS:
            self.stdout.write(f"== {name}")
            call_command(name, stdout=self.stdout, stderr=self.stderr)
