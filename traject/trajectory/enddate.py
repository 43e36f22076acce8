"""The expected end date of a Belgian training (pure Python, no Django).

Implements the computation of ``docs/trajectory.md`` (and ``shared/docs/trajectory-be.md``):

- dates are inclusive; month arithmetic clips to the month's last day;
- ``planned_end`` is the day before ``start + nominal_months``;
- the last day to submit the stageplan in time is the day before ``start + submission_months``
  (default 4: a start on 1 October gives 31 January);
- a plan submitted later counts from its submission date: ``counted_start`` is that date and
  ``submission_delay_days`` the days from ``start`` to it (else 0);
- ``interruption_days`` counts the days covered by the interruptions after merging overlaps;
- ``extension_days`` is what exceeds ``threshold_weeks × 7`` (default 15 weeks);
- ``expected_end = planned_end + submission_delay_days + extension_days``.

Input (a dict, as read from JSON)::

    {"start": "2025-10-01", "nominal_months": 60, "plan_submitted_on": "2026-03-15",
     "interruptions": [{"start": "2026-01-05", "end": "2026-05-01", "kind": "sick"}],
     "submission_months": 4, "threshold_weeks": 15}

``plan_submitted_on`` may be ``null`` or absent (not submitted yet: no delay is counted, the
last day to submit is still explained); ``interruptions``, ``submission_months`` and
``threshold_weeks`` are optional. Bad input raises ``EndDateInputError`` with every problem.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any

DEFAULT_SUBMISSION_MONTHS = 4
DEFAULT_THRESHOLD_WEEKS = 15
INTERRUPTION_KINDS = ("sick", "maternity", "other")
LANGUAGES = ("nl", "fr", "en")
ONE_DAY = datetime.timedelta(days=1)
_KEYS = {
    "start",
    "nominal_months",
    "plan_submitted_on",
    "interruptions",
    "submission_months",
    "threshold_weeks",
}


class EndDateInputError(ValueError):
    """The input cannot be computed; ``problems`` names every reason."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Interruption:
    start: datetime.date
    end: datetime.date  # inclusive
    kind: str = "other"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class MergedInterruption:
    start: datetime.date
    end: datetime.date
    kinds: tuple[str, ...]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class EndDate:
    start: datetime.date
    nominal_months: int
    submission_months: int
    threshold_weeks: int
    plan_submitted_on: datetime.date | None
    planned_end: datetime.date
    last_submission_day: datetime.date
    counted_start: datetime.date
    submission_delay_days: int
    interruptions: list[MergedInterruption]
    interruption_days: int
    extension_days: int
    expected_end: datetime.date
    lines: list[str] = field(default_factory=list)

    @property
    def submitted_late(self) -> bool:
        return self.submission_delay_days > 0

    @property
    def moved(self) -> bool:
        """Whether the expected end lies after the planned end."""
        return self.expected_end != self.planned_end

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "nominal_months": self.nominal_months,
            "submission_months": self.submission_months,
            "threshold_weeks": self.threshold_weeks,
            "plan_submitted_on": self.plan_submitted_on.isoformat()
            if self.plan_submitted_on
            else None,
            "last_submission_day": self.last_submission_day.isoformat(),
            "counted_start": self.counted_start.isoformat(),
            "planned_end": self.planned_end.isoformat(),
            "submission_delay_days": self.submission_delay_days,
            "interruption_days": self.interruption_days,
            "extension_days": self.extension_days,
            "expected_end": self.expected_end.isoformat(),
            "interruptions": [
                {
                    "start": period.start.isoformat(),
                    "end": period.end.isoformat(),
                    "kinds": list(period.kinds),
                    "days": period.days,
                }
                for period in self.interruptions
            ],
            "lines": list(self.lines),
        }


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, clipped to the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def merge_interruptions(interruptions: list[Interruption]) -> list[MergedInterruption]:
    """Merge overlapping or touching interruptions, so that no day counts twice."""
    merged: list[MergedInterruption] = []
    for item in sorted(interruptions, key=lambda i: (i.start, i.end)):
        if merged and item.start <= merged[-1].end + ONE_DAY:
            last = merged[-1]
            kinds = last.kinds if item.kind in last.kinds else (*last.kinds, item.kind)
            merged[-1] = MergedInterruption(last.start, max(last.end, item.end), kinds)
        else:
            merged.append(MergedInterruption(item.start, item.end, (item.kind,)))
    return merged


