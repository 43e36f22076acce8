"""Who may hold a role: the same checks through the API, the pages and the services."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from traject.organisation.models import HospitalCoordinator, ProgrammeAdministrator
from traject.testing import factories as f

pytestmark = pytest.mark.django_db


def _patch_mentor(client, world, user):
    client.force_login(world.users["programme_admin"])
    group = world.mentor_group
    group.refresh_from_db()
    return client.patch(
        f"/api/v1/mentoring/groups/{group.pk}",
        data=json.dumps({"mentor_id": user.pk, "version": group.version}),
        content_type="application/json",
    )


@pytest.mark.parametrize(
    "persona",
    ["programme_admin", "stagemeester", "aso", "other_aso"],
    ids=["the administrator themself", "a member's stagemeester", "a member", "another ASO"],
)
def test_the_api_refuses_a_mentor_who_is_not_independent_staff(client, world, persona):
    response = _patch_mentor(client, world, world.users[persona])
    assert response.status_code == 400, response.content
    world.mentor_group.refresh_from_db()
    assert world.mentor_group.mentor == world.users["mentor"]


def test_an_assessor_of_a_member_cannot_become_the_mentor(client, world):
    assessor = f.UserFactory()
    from traject.portfolio.models import Feedback

    Feedback.objects.create(
        trainee=world.trainee,
        author=assessor,
        moment_date=datetime.date(2026, 10, 1),
        what="Consult",
    )
    response = _patch_mentor(client, world, assessor)
    assert response.status_code == 400
    assert "beoordeelt" in response.json()["detail"]["mentor"][0]


def test_independent_staff_may_become_the_mentor(client, world):
    staff = f.UserFactory()
    response = _patch_mentor(client, world, staff)
    assert response.status_code == 200, response.content
    world.mentor_group.refresh_from_db()
    assert world.mentor_group.mentor == staff


def test_adding_a_mentee_whose_stagemeester_is_the_mentor_is_refused(world):
    from traject.mentoring.services import mentor_group_add_trainee

    group = f.MentorGroupFactory(mentor=world.users["stagemeester"], university=world.university)
    with pytest.raises(ValidationError):
        mentor_group_add_trainee(
            group=group, trainee=world.trainee, actor=world.users["programme_admin"]
        )


def test_the_mentor_cannot_become_the_stagemeester_of_a_mentee(world):
    from traject.organisation.services import stage_save

    f.TrainerRecognitionFactory(
        trainer=world.users["mentor"],
        service=world.service,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2030, 1, 1),
        capacity=5,
    )
    stage = world.stage
    stage.stagemeester = world.users["mentor"]
    with pytest.raises(ValidationError) as error:
        stage_save(
            stage=stage, actor=world.users["programme_admin"], expected_version=stage.version
        )
    assert "stagemeester" in error.value.message_dict


def test_nobody_makes_themself_coordinator_or_administrator_and_no_aso_gets_the_role(world):
    from traject.organisation.services import reference_save

    admin = world.users["programme_admin"]
    for instance in (
        HospitalCoordinator(user=admin, hospital=world.hospital),
        ProgrammeAdministrator(user=admin, university=world.other_university),
        HospitalCoordinator(user=world.users["aso"], hospital=world.hospital),
        ProgrammeAdministrator(user=world.users["aso"], university=world.university),
    ):
        with pytest.raises(ValidationError):
            reference_save(instance=instance, actor=admin, permission=lambda _user: True)
    assert not HospitalCoordinator.objects.filter(user__in=[admin, world.users["aso"]]).exists()


def test_the_coordinator_page_refuses_an_aso_with_a_form_error(client, world):
    client.force_login(world.users["programme_admin"])
    url = reverse("organisation:coordinator_create")
    response = client.post(url, {"user": world.users["aso"].pk, "hospital": world.hospital.pk})
    assert response.status_code == 200
    assert not HospitalCoordinator.objects.filter(user=world.users["aso"]).exists()


def test_a_titularis_is_staff_and_mentors_none_of_the_course_s_aso(world):
    from traject.portfolio.services import course_save

    course = world.course
    course.titularis = world.users["mentor"]  # mentors the world's ASO
    with pytest.raises(ValidationError):
        course_save(
            course=course, actor=world.users["programme_admin"], expected_version=course.version
        )
    course.titularis = world.users["other_aso"]
    with pytest.raises(ValidationError):
        course_save(
            course=course, actor=world.users["programme_admin"], expected_version=course.version
        )
