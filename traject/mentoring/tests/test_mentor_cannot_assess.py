"""The mentor is a confidant, not an assessor: no assessment or entrustment action anywhere."""

import re

import pytest
from django.urls import get_resolver, reverse

from traject.core.registry import app_modules
from traject.core.tests.test_permission_table import _named_patterns

ASSESSING = re.compile(
    r"assess|entrust|bekwaam|evaluat|grade|score|judg|review|feedback_give|submission_decide"
)
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _assessment_url_names():
    return sorted(
        name for name in _named_patterns(get_resolver().url_patterns) if ASSESSING.search(name)
    )


def test_no_permission_row_grants_a_mentor_an_assessing_write():
    rows = [
        row
        for module in app_modules("tests.permission_rows")
        for row in module.ROWS
        if ASSESSING.search(row.url_name) and row.method in WRITES
    ]
    assert rows, "the portfolio's assessment and entrustment actions should have rows"
    granted = [row.id for row in rows if row.expect["mentor"] < 400]
    assert not granted, f"a mentor may assess through {granted}"


@pytest.mark.django_db
def test_the_mentors_pages_offer_no_assessment_action(client, world):
    client.force_login(world.users["mentor"])
    pages = [
        reverse("core:dashboard"),
        reverse("mentoring:dashboard"),
        reverse("mentoring:group_detail", args=[world.mentor_group.pk]),
        reverse("mentoring:trainee_detail", args=[world.trainee.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not re.search(r'(href|action)="[^"]*(assess|entrust|bekwaam)', body), url


def test_mentoring_itself_has_no_assessing_url():
    assert not [
        name for name in _assessment_url_names() if name.startswith(("mentoring:", "api:mentoring"))
    ]


@pytest.mark.django_db
def test_the_mentor_role_alone_gives_no_assessment_permission(world):
    """Whatever assessment predicates the apps define, a mentor with no other role fails them."""
    import inspect

    mentor = world.users["mentor"]
    checked = []
    for module in app_modules("permissions"):
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ != module.__name__:
                continue
            if not re.match(r"can_(assess|entrust|review|give_feedback|decide)", name):
                continue
            params = list(inspect.signature(func).parameters)
            if params == ["user"]:
                assert not func(mentor), name
                checked.append(name)
            elif len(params) == 2 and params[1] in {"trainee", "aso"}:
                assert not func(mentor, world.trainee), name
                checked.append(name)
    assert checked, "expected the portfolio's entrustment and feedback predicates"
