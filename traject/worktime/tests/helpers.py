"""Helpers for the worktime tests: local-time entries for an ASO in Brussels."""

import datetime
import zoneinfo

from traject.worktime import services

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def at(text: str) -> datetime.datetime:
    """'2025-01-06 08:00' in Brussels."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=BRUSSELS)


def add(trainee, start: str, end: str, kind: str = "planned"):
    return services.time_entry_create(
        trainee=trainee, actor=trainee.user, start=at(start), end=at(end), kind=kind
    )


def set_reference(trainee, monday: datetime.date):
    s = services.settings_for(trainee)
    s.reference_start = monday
    s.save()
    return s
