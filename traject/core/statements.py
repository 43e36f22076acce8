"""Questions asked about the signed-in person on every page, compiled to SQL once per process.

The menu and the dashboard ask a few fixed-shape questions of every request ("which roles does
this person hold?", "does anyone but themself appear in their lists?"). Running such a question
costs a tenth of a millisecond; building its queryset and compiling it costs ten to ninety times
more. ``user_statement`` builds the queryset once, for a probe user whose id never exists (and
a probe day that is no one's today), keeps the SQL and its parameters, and runs it for each
person with their id, and today's date, in the probes' places. Only questions whose SQL depends
on nothing but the person and the day belong here (no settings, no data-dependent shape): a
question with a variant passes the variant in its key.
"""

import datetime
import functools
import inspect
from collections.abc import Callable

from django.db import connection
from django.db.models import QuerySet

ANY_USER = -7_340_021  # a user id that never exists: it marks where the person's id goes
ANY_DAY = datetime.date(1901, 2, 3)  # a day no one lives: it marks where today goes


def _day_value(day: datetime.date):
    return connection.ops.adapt_datefield_value(day)


@functools.cache
def _compiled(key: str, build: Callable) -> tuple[str, tuple, bool]:
    from django.contrib.auth import get_user_model

    probe = get_user_model()(pk=ANY_USER)
    with_day = "today" in inspect.signature(build).parameters
    queryset: QuerySet = build(probe, today=ANY_DAY) if with_day else build(probe)
    sql, params = queryset.query.sql_with_params()
    if ANY_USER not in params:
        raise ValueError(f"the statement {key!r} does not depend on the person")
    if with_day and _day_value(ANY_DAY) not in params:
        raise ValueError(f"the statement {key!r} does not use the day it asks for")
    return sql, tuple(params), with_day


def user_statement(key: str, build: Callable, user, *, today: datetime.date | None = None):
    """The first row of ``build(probe)``'s SQL run for ``user`` (``None`` when there is none).

    ``build`` is a module-level function taking a user (and, when it has a ``today`` keyword,
    the day) and returning a ``values_list`` queryset; ``key`` names the question and any
    variant of its shape.
    """
    from django.utils import timezone

    sql, params, with_day = _compiled(key, build)
    probe_day = _day_value(ANY_DAY) if with_day else object()
    day = _day_value(today or timezone.localdate()) if with_day else None
    values = [
        user.pk if p == ANY_USER else day if (with_day and p == probe_day) else p for p in params
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.fetchone()
