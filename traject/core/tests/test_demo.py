from django.core.management import call_command

from traject.accounts.roles import roles_of
from traject.mentoring.models import MAX_GROUP_SIZE, MentorGroup
from traject.organisation.models import (
    Hospital,
    Specialty,
    Stage,
    Trainee,
    TrainingService,
    University,
)


def _belgian_counts():
    # The Dutch region (traject/conversations/demo.py) has its own test.
    return (
        University.objects.filter(country="BE").count(),
        Hospital.objects.filter(country="BE").count(),
        TrainingService.objects.filter(hospital__country="BE").count(),
        Trainee.objects.filter(specialty__country="BE").count(),
        MentorGroup.objects.count(),
    )


def test_demo_loads_a_realistic_world_once(db, demo_loaded):
    counts = _belgian_counts()
    assert counts[0] == 2 and counts[1] == 6
    assert Specialty.objects.filter(country="BE").count() == 31
    assert 35 <= counts[2] <= 60
    assert counts[3] == 200
    assert 20 <= counts[4] <= 30
    assert all(group.memberships.count() <= MAX_GROUP_SIZE for group in MentorGroup.objects.all())
    call_command("demo", quiet_logins=True)
    assert counts == _belgian_counts()


def test_demo_stages_respect_every_stagemeesters_capacity(db, demo_loaded):
    from django.utils import timezone

    from traject.organisation.services import stage_capacity_problems

    today = timezone.localdate()
    stages = list(Stage.objects.filter(start__lte=today, end__gte=today)[:60]) + list(
        Stage.objects.filter(end__lt=today)[:30]
    )
    assert len(stages) > 60
    for stage in stages:
        assert stage_capacity_problems(stage) == [], stage


def test_demo_personas_hold_their_roles(db, demo_loaded):
    from traject.accounts.models import User

    expected = {
        "aso": "trainee",
        "stagemeester": "stagemeester",
        "coordinator": "coordinator",
        "mentor": "mentor",
        "programme-admin": "programme_admin",
        "ministry": "ministry",
    }
    for prefix, role in expected.items():
        assert role in roles_of(User.objects.get(email=f"{prefix}@demo.traject.be")), prefix
