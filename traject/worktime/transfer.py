"""Import (CSV, ICS, the exchange format's entries) and export (CSV, ICS) of a registration.

Parsing never writes: it turns each line into a ``Candidate`` (or an error for that line);
``services.time_entries_bulk_create`` then writes all of them or none.

CSV columns (header row, comma or semicolon): ``start,end,kind[,note]`` for timed entries, with
ISO local times (``2025-01-06T08:00`` or ``2025-01-06 08:00``), or ``date,kind`` rows for leave
days (``start``/``end`` empty). The export writes the same columns, so an export re-imports.

ICS: each VEVENT with a time is a timed entry; its kind comes from ``X-TRAJECT-KIND``, else from
``CATEGORIES``, else from words in the SUMMARY (night/nacht, standby/wacht, ...), else planned.
An all-day VEVENT is a leave day (vacation unless its kind or summary says sick/other leave),
one per day it spans.
"""

import csv
import datetime
import io
import zoneinfo

import icalendar
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Kind, LeaveDay, LeaveKind, TimeEntry
from .services import Candidate
from .timeutil import localize

TIMED = {k.value for k in Kind}
DAYS = {k.value for k in LeaveKind}

SUMMARY_WORDS = [
    (("callout", "call-out", "uitroep", "opgeroepen", "rappel"), Kind.ONCALL_HOME_CALLOUT),
    (("standby", "oproepbaar", "thuiswacht", "astreinte"), Kind.ONCALL_HOME_STANDBY),
    (("wacht", "dienst 24", "garde", "on call", "oncall"), Kind.ONCALL_INHOUSE),
    (("overdracht", "handover", "transition"), Kind.TRANSITION),
    (("onderzoek", "research", "scientific", "wetenschap"), Kind.SCIENTIFIC),
    (("les", "cursus", "course", "education", "opleiding"), Kind.EDUCATION),
    (("overuren", "unplanned", "overtime"), Kind.UNPLANNED),
]
LEAVE_WORDS = [
    (("ziek", "sick", "malade", "maladie"), LeaveKind.SICK),
    (("verlof", "vakantie", "vacation", "congé", "conge", "holiday"), LeaveKind.VACATION),
]
MAX_LINES = 5000


def _parse_local(text: str, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    text = (text or "").strip().replace(" ", "T", 1)
    if not text:
        raise ValidationError(_("The time is missing."))
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            _("%(value)s is not a date and time (2025-01-06T08:00).") % {"value": text}
        )
    if moment.tzinfo is not None:
        return moment
    return localize(moment, zone)


def _timed_candidate(line: str, start, end, kind: str, note: str, zone) -> Candidate:
    kind = (kind or "").strip() or Kind.PLANNED
    if kind not in TIMED:
        return Candidate(line=line, error=_("Unknown kind %(kind)s.") % {"kind": kind})
    try:
        start_dt = start if isinstance(start, datetime.datetime) else _parse_local(start, zone)
        end_dt = end if isinstance(end, datetime.datetime) else _parse_local(end, zone)
    except ValidationError as exc:
        return Candidate(line=line, error=" ".join(exc.messages))
    return Candidate(
        line=line, entry=TimeEntry(start=start_dt, end=end_dt, kind=kind, note=(note or "")[:200])
    )


def _leave_candidate(line: str, day, kind: str) -> Candidate:
    kind = (kind or "").strip() or LeaveKind.VACATION
    if kind not in DAYS:
        return Candidate(line=line, error=_("Unknown kind %(kind)s.") % {"kind": kind})
    if not isinstance(day, datetime.date):
        try:
            day = datetime.date.fromisoformat(str(day).strip())
        except ValueError:
            return Candidate(
                line=line, error=_("%(value)s is not a date (2025-01-06).") % {"value": day}
            )
    return Candidate(line=line, leave=LeaveDay(date=day, kind=kind))


