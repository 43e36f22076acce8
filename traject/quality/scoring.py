"""Scoring of survey answers and the anonymity rule for reports. Pure Python, no Django.

A report shows a group (all respondents, a stagedienst, a hospital, a specialty, a year of
training) only when it has at least ``threshold`` responses. Showing a group next to groups
inside it could still reveal a small group by subtraction (a hospital of 8 responses next to
one of its stagediensten with 6 gives away the other 2), so a group is shown only when what is
left after subtracting the shown groups inside it is nothing or at least ``threshold``
responses (secondary suppression). Intersections (hospital x year ...) are never shown.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

SCALE = (1, 2, 3, 4, 5)
DIMENSIONS = ("service", "hospital", "specialty", "year")
ALL = ("all", None)

Group = tuple  # (dimension, key); ("all", None) is everyone in the data set


@dataclass
class Response:
    service: object = None
    hospital: object = None
    specialty: object = None
    year: object = None
    scores: dict = field(default_factory=dict)
    free_text: str = ""

    def groups(self) -> list[Group]:
        return [ALL, *((dim, getattr(self, dim)) for dim in DIMENSIONS)]


@dataclass
class GroupResult:
    group: Group
    count: int
    themes: dict  # theme code -> mean score (1..5) or None when every answer was N/A
    free_text: list


def valid_score(value) -> bool:
    return value is None or (
        isinstance(value, int) and not isinstance(value, bool) and value in SCALE
    )


def theme_means(responses: Iterable[Response], item_theme: dict) -> dict:
    """Mean score per theme over all answered items (N/A answers left out)."""
    sums: dict = defaultdict(int)
    counts: dict = defaultdict(int)
    for response in responses:
        for item, score in response.scores.items():
            theme = item_theme.get(item)
            if theme is None or score is None:
                continue
            sums[theme] += score
            counts[theme] += 1
    themes = dict.fromkeys(dict.fromkeys(item_theme.values()))
    for theme in themes:
        if counts[theme]:
            themes[theme] = round(sums[theme] / counts[theme], 2)
    return themes


def visible_groups(responses: list[Response], threshold: int) -> tuple[set, Counter]:
    """Return the groups that may be shown, and the count of every group.

    Primary rule: at least ``threshold`` responses. Secondary rule: for a shown group X and
    each dimension, the shown groups of that dimension lying wholly inside X (a stagedienst
    inside its hospital, but also a stagedienst whose respondents all happen to be in year 2)
    must leave either nothing or at least ``threshold`` responses of X uncovered; otherwise X
    is hidden too. Repeated until nothing changes.
    """
    counts: Counter = Counter()
    members: dict = defaultdict(list)
    for index, response in enumerate(responses):
        for group in response.groups():
            counts[group] += 1
            members[group].append(index)
    shown = {g for g, n in counts.items() if n >= threshold and (g == ALL or g[1] is not None)}
    # For each group X and dimension d: the d-groups wholly inside X.
    inside: dict = {}
    for group in shown:
        for dimension in DIMENSIONS:
            if dimension == group[0]:
                continue
            touched = Counter(getattr(responses[i], dimension) for i in members[group])
            inside[(group, dimension)] = [
                (dimension, key)
                for key, n in touched.items()
                if key is not None and counts[(dimension, key)] == n
            ]
    changed = True
    while changed:
        changed = False
        for group in sorted(shown, key=lambda g: (g[0], str(g[1]))):
            for dimension in DIMENSIONS:
                covered = [
                    c for c in inside.get((group, dimension), []) if c in shown and c != group
                ]
                residual = counts[group] - sum(counts[c] for c in covered)
                if covered and 0 < residual < threshold:
                    if group == ALL and dimension != "service":
                        # Keep the national figure: hide the smallest year, hospital or
                        # specialty instead (stagedienst reports are never sacrificed).
                        shown.discard(min(covered, key=lambda c: (counts[c], str(c[1]))))
                    else:
                        shown.discard(group)
                    changed = True
                    break
    return shown, counts


def aggregate(responses: list[Response], item_theme: dict, threshold: int) -> dict:
    """Results of every group that may be shown: count, theme means, free texts (sorted)."""
    shown, counts = visible_groups(responses, threshold)
    members: dict = defaultdict(list)
    for response in responses:
        for group in response.groups():
            if group in shown:
                members[group].append(response)
    results = {}
    for group in shown:
        group_responses = members[group]
        results[group] = GroupResult(
            group=group,
            count=counts[group],
            themes=theme_means(group_responses, item_theme),
            # Sorted, so that the order says nothing about who wrote what or when.
            free_text=sorted(r.free_text.strip() for r in group_responses if r.free_text.strip()),
        )
    return results


def pooled_means(responses: Iterable[Response], item_theme: dict) -> dict:
    """Theme means over responses pooled from several data sets (the national figure)."""
    return theme_means(responses, item_theme)
