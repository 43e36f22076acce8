"""Rows of the permission table: (method, url, persona, expected status).

Each app lists its rows in ``traject/<app>/tests/permission_rows.py`` as ``ROWS``, and may
add objects to the shared world with ``extend_world(world)``. The central test
``traject/core/tests/test_permission_table.py`` runs every row and checks that every URL
of the project has at least one row.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .world import PERSONAS


@dataclass
class Row:
    method: str
    url_name: str
    args: Callable[[Any], list] | None = None
    expect: dict[str, int] = field(default_factory=dict)
    data: Callable[[Any], dict] | None = None
    json: bool = False
    description: str = ""
    # Query parameters (e.g. the ``version`` of a PUT whose body is a list).
    query: Callable[[Any], dict] | None = None

    def __post_init__(self):
        missing = set(PERSONAS) - set(self.expect)
        extra = set(self.expect) - set(PERSONAS)
        if missing or extra:
            raise ValueError(
                f"{self.method} {self.url_name}: personas missing {sorted(missing)}, unknown {sorted(extra)}"
            )

    @property
    def id(self) -> str:
        return (
            f"{self.method} {self.url_name}{(' ' + self.description) if self.description else ''}"
        )


# Seen from a Belgian page, the Dutch aios is just another trainee and their opleider another
# trainer: unless a row names them, they meet what ``other_aso`` and ``other_stagemeester`` meet.
LIKE = {"aios": "other_aso", "opleider": "other_stagemeester"}


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected statuses: ``default`` for every persona, with named exceptions."""
    table = dict.fromkeys(PERSONAS, default)
    for persona, status in overrides.items():
        if persona not in table:
            raise ValueError(f"unknown persona {persona}")
        table[persona] = status
    for persona, like in LIKE.items():
        if persona not in overrides:
            table[persona] = table[like]
    return table