def parse_csv(data: bytes | str, zone: zoneinfo.ZoneInfo) -> list[Candidate]:
    """Parse a CSV roster into candidates; line numbers count the header as line 1."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    else:
        text = data
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = {(f or "").strip().lower() for f in (reader.fieldnames or [])}
    if not ({"start", "end", "kind"} <= fields or {"date", "kind"} <= fields):
        return [
            Candidate(
                line="1",
                error=_(
                    "The first line must name the columns start,end,kind (and date for leave days)."
                ),
            )
        ]
    out = []
    for number, row in enumerate(reader, start=2):
        if number > MAX_LINES:
            out.append(Candidate(line=str(number), error=_("Import at most 5000 lines at a time.")))
            break
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not any(row.values()):
            continue
        line = str(number)
        if row.get("start") or row.get("end"):
            out.append(
                _timed_candidate(
                    line, row.get("start"), row.get("end"), row.get("kind"), row.get("note"), zone
                )
            )
        elif row.get("date"):
            out.append(_leave_candidate(line, row["date"], row.get("kind")))
        else:
            out.append(
                Candidate(line=line, error=_("Give start and end, or a date for a leave day."))
            )
    return out


def _kind_from_words(text: str, table, default):
    low = (text or "").lower()
    for words, kind in table:
        if any(word in low for word in words):
            return kind.value
    return default


def parse_ics(data: bytes | str, zone: zoneinfo.ZoneInfo) -> list[Candidate]:
    """Parse an iCalendar file; events are numbered in file order ("event 3")."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        return [
            Candidate(
                line="-", error=_("This is not an iCalendar file: %(error)s") % {"error": exc}
            )
        ]
    out = []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        line = _("event %(n)s") % {"n": number}
        summary = str(event.get("SUMMARY", "") or "")
        explicit = str(event.get("X-TRAJECT-KIND", "") or "").strip()
        categories = event.get("CATEGORIES")
        category_words = []
        if categories is not None:
            for cat in categories if isinstance(categories, list) else [categories]:
                category_words += [str(c).strip() for c in getattr(cat, "cats", [cat])]
        dtstart = event.get("DTSTART")
        if dtstart is None:
            out.append(Candidate(line=line, error=_("The event has no start.")))
            continue
        start = dtstart.dt
        dtend = event.get("DTEND")
        if dtend is not None:
            end = dtend.dt
        elif event.get("DURATION") is not None:
            end = start + event.get("DURATION").dt
        else:
            end = None
        if isinstance(start, datetime.datetime):
            if end is None:
                out.append(Candidate(line=line, error=_("The event has no end.")))
                continue
            kind = explicit or next((c for c in category_words if c in TIMED), "")
            kind = kind or _kind_from_words(
                summary + " " + " ".join(category_words), SUMMARY_WORDS, Kind.PLANNED.value
            )
            if start.tzinfo is None:
                try:
                    start = localize(start, zone)
                    end = localize(end, zone)
                except ValidationError as exc:
                    out.append(Candidate(line=line, error=" ".join(exc.messages)))
                    continue
            out.append(_timed_candidate(line, start, end, kind, summary, zone))
        else:
            kind = explicit or next((c for c in category_words if c in DAYS), "")
            kind = kind or _kind_from_words(summary, LEAVE_WORDS, LeaveKind.VACATION.value)
            last = (end - datetime.timedelta(days=1)) if end else start
            day = start
            while day <= last and len(out) < MAX_LINES:
                out.append(_leave_candidate(f"{line} ({day.isoformat()})", day, kind))
                day += datetime.timedelta(days=1)
    return out


def parse_exchange_entries(entries: list, zone: zoneinfo.ZoneInfo) -> list[Candidate]:
    """Parse the ``entries`` list of the exchange format (the API's bulk import)."""
    out = []
    if not isinstance(entries, list):
        return [Candidate(line="-", error=_("entries must be a list."))]
    for number, raw in enumerate(entries):
        line = str(number)
        if not isinstance(raw, dict):
            out.append(Candidate(line=line, error=_("Each entry must be an object.")))
        elif "date" in raw and "start" not in raw:
            out.append(_leave_candidate(line, raw.get("date"), raw.get("kind")))
        else:
            out.append(
                _timed_candidate(
                    line,
                    str(raw.get("start") or ""),
                    str(raw.get("end") or ""),
                    str(raw.get("kind") or ""),
                    str(raw.get("note") or ""),
                    zone,
                )
            )
    return out


def parse_upload(name: str, data: bytes, zone) -> list[Candidate]:
    """Choose the parser by file name or content."""
    if name.lower().endswith((".ics", ".ical", ".ifb")) or data.lstrip().startswith(
        b"BEGIN:VCALENDAR"
    ):
        return parse_ics(data, zone)
    return parse_csv(data, zone)


# --- export ---------------------------------------------------------------------------------


def to_csv(entries, leave_days, zone) -> str:
    """The registration as CSV in the import format (local times with their offset)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["start", "end", "kind", "date", "hours", "note"])
    for e in entries:
        writer.writerow(
            [
                e.start.astimezone(zone).isoformat(timespec="minutes"),
                e.end.astimezone(zone).isoformat(timespec="minutes"),
                e.kind,
                "",
                f"{e.hours:.2f}",
                _safe_cell(e.note),
            ]
        )
    for d in leave_days:
        writer.writerow(["", "", d.kind, d.date.isoformat(), "", ""])
    return buffer.getvalue()


def _safe_cell(text: str) -> str:
    # Spreadsheet programs run cells that begin with these as formulas.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def to_ics(entries, leave_days, owner_label: str) -> bytes:
    """The registration as iCalendar events that re-import with their kind."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Traject//worktime//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Traject – {owner_label}")
    labels = dict(Kind.choices)
    for e in entries:
        ev = icalendar.Event()
        ev.add("uid", f"entry-{e.pk}@traject")
        ev.add("dtstamp", e.updated_at or datetime.datetime.now(datetime.UTC))
        ev.add("dtstart", e.start.astimezone(datetime.UTC))
        ev.add("dtend", e.end.astimezone(datetime.UTC))
        ev.add("summary", str(labels.get(e.kind, e.kind)) + (f" – {e.note}" if e.note else ""))
        ev.add("x-traject-kind", e.kind)
        cal.add_component(ev)
    leave_labels = dict(LeaveKind.choices)
    for d in leave_days:
        ev = icalendar.Event()
        ev.add("uid", f"leave-{d.pk}@traject")
        ev.add("dtstamp", datetime.datetime.now(datetime.UTC))
        ev.add("dtstart", d.date)
        ev.add("dtend", d.date + datetime.timedelta(days=1))
        ev.add("summary", str(leave_labels.get(d.kind, d.kind)))
        ev.add("x-traject-kind", d.kind)
        cal.add_component(ev)
    return cal.to_ical()
