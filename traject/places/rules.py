"""The rules of training places. Pure Python, no Django: dates and numbers only.

Netherlands (see docs/places.md): a place is *instroom* (the aios's first training year) or
*doorstroom* (after it). A place vacated by an instromer who stops may be filled by a new
instromer in the same calendar year; a vacated doorstroom place may not be filled again; no
change of opleider during an instroom year without a recorded exception. A refusal names the
rule and the date it turns on.

Belgium: the recognised capacity of the stagemeesters of a stagedienst seen as places:
recognised, occupied on a date, free in the coming academic year (from 1 October).
"""

import datetime
from dataclasses import dataclass

from traject.core.dates import add_years

INSTROOM = "instroom"
DOORSTROOM = "doorstroom"

RULE_DOORSTROOM = "doorstroom-not-refillable"
RULE_SAME_YEAR = "instroom-same-calendar-year"
RULE_INSTROMER_ONLY = "instroom-new-instromer-only"
RULE_OCCUPIED = "place-occupied"
RULE_OPLEIDER = "no-opleider-change-in-instroom-year"

ACADEMIC_YEAR_START = (10, 1)  # Belgium: 1 October


@dataclass(frozen=True)
class Refusal:
    """Why a fill or change is refused: the rule and the date it turns on."""

    rule: str
    on: datetime.date


@dataclass(frozen=True)
class Occupancy:
    """One aios on a place: from ``start`` until ``end`` (inclusive; None while it lasts)."""

    start: datetime.date
    end: datetime.date | None = None
    stopped: bool = False  # left training (not moved on as planned)

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def end_of_year(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 12, 31)


def instroom_year_end(training_start: datetime.date) -> datetime.date:
    """The last day of the first training year."""
    return add_years(training_start, 1) - datetime.timedelta(days=1)


def is_instromer(training_start: datetime.date, day: datetime.date) -> bool:
    """An aios is an instromer during the first twelve months of training."""
    return training_start <= day <= instroom_year_end(training_start)


def check_fill(
    kind: str,
    occupancies: list[Occupancy],
    *,
    on: datetime.date,
    newcomer_training_start: datetime.date,
) -> Refusal | None:
    """May a place of ``kind`` with these past occupancies be filled on ``on`` by this aios?

    Returns None when allowed, otherwise the refusal (rule and date).
    """
    current = [o for o in occupancies if o.covers(on)]
    if current:
        return Refusal(RULE_OCCUPIED, current[0].start)
    vacated = sorted(
        (o for o in occupancies if o.end is not None and o.end < on), key=lambda o: o.end
    )
    if kind == DOORSTROOM:
        if vacated:
            return Refusal(RULE_DOORSTROOM, vacated[-1].end)
        return None
    # An instroom place takes only an instromer.
    if not is_instromer(newcomer_training_start, on):
        return Refusal(RULE_INSTROMER_ONLY, instroom_year_end(newcomer_training_start))
    if vacated:
        last = vacated[-1]
        if on.year != last.end.year:
            return Refusal(RULE_SAME_YEAR, end_of_year(last.end))
    return None


def refillable(kind: str, occupancies: list[Occupancy], *, on: datetime.date) -> bool:
    """Is the place free now and may it still be filled under the rules (by a fitting aios)?"""
    if any(o.covers(on) for o in occupancies):
        return False
    vacated = sorted(
        (o for o in occupancies if o.end is not None and o.end < on), key=lambda o: o.end
    )
    if kind == DOORSTROOM:
        return not vacated
    return not vacated or vacated[-1].end.year == on.year


def check_opleider_change(
    training_start: datetime.date, *, on: datetime.date, exception: str = ""
) -> Refusal | None:
    """No change of opleider during the instroom year, unless an exception is recorded."""
    if is_instromer(training_start, on) and not exception.strip():
        return Refusal(RULE_OPLEIDER, instroom_year_end(training_start))
    return None


# --- Belgium -------------------------------------------------------------------------------


def academic_year_start(day: datetime.date) -> datetime.date:
    """The start (1 October) of the coming academic year: the next 1 October after ``day``."""
    month, dom = ACADEMIC_YEAR_START
    start = datetime.date(day.year, month, dom)
    return start if start > day else datetime.date(day.year + 1, month, dom)


@dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date
    capacity: int


@dataclass(frozen=True)
class Span:
    start: datetime.date
    end: datetime.date


def recognised_on(windows: list[Window], day: datetime.date) -> int:
    """The places of a stagedienst on a day: the capacities of its current recognitions."""
    return sum(w.capacity for w in windows if w.start <= day <= w.end)


def occupied_on(stages: list[Span], day: datetime.date) -> int:
    return sum(1 for s in stages if s.start <= day <= s.end)


@dataclass(frozen=True)
class BelgianPlaces:
    recognised: int
    occupied: int
    free: int
    coming_start: datetime.date
    coming_recognised: int
    coming_occupied: int
    coming_free: int


def belgian_places(
    windows: list[Window], stages: list[Span], *, on: datetime.date
) -> BelgianPlaces:
    """Recognised, occupied and free places on ``on`` and at the coming 1 October."""
    coming = academic_year_start(on)
    recognised = recognised_on(windows, on)
    occupied = occupied_on(stages, on)
    coming_recognised = recognised_on(windows, coming)
    coming_occupied = occupied_on(stages, coming)
    return BelgianPlaces(
        recognised=recognised,
        occupied=occupied,
        free=max(0, recognised - occupied),
        coming_start=coming,
        coming_recognised=coming_recognised,
        coming_occupied=coming_occupied,
        coming_free=max(0, coming_recognised - coming_occupied),
    )


# --- Province of a Belgian city (the showcase filters by province) ---------------------------

PROVINCES = {
    "antwerpen": "Antwerpen",
    "limburg": "Limburg",
    "oost-vlaanderen": "Oost-Vlaanderen",
    "vlaams-brabant": "Vlaams-Brabant",
    "west-vlaanderen": "West-Vlaanderen",
    "brussel": "Brussel / Bruxelles",
    "brabant-wallon": "Brabant wallon",
    "hainaut": "Hainaut",
    "liege": "Liège",
    "luxembourg": "Luxembourg",
    "namur": "Namur",
}

CITY_PROVINCE = {
    "antwerpen": "antwerpen",
    "edegem": "antwerpen",
    "mechelen": "antwerpen",
    "turnhout": "antwerpen",
    "hasselt": "limburg",
    "genk": "limburg",
    "gent": "oost-vlaanderen",
    "aalst": "oost-vlaanderen",
    "sint-niklaas": "oost-vlaanderen",
    "leuven": "vlaams-brabant",
    "brugge": "west-vlaanderen",
    "kortrijk": "west-vlaanderen",
    "roeselare": "west-vlaanderen",
    "oostende": "west-vlaanderen",
    "brussel": "brussel",
    "bruxelles": "brussel",
    "jette": "brussel",
    "anderlecht": "brussel",
    "woluwe-saint-lambert": "brussel",
    "ottignies": "brabant-wallon",
    "charleroi": "hainaut",
    "mons": "hainaut",
    "liège": "liege",
    "liege": "liege",
    "arlon": "luxembourg",
    "namur": "namur",
    "yvoir": "namur",
}


def province_of(city: str) -> str:
    """The province code of a Belgian city, or "" when unknown."""
    return CITY_PROVINCE.get(city.strip().lower(), "")


def climate_score(themes: dict) -> float | None:
    """One number to sort by: the mean of the theme means a report shows (None if none)."""
    values = [v for v in themes.values() if v is not None]
    return round(sum(values) / len(values), 2) if values else None