def compute_end_date(
    *,
    start: datetime.date,
    nominal_months: int,
    plan_submitted_on: datetime.date | None,
    interruptions: list[Interruption] = (),  # type: ignore[assignment]
    submission_months: int = DEFAULT_SUBMISSION_MONTHS,
    threshold_weeks: int = DEFAULT_THRESHOLD_WEEKS,
    lang: str = "nl",
) -> EndDate:
    """Compute the expected end date and explain it line by line."""
    problems = _check_values(start, nominal_months, submission_months, threshold_weeks)
    for number, item in enumerate(interruptions, start=1):
        problems += _check_interruption(number, item, start)
    if problems:
        raise EndDateInputError(problems)
    planned_end = add_months(start, nominal_months) - ONE_DAY
    last_day = add_months(start, submission_months) - ONE_DAY
    if plan_submitted_on is not None and plan_submitted_on > last_day:
        counted_start = plan_submitted_on
        delay = (plan_submitted_on - start).days
    else:
        counted_start = start
        delay = 0
    merged = merge_interruptions(list(interruptions))
    interruption_days = sum(period.days for period in merged)
    extension = max(0, interruption_days - threshold_weeks * 7)
    expected_end = planned_end + datetime.timedelta(days=delay + extension)
    result = EndDate(
        start=start,
        nominal_months=nominal_months,
        submission_months=submission_months,
        threshold_weeks=threshold_weeks,
        plan_submitted_on=plan_submitted_on,
        planned_end=planned_end,
        last_submission_day=last_day,
        counted_start=counted_start,
        submission_delay_days=delay,
        interruptions=merged,
        interruption_days=interruption_days,
        extension_days=extension,
        expected_end=expected_end,
    )
    result.lines = explain(result, lang)
    return result


def _check_values(start, nominal_months, submission_months, threshold_weeks) -> list[str]:
    problems = []
    if not isinstance(start, datetime.date):
        problems.append("start: a date is required (YYYY-MM-DD).")
    for name, value, minimum in (
        ("nominal_months", nominal_months, 1),
        ("submission_months", submission_months, 1),
        ("threshold_weeks", threshold_weeks, 0),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            problems.append(f"{name}: a whole number of at least {minimum} is required.")
        elif value > 1200:
            problems.append(f"{name}: {value} is not a plausible value.")
    return problems


def _check_interruption(number: int, item: Interruption, start) -> list[str]:
    problems = []
    where = f"interruptions[{number}]"
    if item.kind not in INTERRUPTION_KINDS:
        problems.append(f"{where}.kind: one of {', '.join(INTERRUPTION_KINDS)} is required.")
    if item.end < item.start:
        problems.append(
            f"{where}: the interruption ends ({item.end}) before it starts ({item.start})."
        )
    if isinstance(start, datetime.date) and item.start < start:
        problems.append(
            f"{where}: the interruption begins ({item.start}) before the training ({start})."
        )
    return problems


def _parse_date(value: Any, where: str, problems: list[str]) -> datetime.date | None:
    if not isinstance(value, str):
        problems.append(f"{where}: a date is required (YYYY-MM-DD).")
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{where}: {value[:40]!r} is not a date (YYYY-MM-DD).")
        return None


def end_date_from_dict(data: Any, lang: str = "nl") -> EndDate:
    """Validate the exchange format and compute; raise ``EndDateInputError`` on bad input."""
    if not isinstance(data, dict):
        raise EndDateInputError(["The input must be a JSON object."])
    problems: list[str] = []
    unknown = sorted(set(map(str, data)) - _KEYS)
    if unknown:
        problems.append(f"unknown field(s): {', '.join(name[:40] for name in unknown[:5])}.")
    for required in ("start", "nominal_months"):
        if required not in data:
            problems.append(f"{required}: this field is missing.")
    start = _parse_date(data["start"], "start", problems) if "start" in data else None
    submitted_raw = data.get("plan_submitted_on")
    submitted = (
        None if submitted_raw is None else _parse_date(submitted_raw, "plan_submitted_on", problems)
    )
    raw_interruptions = data.get("interruptions", [])
    interruptions: list[Interruption] = []
    if not isinstance(raw_interruptions, list):
        problems.append("interruptions: a list is required.")
        raw_interruptions = []
    for number, raw in enumerate(raw_interruptions, start=1):
        where = f"interruptions[{number}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: an object with start, end and kind is required.")
            continue
        missing = [key for key in ("start", "end") if key not in raw]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}.")
            continue
        i_start = _parse_date(raw["start"], f"{where}.start", problems)
        i_end = _parse_date(raw["end"], f"{where}.end", problems)
        kind = raw.get("kind", "other")
        if i_start and i_end:
            interruptions.append(
                Interruption(i_start, i_end, kind if isinstance(kind, str) else "")
            )
    if problems or start is None:
        raise EndDateInputError(problems or ["start: a date is required (YYYY-MM-DD)."])
    return compute_end_date(
        start=start,
        nominal_months=data["nominal_months"],
        plan_submitted_on=submitted,
        interruptions=interruptions,
        submission_months=data.get("submission_months", DEFAULT_SUBMISSION_MONTHS),
        threshold_weeks=data.get("threshold_weeks", DEFAULT_THRESHOLD_WEEKS),
        lang=lang,
    )


