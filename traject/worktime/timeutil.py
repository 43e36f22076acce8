"""Local wall-clock time helpers: a shift is entered in local time, stored as an aware instant."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

UTC = datetime.UTC


def week_start(day: datetime.date) -> datetime.date:
    """Return the Monday of the week of ``day``."""
    return day - datetime.timedelta(days=day.weekday())


def localize(naive: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """Attach a time zone to a local time; refuse a time that does not exist (spring forward).

    An ambiguous time (autumn) means its first occurrence, as in the rules.
    """
    aware = naive.replace(tzinfo=zone, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            _("%(time)s does not exist on %(date)s: the clocks move forward that night.")
            % {
                "time": naive.strftime("%H:%M"),
                "date": date_format(naive.date(), "SHORT_DATE_FORMAT"),
            },
            code="nonexistent_time",
        )
    return aware


def local_range(
    day: datetime.date, start: datetime.time, end: datetime.time, zone: zoneinfo.ZoneInfo
) -> tuple[datetime.datetime, datetime.datetime]:
    """Turn a day with a start and end time into instants; an end at or before the start is the next day."""
    start_dt = localize(datetime.datetime.combine(day, start), zone)
    end_day = day if end > start else day + datetime.timedelta(days=1)
    end_dt = localize(datetime.datetime.combine(end_day, end), zone)
    return start_dt, end_dt


def local_midnight(day: datetime.date, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """Return the instant local midnight starts ``day``."""
    return datetime.datetime.combine(day, datetime.time(0)).replace(tzinfo=zone)


def shift_local(moment: datetime.datetime, days: int, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """Move an instant by whole days keeping its local wall-clock time (a roster repeats so)."""
    local = moment.astimezone(zone).replace(tzinfo=None) + datetime.timedelta(days=days)
    try:
        return localize(local, zone)
    except ValidationError:
        # A shift that starts in the hour skipped in spring: keep the real elapsed position.
        return (moment.astimezone(zone) + datetime.timedelta(days=days)).astimezone(zone)


def local_date(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.date:
    return moment.astimezone(zone).date()


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of the month of ``month``."""
    first = month.replace(day=1)
    nxt = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, nxt - datetime.timedelta(days=1)
