import datetime

from django.core.management.base import BaseCommand

from traject.quality.tasks import run_daily


class Command(BaseCommand):
    help = (
        "Run the daily quality jobs: expire ended recognitions, remind six months and one month "
        "before a recognition ends, send campaign invitations and reminders, close ended campaigns. "
        "Idempotent: a scheduler may run it more than once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = datetime.date.fromisoformat(options["date"]) if options["date"] else None
        result = run_daily(today)
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in result.items()))
