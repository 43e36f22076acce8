"""``Report.to_json`` writes the very bytes of ``orjson.dumps(Report.to_dict())``."""

import numpy as np
import orjson
import pytest

from traject.worktime.rules import (
    JURISDICTIONS,
    Violation,
    check,
    check_json,
    evaluate,
    jsonrows,
    parse_schedule,
)
from traject.worktime.rules.engine import report as report_module
from traject.worktime.rules.synthetic import generate_roster


def long_roster(jurisdiction: str, years: int, first: int = 1990) -> dict:
    # As benchmarks/worktime_end_to_end.py: years of synthetic rosters one after the other.
    schedule = generate_roster(first, year=first, jurisdiction=jurisdiction)
    entries = list(schedule["entries"])
    for year in range(first + 1, first + years):
        more = generate_roster(year, year=year, jurisdiction=jurisdiction)["entries"]
        last_end = max(e["end"] for e in entries if "end" in e)
        last_day = max((e["date"] for e in entries if "date" in e), default="")
        entries += [
            e
            for e in more
            if ("start" in e and e["start"] >= last_end) or e.get("date", "") > last_day
        ]
    return {**schedule, "entries": entries}


@pytest.fixture(autouse=True, params=["rows", "as_built"])
def rows_always(request, monkeypatch):
    # Short reports take the dicts (cheaper below a few years); check the numpy rows on them too.
    if request.param == "rows":
        monkeypatch.setattr(report_module, "_JSON_ROWS_FROM", 0)


def assert_same(report) -> None:
    # First on the fresh report (violations still as columns), then once the Violation
    # objects exist (to_dict builds them).
    got = bytes(report.to_json())
    expected = orjson.dumps(report.to_dict())
    # Equal after loading (same keys, same values, same types) and, as it happens, equal bytes.
    assert repr(orjson.loads(got)) == repr(orjson.loads(expected))
    assert got == expected
    assert bytes(report.to_json()) == expected


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_long_roster(jurisdiction):
    schedule = long_roster(jurisdiction, 12)
    for lang in ("nl", "en"):
        assert_same(evaluate(parse_schedule(schedule, lang), lang))


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_synthetic_rosters(jurisdiction):
    for seed in range(12):
        schedule = generate_roster(
            seed, year=2018 + seed % 8, jurisdiction=jurisdiction, opt_out=seed % 3 == 0
        )
        report = evaluate(parse_schedule(schedule, "fr"), "fr")
        assert_same(report)
        assert check_json(schedule, "fr") == orjson.dumps(check(schedule, "fr"))


def test_empty_and_leave_only():
    base = {"jurisdiction": "BE", "timezone": "Europe/Brussels", "reference_start": "2025-01-06"}
    for entries in ([], [{"date": "2025-03-17", "kind": "vacation"}]):
        assert_same(evaluate(parse_schedule({**base, "entries": entries})))


def test_opt_out_restrictive_and_odd_times():
    schedule = {
        "jurisdiction": "BE",
        "timezone": "Europe/Brussels",
        "reference_start": "2025-01-06",
        "opt_out": [{"from": "2025-01-20", "until": None}],
        "entries": [
            {"start": "2025-01-06T07:00:17", "end": "2025-01-07T07:00:05", "kind": "planned"},
            {
                "start": "2025-01-08T18:00",
                "end": "2025-01-09T08:00",
                "kind": "oncall_home_standby",
                "restrictive": True,
            },
            {"start": "2025-01-27T00:00", "end": "2025-02-02T23:59:59", "kind": "planned"},
            {"date": "2025-01-22", "kind": "sick"},
        ],
    }
    assert_same(evaluate(parse_schedule(schedule)))


