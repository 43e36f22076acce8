"""The one way Traject writes CSV: every cell neutralised against spreadsheet formulas.

Spreadsheet programs run a cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or a
carriage return, which they strip first) as a formula: a name like ``=HYPERLINK(…)`` typed into
Traject would run on the computer of whoever opens the export (CSV injection). Text cells that
begin with one of those get a leading apostrophe, which spreadsheets show as text. Numbers are
written as they are.
"""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """A cell that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.lstrip(" ")[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def write_rows(target, rows: Iterable[Iterable]) -> None:
    writer = csv.writer(target)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])


def csv_text(rows: Iterable[Iterable]) -> str:
    buffer = io.StringIO()
    write_rows(buffer, rows)
    return buffer.getvalue()


def csv_response(filename: str, rows: Iterable[Iterable], *, bom: bool = False) -> HttpResponse:
    """A CSV download, every cell neutralised; ``bom`` lets spreadsheet programs read accents."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if bom:
        response.write("\ufeff")
    write_rows(response, rows)
    return response


class _Echo:
    """A file-like target whose ``write`` hands back the line, for streaming."""

    def write(self, value):
        return value


def csv_streaming_response(
    filename: str, rows: Iterable[Iterable], *, bom: bool = False
) -> StreamingHttpResponse:
    """A CSV download written while it is sent: a whole filtered set of any size in constant
    memory (give it a lazy iterable, e.g. ``queryset.iterator()``); every cell neutralised."""
    writer = csv.writer(_Echo())

    def lines():
        if bom:
            yield "\ufeff"
        for row in rows:
            yield writer.writerow([safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
