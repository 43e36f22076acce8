"""Issue #10 in the conversation cycle: the page and the API reach a talk, a plan, a part of a
plan through the same access functions (no relation 404, wrong role 403), and every API write
on an existing object says which version it read (428 without, 409 when stale)."""

import datetime

import pytest
from django.utils import timezone

from traject.conversations.models import Kind, LocalPlan, LocalPlanItem, Talk

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def planned(world):
    return Talk.objects.create(
        trainee=world.aios_trainee,
        stage=world.nl_stage,
        kind=Kind.PROGRESS,
        training_year=1,
        planned_on=TODAY + datetime.timedelta(days=5),
        held_by=world.users["opleider"],
        created_by=world.users["opleider"],
    )


def _patch(client, url, data, **headers):
    return client.patch(url, data, content_type="application/json", **headers)


def test_moving_a_talk_needs_the_version_read(client, world, planned):
    client.force_login(world.users["opleider"])
    url = f"/api/v1/conversations/talks/{planned.pk}"
    on = str(TODAY + datetime.timedelta(days=9))
    missing = _patch(client, url, {"planned_on": on})
    assert missing.status_code == 428 and missing.json()["code"] == "version_required"
    assert _patch(client, url, {"planned_on": on, "version": 99}).status_code == 409
    moved = _patch(client, url, {"planned_on": on}, HTTP_IF_MATCH=f'"{planned.version}"')
    assert moved.status_code == 200 and moved.json()["planned_on"] == on
    planned.refresh_from_db()
    assert str(planned.planned_on) == on and planned.version == moved.json()["version"]


def test_removing_a_talk_needs_the_version_and_others_find_nothing(client, world, planned):
    url = f"/api/v1/conversations/talks/{planned.pk}"
    client.force_login(world.users["mentor"])
    assert client.delete(f"{url}?version={planned.version}").status_code == 404
    client.force_login(world.nl_group_member)
    assert client.delete(f"{url}?version={planned.version}").status_code == 403
    client.force_login(world.users["opleider"])
    assert client.delete(url).status_code == 428
    assert client.delete(f"{url}?version={planned.version + 1}").status_code == 409
    assert Talk.objects.filter(pk=planned.pk).exists()
    assert client.delete(f"{url}?version={planned.version}").status_code == 204
    assert not Talk.objects.filter(pk=planned.pk).exists()


def test_a_report_through_the_api_needs_the_version(client, world, planned):
    Talk.objects.filter(pk=planned.pk).update(planned_on=TODAY)
    client.force_login(world.users["opleider"])
    url = f"/api/v1/conversations/talks/{planned.pk}/report"
    data = {"held_on": str(TODAY), "report": "Goed gesprek"}
    assert client.post(url, data, content_type="application/json").status_code == 428
    data["version"] = planned.version
    assert client.post(url, data, content_type="application/json").status_code == 200


def test_the_duration_and_goal_places_are_not_for_the_group(client, world):
    trainee = world.aios_trainee.pk
    client.force_login(world.nl_group_member)
    assert client.get(f"/api/v1/conversations/trainees/{trainee}/duration").status_code == 403
    assert client.get(f"/conversations/aios/{trainee}/goals/").status_code == 403
    client.force_login(world.users["aios"])
    assert client.get(f"/api/v1/conversations/trainees/{trainee}/duration").status_code == 200
    client.force_login(world.users["mentor"])
    assert client.get(f"/api/v1/conversations/trainees/{trainee}/duration").status_code == 404


def test_a_part_of_another_plan_is_not_found(client, world):
    mine = LocalPlan.objects.create(specialty=world.nl_specialty, hospital=world.nl_hospital)
    other_hospital = type(world.nl_hospital).objects.create(
        name="Ander ziekenhuis", city="Utrecht", country="NL", region=world.nl_hospital.region
    )
    other = LocalPlan.objects.create(specialty=world.nl_specialty, hospital=other_hospital)
    item = LocalPlanItem.objects.create(plan=other, theme="X", period="jaar 1", assessment="KPB")
    client.force_login(world.users["opleider"])
    answer = client.post(f"/conversations/plans/{mine.pk}/items/{item.pk}/remove/")
    assert answer.status_code == 404
    assert LocalPlanItem.objects.filter(pk=item.pk).exists()


def test_someone_outside_the_cycle_is_refused_the_overview(client, world):
    client.force_login(world.users["mentor"])
    assert client.get("/conversations/").status_code == 403
    client.force_login(world.users["aios"])
    answer = client.get("/conversations/")
    assert answer.status_code == 302 and str(world.aios_trainee.pk) in answer["Location"]