_TEXTS = {
    "planned": {
        "nl": "Start van de opleiding {start}, nominale duur {months} maanden: geplande einddatum {end}.",
        "fr": "Début de la formation le {start}, durée nominale {months} mois : fin prévue le {end}.",
        "en": "Training starts on {start}, nominal duration {months} months: planned end {end}.",
    },
    "deadline": {
        "nl": "Laatste dag om het stageplan tijdig in te dienen: {day} ({months} maanden na de start).",
        "fr": "Dernier jour pour introduire le plan de stage à temps : {day} ({months} mois après le début).",
        "en": "Last day to submit the stageplan in time: {day} ({months} months after the start).",
    },
    "not_submitted": {
        "nl": "Het stageplan is nog niet ingediend: nog geen vertraging.",
        "fr": "Le plan de stage n'est pas encore introduit : pas encore de retard.",
        "en": "The stageplan has not been submitted yet: no delay so far.",
    },
    "in_time": {
        "nl": "Stageplan ingediend op {day}, tijdig: de opleiding telt vanaf {start}.",
        "fr": "Plan de stage introduit le {day}, à temps : la formation compte à partir du {start}.",
        "en": "Stageplan submitted on {day}, in time: the training counts from {start}.",
    },
    "late": {
        "nl": "Stageplan laattijdig ingediend op {day}: de opleiding telt vanaf {day}, +{delay} dagen.",
        "fr": "Plan de stage introduit tardivement le {day} : la formation compte à partir du {day}, +{delay} jours.",
        "en": "Stageplan submitted late on {day}: the training counts from {day}, +{delay} days.",
    },
    "interruption": {
        "nl": "Onderbreking {start} – {end} ({kinds}): {days} dagen.",
        "fr": "Interruption du {start} au {end} ({kinds}) : {days} jours.",
        "en": "Interruption {start} – {end} ({kinds}): {days} days.",
    },
    "interruptions_total": {
        "nl": "Onderbrekingen samen {days} dagen; drempel {weeks} weken ({limit} dagen): verlenging {extension} dagen.",
        "fr": "Interruptions au total {days} jours ; seuil {weeks} semaines ({limit} jours) : prolongation de {extension} jours.",
        "en": "Interruptions in total {days} days; threshold {weeks} weeks ({limit} days): extension {extension} days.",
    },
    "expected": {
        "nl": "Verwachte einddatum: {planned} + {delay} + {extension} dagen = {end}.",
        "fr": "Fin attendue : {planned} + {delay} + {extension} jours = {end}.",
        "en": "Expected end: {planned} + {delay} + {extension} days = {end}.",
    },
}
KIND_LABELS = {
    "sick": {"nl": "ziekte", "fr": "maladie", "en": "sickness"},
    "maternity": {"nl": "moederschapsrust", "fr": "congé de maternité", "en": "maternity leave"},
    "other": {"nl": "andere", "fr": "autre", "en": "other"},
}


def _text(key: str, lang: str, **params) -> str:
    texts = _TEXTS[key]
    return texts.get(lang, texts["en"]).format(**params)


def explain(result: EndDate, lang: str = "nl") -> list[str]:
    """The computation as sentences, one step per line, in the language asked."""
    lang = lang if lang in LANGUAGES else "nl"
    lines = [
        _text(
            "planned",
            lang,
            start=result.start,
            months=result.nominal_months,
            end=result.planned_end,
        ),
        _text("deadline", lang, day=result.last_submission_day, months=result.submission_months),
    ]
    if result.plan_submitted_on is None:
        lines.append(_text("not_submitted", lang))
    elif result.submitted_late:
        lines.append(
            _text("late", lang, day=result.plan_submitted_on, delay=result.submission_delay_days)
        )
    else:
        lines.append(_text("in_time", lang, day=result.plan_submitted_on, start=result.start))
    for period in result.interruptions:
        kinds = ", ".join(KIND_LABELS.get(k, {}).get(lang, k) for k in period.kinds)
        lines.append(
            _text(
                "interruption",
                lang,
                start=period.start,
                end=period.end,
                kinds=kinds,
                days=period.days,
            )
        )
    lines.append(
        _text(
            "interruptions_total",
            lang,
            days=result.interruption_days,
            weeks=result.threshold_weeks,
            limit=result.threshold_weeks * 7,
            extension=result.extension_days,
        )
    )
    lines.append(
        _text(
            "expected",
            lang,
            planned=result.planned_end,
            delay=result.submission_delay_days,
            extension=result.extension_days,
            end=result.expected_end,
        )
    )
    return lines
