"""Percentage agreeing per item of a course evaluation. Pure Python, no Django.

"Agreeing" is a 4 or 5 on the 5-point scale; "not applicable" answers are left out of the
denominator. Nothing is computed below the anonymity threshold: the caller gets ``None``.
"""

from collections.abc import Iterable

AGREE = (4, 5)


def percent_agreeing(score_sets: Iterable[dict], item_codes: list[str], threshold: int):
    """Return ``{"count": n, "items": {code: percent or None}}``, or None below the threshold."""
    answers = [scores for scores in score_sets if isinstance(scores, dict)]
    if len(answers) < threshold:
        return None
    items = {}
    for code in item_codes:
        given = [s.get(code) for s in answers if s.get(code) is not None]
        items[code] = (
            round(100 * sum(1 for v in given if v in AGREE) / len(given)) if given else None
        )
    return {"count": len(answers), "items": items}


def points_status(points, required) -> dict:
    """How far a trainer is from the yearly requirement (``required`` None: no requirement)."""
    if required is None:
        return {"points": points, "required": None, "missing": 0, "meets": True}
    missing = max(required - points, 0)
    return {"points": points, "required": required, "missing": missing, "meets": missing == 0}
