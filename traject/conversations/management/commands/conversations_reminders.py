from django.core.management.base import BaseCommand

from traject.conversations.services import reminders_send


class Command(BaseCommand):
    help = "Remind trainees and trainers of talks due in 14 and in 3 days (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(f"talk reminders: {reminders_send()}")
