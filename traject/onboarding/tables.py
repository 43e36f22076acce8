"""Reading and writing spreadsheets (CSV and XLSX) with tablib; no Django here.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return) are neutralised with a leading apostrophe whenever Traject writes a file, and refused
when read (an imported name never starts with a formula).
"""

import csv
import io

import tablib

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_LINES = 100_000
MAX_CELL = 2 * 1024 * 1024


class TableError(ValueError):
    """The file cannot be read as a table."""


def neutralise(value) -> str:
    """Make a cell safe for a spreadsheet (no formula runs when it is opened)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def is_formula(text: str) -> bool:
    return bool(text) and text.startswith(FORMULA_STARTS) and not _is_number(text)


def read_table(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """Return the header (lower-cased) and the rows as (line number, {column: text})."""
    if b"\x00" in data[:4] and not filename.lower().endswith(".xlsx"):
        raise TableError("The file contains NUL bytes; save it as CSV (UTF-8) or XLSX.")
    if filename.lower().endswith(".xlsx"):
        try:
            book = tablib.Dataset().load(io.BytesIO(data), format="xlsx")
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise TableError(f"Not a readable XLSX workbook ({exc.__class__.__name__}).") from exc
        header = [str(h or "").strip().lower() for h in (book.headers or [])]
        raw_rows = [list(r) for r in book]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TableError("The file is not UTF-8 text; save it as CSV (UTF-8).") from exc
        if "\x00" in text:
            raise TableError("The file contains NUL bytes.")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        csv.field_size_limit(MAX_CELL)
        try:
            rows = list(csv.reader(io.StringIO(text), dialect))
        except csv.Error as exc:
            raise TableError(f"The file is not readable as CSV: {exc}.") from exc
        if not rows:
            raise TableError("The file is empty.")
        header = [h.strip().lower() for h in rows[0]]
        raw_rows = rows[1:]
    if len(raw_rows) > MAX_LINES:
        raise TableError(f"At most {MAX_LINES} lines per file.")
    result = []
    for index, raw in enumerate(raw_rows, start=2):
        cells = ["" if c is None else _cell(c) for c in raw]
        if not any(cells):
            continue
        result.append((index, dict(zip(header, cells, strict=False))))
    return header, result


def _cell(value) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def write_table(header: list[str], rows: list[list], fmt: str) -> bytes:
    """Write a CSV or XLSX file with every cell neutralised."""
    data = tablib.Dataset(headers=header)
    for row in rows:
        data.append([neutralise(v) for v in row])
    if fmt == "xlsx":
        return data.export("xlsx")
    return data.export("csv").encode("utf-8")
