"""Every pending task of a stagemeester and an ASO is one tap from the dashboard."""

import pytest
from django.urls import reverse
from django.utils import timezone

from traject.portfolio import selectors, services
from traject.portfolio.models import Epa, LearningGoal

from .helpers import complete_list, course_with_items, todo_list_of

pytestmark = pytest.mark.django_db


def _goal(world, title="Echo zelfstandig"):
    goal = LearningGoal(trainee=world.trainee, title=title)
    return services.goal_save(goal=goal, actor=world.users["aso"])


def test_goals_to_agree_and_epa_decisions_are_links_on_the_stagemeester_dashboard(client, world):
    goal = _goal(world)
    epa = Epa.objects.create(specialty=world.specialty, code="IG-1", title="Acute opname")
    stagemeester = world.users["stagemeester"]
    today = timezone.localdate()
    services.feedback_give(
        trainee=world.trainee,
        actor=stagemeester,
        moment_date=today,
        what="Opname",
        went_well="Anamnese",
        to_improve="Tempo",
        epa=epa,
        entrustment_level=3,
    )
    client.force_login(stagemeester)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("portfolio:goal_detail", args=[goal.pk]) in body
    assert (
        f"{reverse('portfolio:entrustment_create', args=[world.trainee.pk])}?epa={epa.pk}" in body
    )

    services.goal_agree(goal=goal, actor=stagemeester, expected_version=goal.version)
    services.entrustment_decide(
        trainee=world.trainee,
        epa=epa,
        actor=stagemeester,
        level=3,
        decided_on=today,
        rationale="Zelfstandig onder toezicht op afstand.",
    )
    tasks = selectors.stagemeester_tasks(stagemeester)
    assert tasks["goals"] == [] and tasks["epa_decisions"] == []
    body = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("portfolio:goal_detail", args=[goal.pk]) not in body


def test_another_stagemeester_sees_none_of_these_tasks(world):
    _goal(world)
    tasks = selectors.stagemeester_tasks(world.users["other_stagemeester"])
    assert tasks["goals"] == [] and tasks["epa_decisions"] == []


def test_the_stagemeester_dashboard_keeps_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for n in range(5):
        _goal(world, f"Doel {n}")
    client.force_login(world.users["stagemeester"])
    with django_assert_max_num_queries(60):
        client.get(reverse("core:dashboard"))


def test_the_aso_page_offers_a_way_on_to_the_stagemeester_only_for_their_aso(client, world):
    client.force_login(world.users["stagemeester"])
    body = client.get(reverse("organisation:trainee_detail", args=[world.trainee.pk])).content
    body = body.decode()
    for name in ("trainee_overview", "iop", "feedback_give", "entrustment_create"):
        assert reverse(f"portfolio:{name}", args=[world.trainee.pk]) in body, name


def test_a_returned_list_is_marked_on_the_aso_dashboard_with_the_feedback(client, world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    complete_list(todo, world.users["aso"])
    submission = services.todo_list_submit(todo_list=todo, actor=world.users["aso"])
    services.submission_decide(
        submission=submission,
        actor=world.users["titularis"],
        decision="returned",
        feedback="Voeg een besluit toe.",
    )
    client.force_login(world.users["aso"])
    body = client.get(reverse("core:dashboard")).content.decode()
    assert 'class="returned"' in body and "Voeg een besluit toe." in body


def test_a_resubmission_marks_new_files_and_the_changed_text():
    before = [
        {"item_id": 1, "done": True, "note": "a", "reflection": "<p>old line</p>", "files": []}
    ]
    after = [
        {
            "item_id": 1,
            "done": True,
            "note": "a",
            "reflection": "<p>new line</p>",
            "files": [{"id": 7, "name": "x.pdf", "size": 1}],
        },
        {"item_id": 2, "done": False, "note": "", "reflection": "", "files": []},
    ]
    changes = selectors.submission_changes(before, after)
    assert changes[1]["new_files"] == {7}
    assert {"sign": "+", "text": "new line"} in changes[1]["diff"]
    assert {"sign": "-", "text": "old line"} in changes[1]["diff"]
    assert changes[2]["new_item"] and changes[2]["changed"]
    assert selectors.submission_changes(None, after) == {}
    assert not selectors.submission_changes(after, after)[1]["changed"]
