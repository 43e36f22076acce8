from django.core.management.base import BaseCommand

from traject.trajectory.services import send_due_reminders


class Command(BaseCommand):
    help = "Send the due reminders of the path to recognition (idempotent)."

    def handle(self, *args, **options):
        count = send_due_reminders()
        self.stdout.write(f"Trajectory reminders sent: {count}")
