from django.core.management.base import BaseCommand

from traject.core.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the realistic synthetic demo world (idempotent). --scale national for ~6,000 ASO."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["demo", "national"], default="demo")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the demo logins."
        )

    def handle(self, *args, scale="demo", seed=2026, quiet_logins=False, **options):
        ctx = load_demo(scale=scale, seed=seed, stdout=self.stdout)
        if not quiet_logins and ctx.logins:
            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            width = max(len(label) for label, _ in ctx.logins)
            for label, email in ctx.logins:
                self.stdout.write(f"  {label.ljust(width)}  {email}")
