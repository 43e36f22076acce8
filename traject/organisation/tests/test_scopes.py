"""The scope predicates: one query each, no duplicates, and the menu's cheap question agrees."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from traject.accounts.models import User
from traject.organisation import permissions
from traject.organisation.models import Trainee
from traject.testing import factories as f


def _reference(user) -> set[int]:
    """The definition, spelled out in Python over every ASO."""
    from traject.mentoring.models import MentorGroupMembership

    seen = set()
    for trainee in Trainee.objects.all():
        stages = list(trainee.stages.select_related("service__hospital"))
        membership = MentorGroupMembership.objects.filter(trainee=trainee).first()
        if (
            trainee.user_id == user.pk
            or any(s.stagemeester_id == user.pk for s in stages)
            or any(s.service.hospital.coordinators.filter(user=user).exists() for s in stages)
            or (membership is not None and membership.group.mentor_id == user.pk)
            or (
                permissions.is_programme_admin(user)
                and permissions.in_admin_scope(user, trainee.university_id, trainee.specialty_id)
            )
        ):
            seen.add(trainee.pk)
    return seen


def test_every_persona_sees_exactly_the_asos_of_the_definition(world):
    # A second stage of the same ASO under the same stagemeester: no duplicate rows.
    f.StageFactory(
        trainee=world.trainee,
        service=world.service,
        stagemeester=world.users["stagemeester"],
        start=world.stage.end,
        end=world.stage.end,
    )
    f.TraineeFactory()  # a stranger nobody in the world is related to
    for user in User.objects.all():
        ids = list(permissions.trainees_visible_to(user).values_list("pk", flat=True))
        assert len(ids) == len(set(ids)), user
        assert set(ids) == _reference(user), user
        assert permissions.sees_other_trainees(user) == bool(
            set(ids) - {t.pk for t in Trainee.objects.filter(user=user)}
        ), user


def test_the_menu_question_is_one_query_and_no_join_over_asos(world):
    from traject.accounts.roles import roles_of

    user = world.users["stagemeester"]
    roles_of(user)  # the roles are read once per request, by the menu as a whole
    with CaptureQueriesContext(connection) as queries:
        assert permissions.sees_other_trainees(user)
    assert len(queries) == 1
    sql = queries[0]["sql"].upper()
    assert "DISTINCT" not in sql
    assert "EXISTS" in sql


def test_the_scope_query_neither_joins_nor_deduplicates(world):
    sql = str(permissions.trainees_visible_to(world.users["stagemeester"]).query).upper()
    assert "DISTINCT" not in sql
    assert "OUTER JOIN" not in sql


def test_anonymous_and_strangers_see_nobody(world):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.trainees_visible_to(AnonymousUser()).exists()
    assert not permissions.sees_other_trainees(AnonymousUser())
    stranger = f.UserFactory()
    assert not permissions.trainees_visible_to(stranger).exists()
    assert not permissions.sees_other_trainees(stranger)
