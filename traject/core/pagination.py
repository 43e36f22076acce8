"""The one way an API list is paginated: ``limit`` and ``offset`` with a cap, and the total.

Every list endpoint answers ``{"items": [...], "count": N, "limit": L, "offset": O,
"next_offset": O + L or null}``: a client sees how many there are and how to fetch the rest,
so nothing is ever cut silently. A ``limit`` above ``MAX_LIMIT`` is refused (422), not
quietly lowered. Use::

    @router.get("/things", response=list[ThingOut])
    @paginate(Page)
    def list_things(request): ...
"""

from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase, paginate  # noqa: F401  (re-exported)

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class Page(PaginationBase):
    """Limit/offset pagination with totals; a stable order (by id when the list has none)."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="At most 500.")
        offset: int = Field(0, ge=0, le=10_000_000)

    class Output(Schema):
        items: list[Any]
        count: int
        limit: int
        offset: int
        next_offset: int | None = None

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        offset, limit = pagination.offset, pagination.limit
        if isinstance(queryset, QuerySet) and not queryset.ordered:
            queryset = queryset.order_by("pk")
        if isinstance(queryset, (list, tuple)) or not hasattr(queryset, "__getitem__"):
            rows = list(queryset)
            count = len(rows)
            items = rows[offset : offset + limit]
        else:  # a queryset, or anything with count() and slicing: both done by the database
            count = queryset.count()
            items = list(queryset[offset : offset + limit])
        following = offset + limit
        return {
            "items": items,
            "count": count,
            "limit": limit,
            "offset": offset,
            "next_offset": following if following < count else None,
        }


class Mapped:
    """A queryset whose rows are shaped by ``shape`` only for the page asked: ``Page`` counts
    and slices it in the database (instead of shaping, or cutting, the whole list)."""

    def __init__(self, queryset, shape):
        self.queryset, self.shape = queryset, shape

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, window: slice) -> list:
        queryset = self.queryset if self.queryset.ordered else self.queryset.order_by("pk")
        return [self.shape(row) for row in queryset[window]]
