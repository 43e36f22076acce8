"""Calendar arithmetic shared by the domain rules. Pure Python, no Django: the pure rule modules
(``places.rules``) and the models use the same function."""

import datetime


def add_years(day: datetime.date, years: int) -> datetime.date:
    """Return the same calendar day ``years`` later (28 February for a 29 February start)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
