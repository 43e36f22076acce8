"""Builders shared by the rule-engine tests; the engine needs no Django and no database."""

from datetime import date, datetime, timedelta

import pytest

from traject.worktime.rules import check

ZONES = {
    "BE": "Europe/Brussels",
    "NL": "Europe/Amsterdam",
    "EU": "Europe/Brussels",
    "US": "America/New_York",
}


@pytest.fixture(autouse=True)
def _no_lockouts():
    """Shadow the project-wide autouse fixture that needs Django settings."""
    # Modules import this name so that the engine tests also run with `-p no:django`.


def entry(start: str, end: str, kind: str = "planned") -> dict:
    """Return a timed entry."""
    return {"start": start, "end": end, "kind": kind}


def leave(day: str, kind: str = "vacation") -> dict:
    """Return a day entry."""
    return {"date": day, "kind": kind}


def schedule(jurisdiction: str, entries: list[dict], **fields: object) -> dict:
    """Return an exchange-format schedule with the jurisdiction's usual zone."""
    return {
        "jurisdiction": jurisdiction,
        "timezone": ZONES.get(jurisdiction, "UTC"),
        "reference_start": "2025-01-06",
        "entries": entries,
        **fields,
    }


def run(jurisdiction: str, entries: list[dict], lang: str = "en", **fields: object) -> dict:
    """Check a schedule and return the exchange-format report."""
    return check(schedule(jurisdiction, entries, **fields), lang)


def rules(report: dict) -> list[str]:
    """Return the rule ids of the report's violations, in order."""
    return [v["rule"] for v in report["violations"]]


def broken(report: dict, rule: str) -> list[dict]:
    """Return the violations of one rule."""
    return [v for v in report["violations"] if v["rule"] == rule]


def week(report: dict, start: str) -> dict:
    """Return the figures of the week starting on a Monday."""
    (found,) = [w for w in report["weeks"] if w["start"] == start]
    return found


def blocks(report: dict, rule: str) -> list[dict]:
    """Return the blocks of one averaging rule."""
    return [b for b in report["blocks"] if b["rule"] == rule]


def at(day: date, hour: int, minute: int = 0) -> str:
    """Return an ISO local time on a date."""
    return datetime(day.year, day.month, day.day, hour, minute).isoformat(timespec="minutes")


def daily(
    first: date,
    count: int,
    start: tuple[int, int],
    end: tuple[int, int],
    kind: str = "planned",
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6),
) -> list[dict]:
    """Return one entry a day for ``count`` days; an end before the start is the next day."""
    result = []
    for offset in range(count):
        day = first + timedelta(days=offset)
        if day.weekday() not in weekdays:
            continue
        end_day = day if end > start else day + timedelta(days=1)
        result.append(entry(at(day, *start), at(end_day, *end), kind))
    return result


def weeks_of(first: date, weeks: int, pattern: list[tuple[int, tuple, tuple]]) -> list[dict]:
    """Repeat a weekly pattern of (weekday, start, end) for ``weeks`` weeks from a Monday."""
    result = []
    for w in range(weeks):
        monday = first + timedelta(weeks=w)
        for weekday, start, end in pattern:
            day = monday + timedelta(days=weekday)
            end_day = day if end > start else day + timedelta(days=1)
            result.append(entry(at(day, *start), at(end_day, *end)))
    return result
