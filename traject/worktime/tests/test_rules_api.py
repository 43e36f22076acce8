"""The public API: constants, rule sets as versioned data, report objects, helpers."""

import dataclasses
from datetime import date, datetime

import numpy as np
import pytest

from traject.worktime.rules import (
    COUNTED_KINDS,
    DAY_KINDS,
    KINDS,
    RULE_IDS,
    TIMED_KINDS,
    BlockFigures,
    Entry,
    Schedule,
    Violation,
    WeekFigures,
    check,
    evaluate,
    parse_schedule,
    rule_sets,
    ruleset_for,
    rulesets,
)
from traject.worktime.rules.messages import format_day, format_number
from traject.worktime.rules.rulesets import WeekMax
from traject.worktime.rules.synthetic import generate_roster
from traject.worktime.tests.test_rules_support import _no_lockouts, entry, run, schedule  # noqa: F401


def test_the_rule_ids_are_the_documented_ones():
    assert rule_sets() == {
        "BE": ("BE_WEEK_MAX", "BE_AVG_13W", "BE_STINT_MAX_24H", "BE_REST_12H"),
        "NL": (
            "NL_SHIFT_MAX_12H",
            "NL_ONCALL_MAX_24H",
            "NL_WEEK_MAX_60H",
            "NL_AVG_4W_55H",
            "NL_AVG_16W_48H",
            "NL_REST_11H",
            "NL_NIGHT_REST_14H",
            "NL_NIGHT_SHIFT_MAX_10H",
            "NL_NIGHT_SHIFTS_16W",
            "NL_WEEKLY_REST_36H",
        ),
        "EU": ("EU_AVG_48H", "EU_REST_11H", "EU_WEEKLY_REST_35H"),
        "US": (
            "US_AVG_80H_4W",
            "US_DAY_OFF_1_IN_7",
            "US_SHIFT_MAX_24_4",
            "US_INHOUSE_CALL_Q3",
            "US_REST_14H_AFTER_24H",
        ),
    }
    assert set(RULE_IDS) == {rule for ids in rule_sets().values() for rule in ids}


def test_every_limit_names_the_article_it_comes_from():
    for ruleset in rulesets.RULESETS:
        for rule in ruleset.rules:
            assert rule.source, rule.id
            assert any(word in rule.source for word in ("art.", "VI.F")), rule.id


def test_the_kinds_are_the_documented_ones():
    assert TIMED_KINDS == (
        "planned",
        "unplanned",
        "scientific",
        "education",
        "oncall_inhouse",
        "oncall_home_standby",
        "oncall_home_callout",
        "moonlighting",
        "transition",
    )
    assert DAY_KINDS == ("vacation", "sick", "leave")
    assert KINDS == TIMED_KINDS + DAY_KINDS
    assert "oncall_home_standby" not in COUNTED_KINDS
    assert len(COUNTED_KINDS) == len(TIMED_KINDS) - 1


def test_a_new_version_of_a_rule_set_applies_to_schedules_from_its_date(monkeypatch):
    current = ruleset_for("BE")
    stricter = dataclasses.replace(
        current,
        version="2026-01-01",
        valid_from=date(2026, 1, 1),
        rules=(WeekMax("BE_WEEK_MAX", limit_h=50, opt_out_limit_h=62), *current.rules[1:]),
    )
    monkeypatch.setitem(rulesets._VERSIONS, "BE", [current, stricter])
    week = [entry(f"2026-01-{d:02d}T08:00", f"2026-01-{d:02d}T19:00") for d in range(5, 10)]
    report = run("BE", week, reference_start="2026-01-05")
    assert [(v["rule"], v["value"], v["limit"]) for v in report["violations"]] == [
        ("BE_WEEK_MAX", 55.0, 50.0)
    ]
    assert parse_schedule(schedule("BE", week, reference_start="2026-01-05")).ruleset is stricter
    earlier = [entry(f"2025-01-{d:02d}T08:00", f"2025-01-{d:02d}T19:00") for d in range(6, 11)]
    assert run("BE", earlier)["violations"] == []


def test_a_schedule_older_than_every_version_is_checked_against_the_oldest():
    report = run(
        "BE", [entry("2019-01-07T08:00", "2019-01-08T10:00")], reference_start="2019-01-07"
    )
    assert [v["rule"] for v in report["violations"]] == ["BE_STINT_MAX_24H"]


def test_evaluate_returns_report_objects():
    built = Schedule.from_entries(
        "BE",
        "Europe/Brussels",
        date(2025, 1, 6),
        [Entry(datetime(2025, 1, 7, 7), datetime(2025, 1, 8, 8), "oncall_inhouse")],
    )
    report = evaluate(built, "en")
    assert report.compliant is False
    (violation,) = report.violations
    assert isinstance(violation, Violation)
    assert (violation.rule, violation.value, violation.limit) == ("BE_STINT_MAX_24H", 25.0, 24.0)
    (week,) = report.weeks
    assert isinstance(week, WeekFigures)
    assert (week.start, week.hours, week.night_hours) == (date(2025, 1, 6), 25.0, 13.0)
    (block,) = report.blocks
    assert isinstance(block, BlockFigures)
    assert (block.rule, block.start, block.available) == ("BE_AVG_13W", "2025-01-06T00:00", 599.0)
    assert report.to_dict()["weeks"][0]["start"] == "2025-01-06"


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        (61, "en", "61"),
        (61.0, "nl", "61"),
        (10.5, "nl", "10,5"),
        (10.5, "fr", "10,5"),
        (10.5, "en", "10.5"),
        (60.0167, "fr", "60,02"),
        (0.25, "en", "0.25"),
    ],
)
def test_numbers_are_written_without_needless_decimals(value, lang, text):
    assert format_number(value, lang) == text


def test_dates_are_written_in_each_language():
    assert format_day(date(2025, 1, 6), "nl") == "6 januari"
    assert format_day(date(2025, 8, 1), "fr") == "1er août"
    assert format_day(date(2025, 12, 25), "en") == "25 December"


@pytest.mark.parametrize("jurisdiction", ["BE", "NL", "EU", "US"])
def test_synthetic_rosters_are_valid_realistic_and_repeatable(jurisdiction):
    roster = generate_roster(np.random.default_rng(7), 2025, jurisdiction)
    assert roster == generate_roster(np.random.default_rng(7), 2025, jurisdiction)
    assert 250 <= len(roster["entries"]) <= 450
    kinds = {e["kind"] for e in roster["entries"]}
    assert {
        "planned",
        "oncall_inhouse",
        "oncall_home_standby",
        "oncall_home_callout",
        "vacation",
    } <= kinds
    report = check(roster)  # raises on invalid input
    yearly = sum(w["hours"] for w in report["weeks"])
    assert 1800 <= yearly <= 3400  # 40 to 70 hours a week, residents the most
