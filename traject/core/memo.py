"""Answers computed once per request and shared by the dashboard sections and the menu.

A dashboard section and the menu item of the same app often ask the same question ("does this
person lead a training group?"). ``per_request`` keeps the answer on the request object, so it
lives exactly as long as the request: the next request asks again.
"""

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def per_request(request, key: str, compute: Callable[[], T]) -> T:
    """The value of ``compute()`` for ``key``, computed at most once for this request."""
    memo = request.__dict__.setdefault("_traject_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]
