"""Questions compiled once per process give the same answers as the querysets they come from."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from traject.accounts import roles
from traject.core.statements import user_statement
from traject.organisation import permissions as org
from traject.organisation.models import Stage, TeamMember, Trainee
from traject.testing.world import build_world

pytestmark = pytest.mark.django_db


def _expected_roles(user) -> frozenset[str]:
    checks = {}
    for provide in roles._role_providers():
        checks.update(provide(user))
    return frozenset(role for role, queryset in checks.items() if queryset.exists())


def test_every_persona_holds_the_roles_its_relations_give():
    world = build_world()
    seen = set()
    for name, user in world.users.items():
        if name == "anonymous":
            continue
        fresh = get_user_model().objects.get(pk=user.pk)
        assert roles.roles_of(fresh) == _expected_roles(fresh), name
        seen |= roles.roles_of(fresh)
    # The world exercises most roles: the comparison is not between empty sets.
    assert {"trainee", "stagemeester", "coordinator", "mentor", "ministry"} <= seen


def test_a_role_given_after_the_statement_was_compiled_is_seen_on_the_next_request():
    world = build_world()
    person = get_user_model().objects.create_user(email="late@example.org", password="x" * 12)
    assert roles.roles_of(person) == frozenset()
    Trainee.objects.create(
        user=person,
        specialty=world.trainee.specialty,
        university=world.trainee.university,
        training_start=world.trainee.training_start,
    )
    assert roles.roles_of(person) == frozenset()  # kept on this object, like a request's
    assert roles.roles_of(get_user_model().objects.get(pk=person.pk)) == {"trainee"}


def test_who_sees_other_trainees_agrees_with_the_full_list():
    world = build_world()
    for name, user in world.users.items():
        if name == "anonymous":
            continue
        fresh = get_user_model().objects.get(pk=user.pk)
        others = org.trainees_visible_to(fresh).exclude(user=fresh)
        # The menu's cheap question is about stages, coordination, mentoring and the scope of an
        # administrator: whoever sees no one through those sees no one at all.
        if org.sees_other_trainees(fresh):
            assert others.exists(), name
        elif not TeamMember.objects.filter(user=fresh).exists():
            assert not others.exists(), name
    assert org.sees_other_trainees(get_user_model().objects.get(pk=world.users["stagemeester"].pk))
    assert not org.sees_other_trainees(get_user_model().objects.get(pk=world.users["aso"].pk))


def test_a_question_that_does_not_depend_on_the_person_is_refused():
    def everyone(user):
        return Stage.objects.values_list("pk")

    with pytest.raises(ValueError, match="does not depend on the person"):
        user_statement("test:everyone", everyone, get_user_model()(pk=1))


def test_the_conversation_menu_facts_agree_with_their_querysets_today_and_on_another_day():
    from traject.conversations import permissions as conv

    world = build_world()
    answered = []
    for name, user in world.users.items():
        if name == "anonymous":
            continue
        fresh = get_user_model().objects.get(pk=user.pk)
        expected = (
            conv.trainees_trained_by(fresh).exists(),
            conv.teams_visible_to(fresh).exists(),
            conv.services_led_by(fresh).exists(),
        )
        assert conv.cycle_facts(fresh) == expected, name
        answered.append(expected)
    assert any(any(facts) for facts in answered)  # someone trains a group in this world
    # The day is a parameter of the compiled statement, not frozen in it.
    opleider = get_user_model().objects.get(pk=world.users["opleider"].pk)
    later = user_statement(
        "conversations.cycle_facts",
        conv._cycle_facts_question,
        opleider,
        today=datetime.date(2999, 1, 1),
    )
    assert tuple(map(bool, later))[0] is False  # no stage is current in 2999
    assert conv.cycle_facts(opleider)[0] is True
