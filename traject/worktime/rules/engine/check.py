"""``evaluate`` and ``evaluate_many``: a batch per rule set, every rule, one report each."""

from collections.abc import Sequence

from .. import messages
from ..schedule import Schedule
from .batch import _Batch
from .common import _groups
from .handlers import _HANDLERS
from .report import Report, _WeekRange
from .texts import _Collector


def evaluate(schedule: Schedule, lang: str = messages.DEFAULT_LANGUAGE) -> Report:
    """Check a parsed schedule against its rule set and return the report."""
    return evaluate_many([schedule], lang)[0]


def evaluate_many(
    schedules: Sequence[Schedule], lang: str = messages.DEFAULT_LANGUAGE
) -> list[Report]:
    """Check many parsed schedules in one vectorised pass; one report each, in order."""
    messages.check_lang(lang)
    reports: list[Report | None] = [None] * len(schedules)
    active = []
    for i, schedule in enumerate(schedules):
        if schedule.entry_count:
            active.append(i)
        else:
            reports[i] = Report(schedule, lang, [])
    # One batch per rule set: every rule then runs over exactly the schedules it governs.
    # Grouped by identity: hashing a frozen rule set walks every rule, each time.
    by_id = {id(schedules[i].ruleset): schedules[i].ruleset for i in active}
    for ruleset_id, members in _groups([id(schedules[i].ruleset) for i in active]):
        ruleset = by_id[ruleset_id]
        chosen = active if members is None else [active[k] for k in members.tolist()]
        batch = _Batch([schedules[i] for i in chosen], lang)
        out = _Collector(batch)
        for rule in ruleset.rules:
            _HANDLERS[type(rule)](rule, batch, out)
        found = out.violations({rule_id: k for k, rule_id in enumerate(ruleset.rule_ids)})
        w_off = batch.w_off.tolist()
        for t, i in enumerate(chosen):
            weeks = _WeekRange(batch.weeks, w_off[t], w_off[t + 1])
            reports[i] = Report(schedules[i], lang, found[t], weeks, out.blocks[t])
    return reports  # type: ignore[return-value]