def test_numbers_as_orjson_writes_them():
    rng = np.random.default_rng(7)
    seconds = np.concatenate(
        (
            rng.integers(-(10**9), 10**9, 5000) / rng.integers(1, 50, 5000),
            [0.0, -0.0, 17.9, 18.0, 35.99, 36.0, -18.0, -17.9, 3600.0, 1e11, -1e11],
        )
    )
    ints = rng.integers(-(10**12), 10**12, len(seconds))
    days = rng.integers(-300_000, 2_900_000, len(seconds))
    flags = rng.random(len(seconds)) < 0.5
    layout = [
        b'{"a":',
        jsonrows.Cents(seconds),
        b',"b":',
        jsonrows.Ints(ints),
        b',"c":"',
        jsonrows.Days(days),
        b'","d":',
        jsonrows.Bools(flags),
        b"}",
    ]
    hours = (np.floor(seconds / 36 + 0.5) / 100).tolist()
    expected = orjson.dumps(
        [
            {"a": a, "b": b, "c": str(np.datetime64(int(c), "D")), "d": d}
            for a, b, c, d in zip(hours, ints.tolist(), days.tolist(), flags.tolist(), strict=True)
        ]
    )
    assert b"[" + bytes(jsonrows.rows(len(seconds), layout)) + b"]" == expected
    # Out of range: the caller falls back to the dicts.
    assert jsonrows.rows(1, [jsonrows.Cents(np.array([np.nan]))]) is None
    assert jsonrows.rows(1, [jsonrows.Days(np.array([-800_000]))]) is None
    assert jsonrows.rows(0, [jsonrows.Ints(np.array([], dtype=np.int64))]) == b""


def test_violations_as_objects_and_as_columns_agree():
    schedule = long_roster("NL", 3)
    fresh = evaluate(parse_schedule(schedule, "en"), "en")
    assert not fresh.compliant
    violations = evaluate(parse_schedule(schedule, "en"), "en").violations
    assert fresh.violations == violations
    assert all(isinstance(v, Violation) for v in violations)
    # A caller may replace the list; the report then follows it.
    fresh.violations = violations[:1]
    assert orjson.loads(fresh.to_json())["violations"] == [violations[0].to_dict()]
    fresh.violations = []
    assert fresh.compliant and orjson.loads(fresh.to_json())["compliant"] is True


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_dates_by_arithmetic_as_numpy_writes_them(lang, monkeypatch):
    from traject.worktime.rules.engine import texts

    monkeypatch.setattr(texts, "_CALENDAR_FROM_MOMENTS", 0)
    monkeypatch.setattr(texts, "_CALENDAR_FROM_DAYS", 0)
    rng = np.random.default_rng(3)
    # 1653 to 2603, whole minutes and odd seconds, and years numpy writes otherwise.
    local = rng.integers(-(10**10), 2 * 10**10, 3000) // 60 * 60
    local[::3] += rng.integers(0, 60, len(local[::3]))
    local = np.concatenate((local, [-30_000_000_000, 300_000_000_000]))
    assert texts._moment_columns(local, lang) == texts._moment_columns_numpy(local, lang)
    days = local // 86400
    assert texts._day_columns(days, lang) == texts._day_columns_numpy(days, lang)
    assert (
        texts._day_columns(days, lang, phrases=False)[0] == texts._day_columns_numpy(days, lang)[0]
    )


def test_violation_texts_with_quotes_commas_and_backslashes():
    from traject.worktime.rules.engine.report import ViolationColumns, _violations_json

    rng = np.random.default_rng(5)
    alphabet = np.array(['"', ",", "\\", "a", "é", "\n", " ", "\u2028"])
    cases = [['x",', "y"], ['x\\",', 'b","c'], ["", "", ""], ["\\", ","]]
    for _ in range(3000):
        cases.append(
            ["".join(rng.choice(alphabet, rng.integers(0, 7))) for _ in range(rng.integers(1, 5))]
        )
    for texts in cases:
        n = len(texts)
        columns = ViolationColumns(
            ["R"] * n, ["2025-01-01T00:00"] * n, ["2025-01-02T00:00"] * n, [1.5] * n, [2] * n, texts
        )
        expected = orjson.dumps([v.to_dict() for v in map(Violation, *columns)])
        assert _violations_json(columns) == expected
