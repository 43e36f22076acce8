"""IOP goals and to-do items change only with the version the editor saw (428 / 409)."""

import json

import pytest
from django.urls import reverse

from traject.portfolio import services
from traject.portfolio.models import LearningGoal, TodoItem

from .helpers import course_with_items, todo_list_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(world):
    aso = world.users["aso"]
    return services.goal_save(goal=LearningGoal(trainee=world.trainee, title="Echo"), actor=aso)


def test_an_iop_goal_needs_the_version_in_the_api_and_on_the_page(client, world, goal):
    client.force_login(world.users["aso"])
    url = reverse("api:portfolio_goal_update", args=[goal.pk])
    body = {"title": "Echo hart"}
    assert client.put(url, json.dumps(body), content_type="application/json").status_code == 428
    stale = client.put(url, json.dumps({**body, "version": 4}), content_type="application/json")
    assert stale.status_code == 409
    assert LearningGoal.objects.get(pk=goal.pk).title == "Echo"
    page = reverse("portfolio:goal_edit", args=[goal.pk])
    form = {"title": "Echo hart", "status": "active"}
    response = client.post(page, form)
    assert response.status_code == 200 and response.context["form"].errors
    assert client.post(page, {**form, "version": goal.version}).status_code == 302
    assert LearningGoal.objects.get(pk=goal.pk).title == "Echo hart"


def test_the_stagemeester_agrees_only_with_the_version_seen(client, world, goal):
    client.force_login(world.users["stagemeester"])
    url = reverse("portfolio:goal_agree", args=[goal.pk])
    assert client.post(url).status_code == 428
    assert LearningGoal.objects.get(pk=goal.pk).agreed_by is None


def test_a_todo_item_needs_the_version_in_the_api_and_on_the_page(client, world):
    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind="attend")
    client.force_login(world.users["aso"])
    url = reverse("api:portfolio_todo_item_update", args=[item.pk])
    body = {"done": True}
    assert client.put(url, json.dumps(body), content_type="application/json").status_code == 428
    stale = client.put(url, json.dumps({**body, "version": 5}), content_type="application/json")
    assert stale.status_code == 409
    assert not TodoItem.objects.get(pk=item.pk).is_done
    page = reverse("portfolio:todo_item", args=[item.pk])
    response = client.post(page, {"done": "on"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not TodoItem.objects.get(pk=item.pk).is_done
    assert client.post(page, {"done": "on", "version": item.version}).status_code == 302
    assert TodoItem.objects.get(pk=item.pk).is_done


def test_a_file_is_removed_only_with_the_version_the_aso_saw(client, world):
    from traject.portfolio.models import ItemFile, ItemKind

    from .helpers import pdf

    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind=ItemKind.UPLOAD)
    attached = services.todo_item_attach_file(item=item, actor=world.users["aso"], uploaded=pdf())
    client.force_login(world.users["aso"])
    page = client.get(reverse("portfolio:todo_item", args=[item.pk])).content.decode()
    assert 'name="version" value="1"' in page  # the remove form carries it
    url = reverse("portfolio:item_file_delete", args=[attached.pk])
    assert client.post(url).status_code == 428
    ItemFile.objects.filter(pk=attached.pk).update(version=2)  # changed meanwhile
    stale = client.post(url, {"version": 1})
    assert stale.status_code == 409
    assert "Intussen heeft iemand anders dit gewijzigd" in stale.content.decode()
    assert "verslag.pdf" in stale.content.decode()  # nothing lost: the files as they are now
    assert ItemFile.objects.filter(pk=attached.pk).exists()
    assert client.post(url, {"version": 2}).status_code == 302
    assert not ItemFile.objects.filter(pk=attached.pk).exists()
