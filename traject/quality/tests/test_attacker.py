"""The attacker with full read access to the database tries to link answers to people.

Run on SQLite and on PostgreSQL (the suite runs on both). The attacker reads every table with
raw SQL (and, on PostgreSQL, the row versions' transaction ids and physical positions), knows the
publicly documented coarsening rule and even the exact order in which people answered, and must
not do better than guessing within a group of at least the threshold.
"""

import math
import random
from collections import Counter, defaultdict

import pytest
from django.db import connection
from django.urls import reverse

from traject.quality.anonymity import coarsen
from traject.quality.models import AnswerSet, Invitation
from traject.quality.selectors import anonymity_threshold, campaign_results
from traject.quality.services import campaign_close
from traject.testing import factories as f

from .helpers import add_trainees, all_scores, open_campaign

pytestmark = pytest.mark.django_db

GROUP = ("service_id", "hospital_id", "specialty_id", "training_year")


def _population(world):
    """ASO in groups of very different sizes: 1, 2, 3 ... and a few large ones, several years."""
    services = [world.service, world.other_service]
    for index in range(4):
        hospital = f.HospitalFactory(university=world.university, name=f"Ziekenhuis A{index}")
        services.append(f.TrainingServiceFactory(hospital=hospital, name=f"Dienst A{index}"))
    sizes = [7, 6, 1, 2, 3, 4]
    users = []
    for service, size in zip(services, sizes, strict=True):
        users += add_trainees(world, service, size, years=3)
    return users


def _dump():
    """Every row of every table, as the attacker reads it."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - introspected names
            columns = [c[0] for c in cursor.description]
            tables[table] = {
                tuple(zip(columns, (str(v) for v in row), strict=True)) for row in cursor.fetchall()
            }
    return tables


def _row_versions(table: str, where: str = "") -> list[tuple]:
    """PostgreSQL: each row's writing and locking transaction ids and physical position."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text, xmax::text, ctid::text FROM {table} {where}")  # noqa: S608
        return cursor.fetchall()


def test_responding_writes_nothing_that_names_the_respondent(world, client):
    users = _population(world)
    campaign = open_campaign(world)
    postgres = connection.vendor == "postgresql"
    for user in users[:8]:
        client.force_login(user)
        before = _dump()
        if postgres:
            invitation_versions = _row_versions("quality_invitation")
        response = client.post(
            reverse("quality:survey_respond", args=[campaign.pk]),
            {f"item-{code}": "3" for code in all_scores()} | {"free_text": ""},
        )
        assert response.status_code == 302, response.content[:300]
        after = _dump()
        assert after["quality_invitation"] == before["quality_invitation"]
        for table, rows in after.items():
            for row in rows - before.get(table, set()):
                if table == "django_session":
                    continue  # the login of the test client itself
                for column, value in row:
                    assert user.email not in value, (table, column)
                    if column not in {"campaign_id", "training_year"}:
                        assert value != str(user.pk), (table, column, row)
        if postgres:
            # No invitation row was written or locked by the response.
            assert _row_versions("quality_invitation") == invitation_versions
            # Every answer row of the campaign carries the same writing transaction.
            xmins = {x for x, _, _ in _row_versions("quality_answerset")}
            assert len(xmins) == 1
    # While the campaign is open, the answers hold no readable group and no invitation a flag.
    assert not AnswerSet.objects.filter(campaign=campaign, filled=True, sealed="").exists()
    assert not AnswerSet.objects.filter(campaign=campaign).exclude(scores={}).exists()
    assert not AnswerSet.objects.filter(campaign=campaign).exclude(free_text="").exists()
    assert not AnswerSet.objects.filter(campaign=campaign).exclude(hospital=None).exists()
    assert not Invitation.objects.filter(campaign=campaign, responded=True).exists()


