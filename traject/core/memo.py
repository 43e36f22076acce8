"""Answers computed once per request (or per object) and shared by the dashboard and the menu.

A dashboard section and the menu item of the same app often ask the same question ("does this
person lead a training group?"). ``per_request`` keeps the answer on the request object, so it
lives exactly as long as the request: the next request asks again. ``per_object`` keeps it on a
model instance (the request's user, a trainee), which lives as long; ``forget`` drops it after a
change.
"""

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def per_request(request, key: str, compute: Callable[[], T]) -> T:
    """The value of ``compute()`` for ``key``, computed at most once for this request."""
    return per_object(request, key, compute)


def per_object(obj, key: str, compute: Callable[[], T]) -> T:
    """The value of ``compute()`` for ``key``, computed at most once for this object."""
    memo = obj.__dict__.setdefault("_traject_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget(obj, key: str) -> None:
    """Drop the value kept for ``key`` on the object, so that the next call computes it again."""
    obj.__dict__.get("_traject_memo", {}).pop(key, None)
