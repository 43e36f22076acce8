from django.core.management.base import BaseCommand

from traject.core.registry import daily_jobs


class Command(BaseCommand):
    help = (
        "Run every app's daily job (each app's daily.py: reminders, expiry of recognitions, "
        "to-do lists, working-time statistics). Idempotent; schedule it once a day."
    )

    def handle(self, *args, **options):
        for name, job in daily_jobs():
            self.stdout.write(f"== {name}")
            job(stdout=self.stdout)
        from django.db import connection

        from traject.core.tasks import purge_finished_task_arguments

        if connection.vendor == "sqlite":
            # SQLite has no autovacuum: refresh the planner's statistics where they went stale.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA optimize")
            self.stdout.write("== SQLite: PRAGMA optimize")

        self.stdout.write(
            f"== purged arguments of {purge_finished_task_arguments()} finished tasks"
        )
