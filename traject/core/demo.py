"""The demo world: each app's ``demo.load(ctx)`` adds its part, in app order."""

import random
from dataclasses import dataclass, field

DEMO_PASSWORD = "traject-demo"
DEMO_DOMAIN = "demo.traject.be"


@dataclass
class DemoContext:
    """What the app loaders share: the scale, a seeded random generator and the personas."""

    scale: str = "demo"  # "demo" or "national"
    seed: int = 2026
    rng: random.Random = field(init=False)
    personas: dict = field(default_factory=dict)  # persona key -> User
    logins: list = field(default_factory=list)  # (persona label, email)
    data: dict = field(default_factory=dict)  # anything an app wants to hand to the next
    stdout: object = None

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    @property
    def national(self) -> bool:
        return self.scale == "national"


def load_demo(*, scale: str = "demo", seed: int = 2026, stdout=None) -> DemoContext:
    """Load (or complete) the demo world; running it twice changes nothing."""
    from .registry import app_modules

    ctx = DemoContext(scale=scale, seed=seed, stdout=stdout)
    for module in app_modules("demo"):
        if module.__name__ == __name__:
            continue
        module.load(ctx)
    refresh_planner_statistics()
    return ctx


def refresh_planner_statistics() -> None:
    """Give the database's query planner fresh statistics after a bulk load.

    Without them SQLite joins in the order it guesses: the titularis' submissions walked every
    to-do list of the national world (3 ms) instead of the 98 submissions (0.3 ms). PostgreSQL's
    autovacuum would analyse the tables later; the pages are right at once this way.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
