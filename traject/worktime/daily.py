"""The working-time daily job (discovered by ``traject daily`` through the registry)."""

from .services import compliance_summaries_refresh_stale


def run(*, stdout) -> None:
    """Move every compliance summary on to the last 12 months (the ministry's statistics)."""
    stdout.write(f"{compliance_summaries_refresh_stale()} compliance summary(ies) refreshed.")
