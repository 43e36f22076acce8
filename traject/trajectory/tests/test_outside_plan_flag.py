"""A stage outside the approved stageplan is flagged on the organisation's stage pages (#13),
in a number of queries that does not grow with the number of ASO and stages."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from traject.testing import factories as f
from traject.trajectory import selectors, services
from traject.trajectory.models import PlanVersion

from .conftest import ready

FLAG = "outside the approved stageplan"


def _login_admin(client, path):
    path.admin.language = "en"  # the tests read the English source messages
    path.admin.save()
    client.force_login(path.admin)


def _approve(plan):
    PlanVersion.objects.filter(pk=plan.pk).update(state=PlanVersion.State.APPROVED)


def _stages(path):
    inside = f.StageFactory(
        trainee=path.trainee,
        service=path.service,
        stagemeester=path.stagemeester,
        start=path.start,
        end=path.start + datetime.timedelta(days=30),
    )
    outside = f.StageFactory(
        trainee=path.trainee,
        service=path.service,
        stagemeester=path.unrecognised,
        start=path.start + datetime.timedelta(days=31),
        end=path.start + datetime.timedelta(days=60),
    )
    return inside, outside


def test_the_batch_agrees_with_the_single_stage_rule(path):
    _approve(ready(path))
    inside, outside = _stages(path)
    assert selectors.stages_outside_approved_plans([inside, outside]) == {outside.pk}
    assert selectors.stage_outside_approved_plan(outside)
    assert not selectors.stage_outside_approved_plan(inside)
    assert selectors.stages_outside_approved_plans([]) == set()


def test_no_flag_without_an_approved_plan(path):
    ready(path)  # signed, not approved
    inside, outside = _stages(path)
    assert selectors.stages_outside_approved_plans([inside, outside]) == set()


def test_the_stage_list_the_aso_page_and_the_stage_page_show_the_flag(client, path):
    _approve(ready(path))
    inside, outside = _stages(path)
    _login_admin(client, path)
    listing = client.get("/organisation/stages/?show=all").content.decode()
    assert listing.count(FLAG) == 1
    profile = client.get(f"/organisation/trainees/{path.trainee.pk}/").content.decode()
    assert profile.count(FLAG) == 1
    notice = "lies outside the approved stageplan"
    assert notice in client.get(f"/organisation/stages/{outside.pk}/").content.decode()
    assert notice not in client.get(f"/organisation/stages/{inside.pk}/").content.decode()


def _more_aso(path, n):
    for i in range(n):
        trainee = f.TraineeFactory(
            user=f.UserFactory(email=f"extra{i}@example.test"),
            specialty=path.specialty,
            university=path.university,
            training_start=path.start,
        )
        trajectory = services.trajectory_open(trainee=trainee, actor=trainee.user)
        plan = trajectory.plans.get()
        PlanVersion.objects.filter(pk=plan.pk).update(state=PlanVersion.State.APPROVED)
        f.StageFactory(
            trainee=trainee,
            service=path.service,
            stagemeester=path.unrecognised,
            start=path.start,
            end=path.start + datetime.timedelta(days=20),
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_flag_costs_the_same_queries_for_2_or_12_stages(client, path):
    _approve(ready(path))
    _stages(path)
    _login_admin(client, path)
    url = "/organisation/stages/?show=all"
    few = _queries(client, url)
    _more_aso(path, 10)
    many = _queries(client, url)
    assert many == few
    assert client.get(url).content.decode().count(FLAG) == 11
