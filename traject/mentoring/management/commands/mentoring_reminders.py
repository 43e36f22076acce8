from django.core.management.base import BaseCommand

from traject.mentoring.services import send_due_reminders


class Command(BaseCommand):
    help = "Send the due mentoring reminders (agreed deadlines, referral follow-ups). Run daily."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
