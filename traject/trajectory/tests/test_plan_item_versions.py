"""Removing or changing a period of the stageplan needs the plan's version the editor saw."""

import pytest
from django.urls import reverse

from traject.trajectory.models import PlanItem, PlanVersion
from traject.trajectory.tests.permission_rows import extend_world

pytestmark = pytest.mark.django_db


def test_removing_a_period_needs_the_plans_version(client, world):
    extend_world(world)
    item = world.plan_item
    client.force_login(world.users["aso"])
    url = reverse("trajectory:item_delete", args=[item.pk])
    seen = PlanVersion.objects.get(pk=item.plan_id).version
    assert client.post(url).status_code == 428
    assert client.post(url, {"version": seen + 1}).status_code == 409
    assert PlanItem.objects.filter(pk=item.pk).exists()  # nothing lost
    assert client.post(url, {"version": seen}).status_code == 302
    assert not PlanItem.objects.filter(pk=item.pk).exists()
    assert PlanVersion.objects.get(pk=item.plan_id).version == seen + 1


def test_the_api_refuses_a_removal_based_on_an_older_plan(client, world):
    extend_world(world)
    item = world.plan_item
    client.force_login(world.users["aso"])
    seen = PlanVersion.objects.get(pk=item.plan_id).version
    url = f"/api/v1/trajectory/items/{item.pk}"
    assert client.delete(url).status_code == 428
    assert client.delete(url, HTTP_IF_MATCH=f'"{seen + 1}"').status_code == 409
    assert client.delete(url, HTTP_IF_MATCH=f'"{seen}"').status_code == 204
