"""One date and number format per language; charts never localised."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format

from traject.portfolio.selectors import level_chart
from traject.quality.charts import bar_chart

ROOT = Path(__file__).resolve().parents[2]
NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
}
# Machine values (a month in a URL, an ISO timestamp in <time datetime>) and the weekday heading "Monday 3 June" (MONTH_DAY_FORMAT
# with the day's name in front).
ALLOWED = {"Y-m", "Y-m-d", "l j F", "l", "c"}  # "c": ISO 8601 in a datetime attribute


def test_templates_use_only_the_named_date_formats():
    found = []
    for template in ROOT.glob("*/templates/**/*.html"):
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", template.read_text(encoding="utf-8")):
            if fmt not in NAMED | ALLOWED:
                found.append(f"{template.relative_to(ROOT)}: {fmt}")
    assert not found, "Use a named format (traject/config/formats):\n" + "\n".join(found)


def test_french_months_are_never_three_letter_guesses():
    june, july = datetime.date(2026, 6, 3), datetime.date(2026, 7, 3)
    with translation.override("fr"):
        assert date_format(june, "MONTH_DAY_FORMAT") == "3 juin"
        assert date_format(july, "DATE_FORMAT") == "3 juillet 2026"
        assert date_format(june, "SHORT_DATE_FORMAT") == "03/06/2026"
    with translation.override("nl"):
        assert date_format(july, "DATE_FORMAT") == "3 juli 2026"
    with translation.override("en"):
        assert date_format(july, "DATE_FORMAT") == "3 July 2026"


def _history():
    return [
        SimpleNamespace(decided_on=datetime.date(2026, 1, 5), level=2),
        SimpleNamespace(decided_on=datetime.date(2026, 3, 17), level=3),
    ]


def test_the_epa_level_chart_keeps_its_coordinates_in_every_language():
    chart = level_chart(_history())
    for language in ("nl", "fr", "en"):
        with translation.override(language):
            svg = render_to_string("portfolio/partials/level_chart.html", {"chart": chart})
        coordinates = re.findall(r'(?<![-\w])(?:cx|cy|width|height)="([^"]*)"', svg)
        assert len(coordinates) == 2 + 2 * 2
        assert all(re.fullmatch(r"\d+(\.\d+)?", c) for c in coordinates), (language, svg)
        points = re.search(r'points="([^"]*)"', svg).group(1)
        assert all(re.fullmatch(r"[\d.]+,[\d.]+", pair) for pair in points.split()), points


def test_a_chart_shows_a_score_as_the_table_does():
    from django.template.defaultfilters import floatformat

    with translation.override("fr"):
        svg = bar_chart(
            [("Climat", 3.05, 3.25)],
            group_label="Groupe",
            national_label="National",
            title="Scores",
            number=lambda value: floatformat(value, 1),
        )
        assert ">3,1<" in svg and ">3,3<" in svg
    assert not re.search(r'(?:x|y|width|height)="[\d]+,\d', svg)


def test_a_colon_after_a_translated_label_follows_the_language():
    """French puts a (narrow) space before a colon; a literal ":" after a label cannot."""
    literal = re.compile(r"(\{%\s*(translate|trans)\s[^%]*%\}|\{%\s*endblocktranslate\s*%\}):")
    found = [
        str(t.relative_to(ROOT))
        for t in ROOT.glob("*/templates/**/*.html")
        if literal.search(t.read_text(encoding="utf-8"))
    ]
    assert not found, "Use {% colon %} after a translated label:\n" + "\n".join(found)
    from django.template import Context, Template

    for language, expected in (("fr", "Planning\u202f:"), ("nl", "Planning:")):
        with translation.override(language):
            rendered = Template('{{ "Planning" }}{% colon %}').render(Context())
        assert rendered == expected


def test_reports_show_local_dates_not_iso_timestamps():
    from django.template import Context, Template

    template = Template("{{ start|when }} | {{ day|when }} | {{ bad|when }}")
    context = Context({"start": "2026-11-23T20:00:00+00:00", "day": "2026-11-23", "bad": "x\x00"})
    with translation.override("fr"):
        assert template.render(context) == "23/11/2026 21:00 | 23/11/2026 | x\x00"
    report = (ROOT / "worktime/templates/worktime/partials/report_body.html").read_text()
    assert "|slice" not in report and "|when" in report
