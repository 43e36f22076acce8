"""traject import KIND FILE [--dry-run] --as EMAIL: the same import as the pages and the API."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from traject.onboarding.kinds import KINDS


class Command(BaseCommand):
    help = "Import a CSV or XLSX file (all or nothing; --dry-run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument(
            "--as",
            dest="actor",
            required=True,
            help="e-mail address of the person importing (their permissions apply; audited)",
        )

    def handle(self, *args, kind, file, dry_run, actor, **options):
        from traject.accounts.models import User
        from traject.onboarding.services import import_file

        user = User.objects.filter(email__iexact=actor, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account {actor}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file {file}.")
        try:
            report = import_file(
                kind=kind, data=path.read_bytes(), filename=path.name, actor=user, dry_run=dry_run
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages))
        except PermissionDenied:
            raise CommandError(f"{actor} may not import.")
        for entry in report.lines:
            if entry["outcome"] == "refused" or options["verbosity"] > 1:
                self.stdout.write(
                    f"line {entry['line']}: {entry['outcome']} {entry['key']} {entry['message']}".rstrip()
                )
        counts = ", ".join(f"{k} {v}" for k, v in report.counts.items())
        state = (
            "dry run, nothing changed"
            if dry_run
            else ("imported" if report.applied else "nothing imported")
        )
        self.stdout.write(f"{kind}: {counts} ({state})")
        if report.refused:
            raise CommandError("Some lines are refused; nothing was imported.")