def test_an_attacker_with_the_whole_database_links_no_answer_better_than_chance(world):
    from traject.quality.services import survey_response_submit

    threshold = anonymity_threshold()
    users = _population(world)
    campaign = open_campaign(world)
    order = list(users)
    random.Random(9).shuffle(order)
    respondents = order[:-3]  # almost everyone answers, in an order the attacker even knows
    truth = {}
    for rank, user in enumerate(respondents):
        marker = f"reactie-{rank:03d}"
        truth[marker] = user.pk
        survey_response_submit(
            campaign=campaign, scores=all_scores(value=1 + rank % 5), free_text=marker, actor=user
        )
    campaign_close(campaign=campaign, actor=world.users["programme_admin"])

    # --- The attacker's view: raw rows. ---
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT user_id, service_id, hospital_id, specialty_id, training_year "
            "FROM quality_invitation WHERE campaign_id = %s AND responded",
            [campaign.pk],
        )
        responded = {row[0]: tuple(row[1:]) for row in cursor.fetchall()}
        cursor.execute(
            "SELECT id, service_id, hospital_id, specialty_id, training_year, free_text "
            "FROM quality_answerset WHERE campaign_id = %s AND filled",
            [campaign.pk],
        )
        answers = [(str(row[0]), tuple(row[1:5]), row[5]) for row in cursor.fetchall()]
    assert set(responded) == {u.pk for u in respondents}  # flags are right after closing
    assert len(answers) == len(respondents)

    # 1. Join answers to respondents on every stored group value.
    for _key, stored, marker in answers:
        candidates = [
            uid
            for uid, group in responded.items()
            if all(s is None or s == g for s, g in zip(stored, group, strict=True))
        ]
        assert truth[marker] in candidates
        assert len(candidates) >= threshold, (stored, candidates)

    # 2. Better: rebuild the cells with the (public) coarsening rule from the respondents'
    # groups. Each cell must hold at least the threshold, and the answers must be spread over
    # the cells exactly as the respondents are (so the rule is the one applied).
    uids = list(responded)
    cells = dict(zip(uids, coarsen([responded[u] for u in uids], threshold), strict=True))
    per_cell = Counter(cells.values())
    assert all(n >= threshold for n in per_cell.values()), per_cell
    assert Counter(stored for _, stored, _ in answers) == per_cell
    for _key, stored, marker in answers:
        assert cells[truth[marker]] == stored

    # 3. Order: the attacker knows who answered when and pairs the i-th respondent of each cell
    # with the i-th answer of that cell, by key and (PostgreSQL) by physical position. Expected
    # by chance: one hit per cell; allow little more over the whole campaign.
    positions = {}
    if connection.vendor == "postgresql":
        positions = {
            str(k): c
            for k, c in (
                (row[0], row[1])
                for row in _rows("SELECT id::text, ctid::text FROM quality_answerset")
            )
        }
    hits = Counter()
    by_cell = defaultdict(list)
    for key, stored, marker in answers:
        by_cell[stored].append((key, marker))
    for stored, rows in by_cell.items():
        people = [u.pk for u in respondents if cells[u.pk] == stored]
        orders = {"key": sorted(rows)}
        if positions:
            orders["position"] = sorted(rows, key=lambda r: _ctid(positions[r[0]]))
        for name, ordered in orders.items():
            hits[name] += sum(
                truth[marker] == person for (_, marker), person in zip(ordered, people, strict=True)
            )
    # Guessing gives each cell about one right match (the fixed points of a random order have
    # mean and variance 1), so len(per_cell) in all; a linking attack gets about every respondent.
    # Four standard deviations above chance keeps an honest run from failing by bad luck (a
    # fixed bound of +4 failed about one run in a hundred) and still fails any real link.
    bound = len(per_cell) + 4 * math.isqrt(len(per_cell)) + 4
    assert bound < len(respondents)  # below what a linking attack achieves (every respondent)
    for name, count in hits.items():
        assert count <= bound, (name, count, len(per_cell), bound)

    # 4. The published reports are unions of those cells, so no subtraction isolates less.
    results = campaign_results(campaign)
    assert results  # there is something to report
    for group_result in results.values():
        assert group_result.count >= threshold


def _rows(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _ctid(text):
    block, offset = text.strip("()").split(",")
    return int(block), int(offset)


def test_differencing_national_minus_visible_hospitals_leaves_at_least_the_threshold(world):
    """National minus every shown hospital (or service, or year) is a union of whole cells."""
    from traject.quality.services import survey_response_submit

    threshold = anonymity_threshold()
    users = _population(world)
    campaign = open_campaign(world)
    for user in users:
        survey_response_submit(campaign=campaign, scores=all_scores(value=2), actor=user)
    campaign_close(campaign=campaign, actor=world.users["programme_admin"])
    results = campaign_results(campaign)
    total = AnswerSet.objects.filter(campaign=campaign, filled=True).count()
    for dimension in ("service", "hospital", "specialty", "year"):
        shown = sum(r.count for (d, _k), r in results.items() if d == dimension)
        rest = total - shown
        assert rest == 0 or rest >= threshold, (dimension, rest)
    # And per hospital: the hospital minus its shown stagediensten.
    for (d, key), result in results.items():
        if d != "hospital":
            continue
        inside = sum(
            r.count
            for (d2, k2), r in results.items()
            if d2 == "service"
            and AnswerSet.objects.filter(campaign=campaign, service_id=k2, hospital_id=key).exists()
        )
        rest = result.count - inside
        assert rest == 0 or rest >= threshold


def _groups_strategy():
    from hypothesis import strategies as st

    service = st.integers(min_value=1, max_value=6)
    year = st.one_of(st.none(), st.integers(min_value=1, max_value=6))
    return st.lists(
        st.tuples(service, year).map(lambda t: (t[0], t[0] % 3, 10 + t[0] % 2, t[1])),
        max_size=60,
    )


@pytest.mark.django_db(False)
def test_coarsening_leaves_no_cell_below_the_threshold_whatever_the_groups():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(_groups_strategy(), st.integers(min_value=3, max_value=7))
    def check(groups, threshold):
        stored = coarsen(groups, threshold)
        cells = Counter(stored)
        if len(groups) >= threshold:
            assert all(n >= threshold for n in cells.values()), cells
        for group, kept in zip(groups, stored, strict=True):
            # A stored group only ever forgets: what it keeps is the respondent's own.
            assert all(k is None or k == g for k, g in zip(kept, group, strict=True))
        assert coarsen(groups, threshold) == stored  # deterministic

    check()
