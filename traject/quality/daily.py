"""The quality app's daily job (discovered by ``traject daily`` through the registry)."""

from .tasks import run_daily


def run(*, stdout) -> None:
    """Expire and remind recognitions, run the survey campaigns."""
    result = run_daily(None)
    stdout.write(", ".join(f"{key}: {value}" for key, value in result.items()))
