"""The conversation cycle as a pure function: what is owed, and its state on a day."""

import datetime

from traject.conversations import cycle

D = datetime.date
RULES = cycle.Rules(introduction_weeks=4, progress_per_year=(4, 2, 2, 1), duration_years=5)
STAGE = cycle.StagePeriod(id=1, start=D(2025, 1, 1), end=D(2026, 12, 31))


def _talk(pk, kind, year, held=None, planned=None, stage_id=None):
    return cycle.TalkFact(pk, kind, stage_id, year, planned or held, held)


def test_first_year_owes_an_introduction_four_progress_talks_and_a_suitability_assessment():
    obligations = cycle.obligations_for(
        training_start=D(2025, 1, 1), stages=[STAGE], rules=RULES, until=D(2025, 12, 31)
    )
    kinds = [(o.kind, o.training_year) for o in obligations]
    assert kinds.count((cycle.INTRODUCTION, 1)) == 1
    assert kinds.count((cycle.PROGRESS, 1)) == 4
    assert kinds.count((cycle.SUITABILITY, 1)) == 1
    introduction = next(o for o in obligations if o.kind == cycle.INTRODUCTION)
    assert introduction.due_by == D(2025, 1, 29)
    progress_due = [o.due_by for o in obligations if o.kind == cycle.PROGRESS]
    assert progress_due == [D(2025, 3, 31), D(2025, 6, 30), D(2025, 9, 30), D(2025, 12, 31)]


def test_later_years_follow_the_data_and_the_last_number_repeats():
    obligations = cycle.obligations_for(
        training_start=D(2020, 1, 1), stages=[], rules=RULES, until=D(2024, 6, 1)
    )
    per_year = {
        y: sum(1 for o in obligations if o.kind == cycle.PROGRESS and o.training_year == y)
        for y in range(1, 6)
    }
    assert per_year == {1: 4, 2: 2, 3: 2, 4: 1, 5: 1}


def test_every_new_stage_owes_its_own_introduction_talk():
    second = cycle.StagePeriod(id=2, start=D(2026, 1, 1), end=D(2026, 12, 31))
    first = cycle.StagePeriod(id=1, start=D(2025, 1, 1), end=D(2025, 12, 31))
    obligations = cycle.obligations_for(
        training_start=D(2025, 1, 1), stages=[first, second], rules=RULES, until=D(2026, 3, 1)
    )
    intros = [o for o in obligations if o.kind == cycle.INTRODUCTION]
    assert [(o.stage_id, o.due_by) for o in intros] == [(1, D(2025, 1, 29)), (2, D(2026, 1, 29))]


def test_states_held_planned_overdue_due_and_upcoming():
    talks = [
        _talk(1, cycle.INTRODUCTION, 1, held=D(2025, 1, 10), stage_id=1),
        _talk(2, cycle.PROGRESS, 1, planned=D(2025, 6, 20)),
    ]
    state = cycle.cycle_state(
        training_start=D(2025, 1, 1), stages=[STAGE], talks=talks, rules=RULES, today=D(2025, 5, 1)
    )
    by_key = {(o.kind, o.number): o for o in state.obligations}
    assert by_key[(cycle.INTRODUCTION, 1)].status == cycle.HELD
    # The planned talk fills the first progress obligation (due 31 March), which is late.
    assert by_key[(cycle.PROGRESS, 1)].talk_id == 2
    assert by_key[(cycle.PROGRESS, 1)].status == cycle.OVERDUE
    # 30 June is more than six weeks away on 1 May: later; on 1 June it is to be planned.
    assert by_key[(cycle.PROGRESS, 2)].status == cycle.UPCOMING
    assert [o.number for o in state.overdue] == [1]
    assert state.next_due.due_by == D(2025, 3, 31)
    june = cycle.cycle_state(
        training_start=D(2025, 1, 1), stages=[STAGE], talks=talks, rules=RULES, today=D(2025, 6, 1)
    )
    second = next(o for o in june.obligations if o.kind == cycle.PROGRESS and o.number == 2)
    assert second.status == cycle.DUE


def test_a_talk_beyond_what_is_owed_is_an_extra_talk():
    talks = [
        _talk(n, cycle.PROGRESS, 1, held=D(2025, 1, 5) + datetime.timedelta(days=n))
        for n in range(1, 7)
    ]
    state = cycle.cycle_state(
        training_start=D(2025, 1, 1), stages=[], talks=talks, rules=RULES, today=D(2025, 2, 1)
    )
    held = [o for o in state.obligations if o.status == cycle.HELD]
    assert len(held) == 4
    assert state.extra_talk_ids == [5, 6]


def test_a_talk_of_another_year_does_not_count_for_this_year():
    talks = [_talk(1, cycle.SUITABILITY, 2, held=D(2026, 12, 20))]
    state = cycle.cycle_state(
        training_start=D(2025, 1, 1), stages=[], talks=talks, rules=RULES, today=D(2026, 1, 15)
    )
    first_year = next(
        o for o in state.obligations if o.kind == cycle.SUITABILITY and o.training_year == 1
    )
    assert first_year.status == cycle.OVERDUE
    second_year = next(
        o for o in state.obligations if o.kind == cycle.SUITABILITY and o.training_year == 2
    )
    assert second_year.talk_id == 1 and second_year.status == cycle.HELD


def test_add_months_clamps_to_the_end_of_the_month():
    assert cycle.add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert cycle.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert cycle.add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)
