"""Import (CSV, ICS, the exchange format's entries) and export (CSV, ICS) of a registration.

Parsing never writes: it turns each line into a ``Candidate`` (or an error for that line);
``services.time_entries_bulk_create`` then writes all of them or none.

CSV columns (header row, comma or semicolon): ``start,end,kind[,note][,restrictive]`` for timed
entries, with ISO local times (``2025-01-06T08:00`` or ``2025-01-06 08:00``), or ``date,kind``
rows for leave days (``start``/``end`` empty). ``restrictive`` marks a restrictive home standby
(Matzak): ``yes``/``true``/``1`` (also ``ja``, ``oui``), empty or ``no`` otherwise. The export
writes the same columns, so an export re-imports.

ICS: each VEVENT with a time is a timed entry; its kind comes from ``X-TRAJECT-KIND``, else from
``CATEGORIES``, else from words in the SUMMARY (night/nacht, standby/wacht, ...), else planned;
``X-TRAJECT-RESTRICTIVE:TRUE`` marks a restrictive home standby.
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

from traject.core.csvexport import csv_text

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
MAX_LINES = 5000  # entries and leave days per import
MAX_LEAVE_SPAN_DAYS = 62  # whole days one all-day event may cover
MAX_SPAN_DAYS = 400  # from the first to the last day of one import
MAX_IMPORT_BYTES = 5 * 1024 * 1024


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


YES = {"yes", "true", "1", "ja", "oui", "y", "j"}
NO = {"", "no", "false", "0", "nee", "non", "n"}


def _flag(value) -> bool | None:
    """A yes/no cell as True or False; None when it is neither."""
    text = str(value or "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def _timed_candidate(
    line: str, start, end, kind: str, note: str, zone, restrictive=""
) -> Candidate:
    kind = (kind or "").strip() or Kind.PLANNED
    if kind not in TIMED:
        return Candidate(line=line, error=_("Unknown kind %(kind)s.") % {"kind": kind})
    flag = restrictive if isinstance(restrictive, bool) else _flag(restrictive)
    if flag is None:
        return Candidate(
            line=line,
            error=_("Write yes or no in the restrictive column, not %(value)s.")
            % {"value": str(restrictive)[:40]},
        )
    try:
        start_dt = start if isinstance(start, datetime.datetime) else _parse_local(start, zone)
        end_dt = end if isinstance(end, datetime.datetime) else _parse_local(end, zone)
    except ValidationError as exc:
        return Candidate(line=line, error=" ".join(exc.messages))
    return Candidate(
        line=line,
        entry=TimeEntry(
            start=start_dt, end=end_dt, kind=kind, note=(note or "")[:200], restrictive=flag
        ),
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
    if len(data) > MAX_IMPORT_BYTES:
        return [_too_large()]
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
                    line,
                    row.get("start"),
                    row.get("end"),
                    row.get("kind"),
                    row.get("note"),
                    zone,
                    row.get("restrictive", ""),
                )
            )
        elif row.get("date"):
            out.append(_leave_candidate(line, row["date"], row.get("kind")))
        else:
            out.append(
                Candidate(line=line, error=_("Give start and end, or a date for a leave day."))
            )
    return _within_span(out)


def _kind_from_words(text: str, table, default):
    low = (text or "").lower()
    for words, kind in table:
        if any(word in low for word in words):
            return kind.value
    return default


def _event_lines(text: str) -> list[int]:
    """The line number (1-based, in the file as sent) of each BEGIN:VEVENT, in order."""
    return [
        number
        for number, raw in enumerate(text.splitlines(), start=1)
        if raw.strip().upper() == "BEGIN:VEVENT"
    ]


def _moment(event, name: str):
    """A DTSTART/DTEND value, or raise ValueError with a reason a person understands."""
    prop = event.get(name)
    if prop is None:
        return None
    try:
        return prop.dt
    except Exception as exc:  # icalendar raises its own errors for broken values
        raise ValueError(
            _("%(name)s is not a date or a date and time (%(error)s).")
            % {"name": name, "error": str(exc)[:120]}
        ) from exc


def _event_candidates(event, line: str, zone) -> list[Candidate]:
    summary = str(event.get("SUMMARY", "") or "")[:200]
    explicit = str(event.get("X-TRAJECT-KIND", "") or "").strip()
    categories = event.get("CATEGORIES")
    category_words = []
    if categories is not None:
        for cat in categories if isinstance(categories, list) else [categories]:
            category_words += [str(c).strip() for c in getattr(cat, "cats", [cat])]
    start = _moment(event, "DTSTART")
    if start is None:
        return [Candidate(line=line, error=_("The event has no start (DTSTART)."))]
    end = _moment(event, "DTEND")
    if end is None and event.get("DURATION") is not None:
        try:
            end = start + event.get("DURATION").dt
        except Exception:
            return [Candidate(line=line, error=_("DURATION is not a duration."))]
    timed = isinstance(start, datetime.datetime)
    if end is not None and timed != isinstance(end, datetime.datetime):
        return [
            Candidate(
                line=line,
                error=_(
                    "DTSTART and DTEND must both be dates (a whole day) or both dates with a time."
                ),
            )
        ]
    if timed:
        if end is None:
            return [Candidate(line=line, error=_("The event has no end (DTEND or DURATION)."))]
        if (start.tzinfo is None) != (end.tzinfo is None):
            return [
                Candidate(
                    line=line,
                    error=_("DTSTART and DTEND must both have a time zone, or both have none."),
                )
            ]
        kind = explicit or next((c for c in category_words if c in TIMED), "")
        kind = kind or _kind_from_words(
            summary + " " + " ".join(category_words), SUMMARY_WORDS, Kind.PLANNED.value
        )
        if start.tzinfo is None:
            try:
                start = localize(start, zone)
                end = localize(end, zone)
            except ValidationError as exc:
                return [Candidate(line=line, error=" ".join(exc.messages))]
        restrictive = _flag(event.get("X-TRAJECT-RESTRICTIVE", ""))
        if restrictive is None:
            return [Candidate(line=line, error=_("X-TRAJECT-RESTRICTIVE must be TRUE or FALSE."))]
        return [_timed_candidate(line, start, end, kind, summary, zone, restrictive)]
    kind = explicit or next((c for c in category_words if c in DAYS), "")
    kind = kind or _kind_from_words(summary, LEAVE_WORDS, LeaveKind.VACATION.value)
    last = (end - datetime.timedelta(days=1)) if end else start
    if last < start:
        return [Candidate(line=line, error=_("The event ends before it starts."))]
    days = (last - start).days + 1
    if days > MAX_LEAVE_SPAN_DAYS:
        return [
            Candidate(
                line=line,
                error=_(
                    "A whole-day event spans %(days)s days; at most %(max)s days of leave per event."
                )
                % {"days": days, "max": MAX_LEAVE_SPAN_DAYS},
            )
        ]
    return [
        _leave_candidate(
            f"{line} ({(start + datetime.timedelta(days=n)).isoformat()})",
            start + datetime.timedelta(days=n),
            kind,
        )
        for n in range(days)
    ]


def parse_ics(data: bytes | str, zone: zoneinfo.ZoneInfo) -> list[Candidate]:
    """Parse an iCalendar file; each problem names the line of its event and the reason."""
    if len(data) > MAX_IMPORT_BYTES:
        return [_too_large()]
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises ValueError and its own errors
        return [
            Candidate(
                line="-",
                error=_("This is not an iCalendar file: %(error)s") % {"error": str(exc)[:200]},
            )
        ]
    lines = _event_lines(text)
    events = calendar.walk("VEVENT")
    if len(events) > MAX_LINES:
        return [
            Candidate(
                line="-",
                error=_("The file holds %(n)s events; import at most %(max)s at a time.")
                % {"n": len(events), "max": MAX_LINES},
            )
        ]
    out = []
    for number, event in enumerate(events, start=1):
        at = lines[number - 1] if number <= len(lines) else None
        line = (
            _("line %(line)s (event %(n)s)") % {"line": at, "n": number}
            if at
            else _("event %(n)s") % {"n": number}
        )
        try:
            out += _event_candidates(event, line, zone)
        except ValueError as exc:
            out.append(Candidate(line=line, error=str(exc)))
        if len(out) > MAX_LINES:
            return [
                Candidate(
                    line=line,
                    error=_(
                        "The file makes more than %(max)s entries and leave days; import at most %(max)s at a time."
                    )
                    % {"max": MAX_LINES},
                )
            ]
    return _within_span(out)


def _too_large() -> Candidate:
    return Candidate(
        line="-",
        error=_("The file is larger than %(mb)s MB; split it into smaller periods.")
        % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)},
    )


def _within_span(candidates: list[Candidate]) -> list[Candidate]:
    """Refuse an import that spans more than MAX_SPAN_DAYS from its first to its last day."""
    days = [
        c.entry.start.date() if c.entry is not None else c.leave.date
        for c in candidates
        if not c.error and (c.entry is not None or c.leave is not None)
    ]
    if days and (max(days) - min(days)).days + 1 > MAX_SPAN_DAYS:
        return [
            *candidates,
            Candidate(
                line="-",
                error=_(
                    "The file runs from %(first)s to %(last)s; import at most %(max)s days at a time."
                )
                % {
                    "first": min(days).isoformat(),
                    "last": max(days).isoformat(),
                    "max": MAX_SPAN_DAYS,
                },
            ),
        ]
    return candidates


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
            candidate = _timed_candidate(
                line,
                str(raw.get("start") or ""),
                str(raw.get("end") or ""),
                str(raw.get("kind") or ""),
                str(raw.get("note") or ""),
                zone,
            )
            # The JSON export writes restrictive standby; reading it back keeps it.
            if candidate.entry is not None and raw.get("restrictive") is True:
                candidate.entry.restrictive = True
            out.append(candidate)
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
    rows = [["start", "end", "kind", "date", "hours", "note", "restrictive"]]
    for e in entries:
        rows.append(
            [
                e.start.astimezone(zone).isoformat(timespec="minutes"),
                e.end.astimezone(zone).isoformat(timespec="minutes"),
                e.kind,
                "",
                f"{e.hours:.2f}",
                e.note,
                "yes" if e.restrictive else "",
            ]
        )
    for d in leave_days:
        rows.append(["", "", d.kind, d.date.isoformat(), "", "", ""])
    return csv_text(rows)  # every cell neutralised against spreadsheet formulas


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
        if e.restrictive:
            ev.add("x-traject-restrictive", "TRUE")
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
