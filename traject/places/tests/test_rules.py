"""The pure rules of training places (no database)."""

import datetime

from traject.places import rules

D = datetime.date


def test_vacated_instroom_place_refillable_by_new_instromer_in_same_year():
    past = [rules.Occupancy(D(2026, 1, 1), D(2026, 4, 30), stopped=True)]
    assert (
        rules.check_fill(
            rules.INSTROOM, past, on=D(2026, 6, 1), newcomer_training_start=D(2026, 6, 1)
        )
        is None
    )
    assert rules.refillable(rules.INSTROOM, past, on=D(2026, 6, 1))


def test_vacated_instroom_place_not_refillable_next_calendar_year():
    past = [rules.Occupancy(D(2026, 1, 1), D(2026, 11, 30), stopped=True)]
    refusal = rules.check_fill(
        rules.INSTROOM, past, on=D(2027, 1, 5), newcomer_training_start=D(2027, 1, 5)
    )
    assert refusal == rules.Refusal(rules.RULE_SAME_YEAR, D(2026, 12, 31))
    assert not rules.refillable(rules.INSTROOM, past, on=D(2027, 1, 5))


def test_instroom_place_takes_only_an_instromer():
    refusal = rules.check_fill(
        rules.INSTROOM, [], on=D(2026, 6, 1), newcomer_training_start=D(2024, 9, 1)
    )
    assert refusal == rules.Refusal(rules.RULE_INSTROMER_ONLY, D(2025, 8, 31))


def test_vacated_doorstroom_place_never_refilled_but_a_new_one_may_be_filled():
    past = [rules.Occupancy(D(2025, 9, 1), D(2026, 3, 15), stopped=True)]
    refusal = rules.check_fill(
        rules.DOORSTROOM, past, on=D(2026, 3, 20), newcomer_training_start=D(2024, 9, 1)
    )
    assert refusal == rules.Refusal(rules.RULE_DOORSTROOM, D(2026, 3, 15))
    assert not rules.refillable(rules.DOORSTROOM, past, on=D(2026, 3, 20))
    assert (
        rules.check_fill(
            rules.DOORSTROOM, [], on=D(2026, 3, 20), newcomer_training_start=D(2024, 9, 1)
        )
        is None
    )


def test_occupied_place_is_refused():
    current = [rules.Occupancy(D(2026, 1, 1), None)]
    refusal = rules.check_fill(
        rules.INSTROOM, current, on=D(2026, 2, 1), newcomer_training_start=D(2026, 2, 1)
    )
    assert refusal.rule == rules.RULE_OCCUPIED and refusal.on == D(2026, 1, 1)


def test_no_opleider_change_in_instroom_year_without_exception():
    start = D(2026, 3, 1)
    refusal = rules.check_opleider_change(start, on=D(2026, 9, 1))
    assert refusal == rules.Refusal(rules.RULE_OPLEIDER, D(2027, 2, 28))
    assert rules.check_opleider_change(start, on=D(2026, 9, 1), exception="Opleider ziek") is None
    assert rules.check_opleider_change(start, on=D(2027, 3, 1)) is None
    assert rules.check_opleider_change(start, on=D(2026, 9, 1), exception="   ") is not None


def test_academic_year_starts_on_the_next_first_of_october():
    assert rules.academic_year_start(D(2026, 5, 1)) == D(2026, 10, 1)
    assert rules.academic_year_start(D(2026, 10, 1)) == D(2027, 10, 1)
    assert rules.academic_year_start(D(2026, 12, 1)) == D(2027, 10, 1)


def test_belgian_places_from_capacity_and_stages():
    windows = [
        rules.Window(D(2025, 1, 1), D(2029, 12, 31), 3),
        rules.Window(D(2025, 1, 1), D(2026, 6, 30), 2),
    ]
    stages = [
        rules.Span(D(2026, 1, 1), D(2026, 6, 30)),
        rules.Span(D(2026, 3, 1), D(2026, 12, 31)),
    ]
    places = rules.belgian_places(windows, stages, on=D(2026, 5, 1))
    assert (places.recognised, places.occupied, places.free) == (5, 2, 3)
    assert places.coming_start == D(2026, 10, 1)
    assert (places.coming_recognised, places.coming_occupied, places.coming_free) == (3, 1, 2)


def test_free_never_negative_when_over_capacity():
    stages = [rules.Span(D(2026, 1, 1), D(2026, 12, 31))] * 4
    places = rules.belgian_places(
        [rules.Window(D(2026, 1, 1), D(2026, 12, 31), 2)], stages, on=D(2026, 5, 1)
    )
    assert places.free == 0 and places.occupied == 4


def test_province_and_climate_score():
    assert rules.province_of(" Gent ") == "oost-vlaanderen"
    assert rules.province_of("Nowhere") == ""
    assert rules.climate_score({"a": 4.0, "b": 3.0, "c": None}) == 3.5
    assert rules.climate_score({"a": None}) is None


def test_rules_module_imports_no_django():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(rules.__file__).read_text())
    names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [n for n in names if n.startswith("django")]
