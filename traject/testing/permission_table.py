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


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected statuses: ``default`` for every persona, with named exceptions."""
    table = dict.fromkeys(PERSONAS, default)
    for persona, status in overrides.items():
        if persona not in table:
            raise ValueError(f"unknown persona {persona}")
        table[persona] = status
    return table
