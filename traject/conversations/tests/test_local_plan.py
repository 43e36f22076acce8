"""The lokaal opleidingsplan: versioned, kept by the opleider, used to find where goals fit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from traject.conversations import services
from traject.conversations.models import LocalPlanRevision
from traject.core.concurrency import ConflictError
from traject.portfolio.models import Epa, LearningGoal

pytestmark = pytest.mark.django_db


def test_every_change_is_a_new_version_and_a_stale_edit_is_refused(world):
    opleider = world.users["opleider"]
    plan = services.local_plan_create(service=world.nl_service, actor=opleider)
    epa = Epa.objects.create(specialty=world.nl_specialty, code="IG-1", title="Acute opname")
    services.local_plan_add_item(
        plan=plan, actor=opleider, epa=epa, period="jaar 1", assessment="KPB"
    )
    services.local_plan_add_item(
        plan=plan, actor=opleider, theme="Echografie", period="jaar 2", assessment="OSATS"
    )
    plan.refresh_from_db()
    assert plan.version == 3
    versions = list(LocalPlanRevision.objects.filter(plan=plan).order_by("version"))
    assert [len(v.snapshot["items"]) for v in versions] == [0, 1, 2]
    with pytest.raises(ConflictError):
        services.local_plan_add_item(
            plan=plan, actor=opleider, theme="x", period="y", assessment="z", expected_version=1
        )
    with pytest.raises(ValidationError):  # neither an EPA nor a theme
        services.local_plan_add_item(plan=plan, actor=opleider, period="y", assessment="z")
    with pytest.raises(ValidationError):
        services.local_plan_create(service=world.nl_service, actor=opleider)


def test_only_the_opleider_or_deputy_of_the_institution_maintains_it(world):
    plan = services.local_plan_create(service=world.nl_service, actor=world.nl_deputy)
    for persona in ("aios", "stagemeester", "programme_admin"):
        with pytest.raises(PermissionDenied):
            services.local_plan_add_item(
                plan=plan, actor=world.users[persona], theme="t", period="p", assessment="a"
            )
    with pytest.raises(PermissionDenied):
        services.local_plan_create(service=world.service, actor=world.users["stagemeester"])


def test_the_aios_sees_where_in_the_region_a_goal_can_be_met(client, world):
    opleider = world.users["opleider"]
    plan = services.local_plan_create(service=world.nl_service, actor=opleider)
    epa = Epa.objects.create(specialty=world.nl_specialty, code="IG-2", title="Spreekuur")
    services.local_plan_add_item(
        plan=plan, actor=opleider, epa=epa, period="jaar 2-4", assessment="KPB"
    )
    goal = LearningGoal.objects.create(trainee=world.aios_trainee, title="Eigen spreekuur")
    goal.epas.add(epa)
    client.force_login(world.users["aios"])
    body = client.get(f"/conversations/aios/{world.aios_trainee.pk}/goals/").content.decode()
    assert "Eigen spreekuur" in body and str(world.nl_hospital) in body and "jaar 2-4" in body
    api = client.get(f"/api/v1/conversations/trainees/{world.aios_trainee.pk}/goal-places")
    assert api.json()[0]["hospitals"] == [str(world.nl_hospital)]
