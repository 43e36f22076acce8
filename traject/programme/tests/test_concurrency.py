"""Registrations racing for the last place (PostgreSQL: real concurrent transactions)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from traject.programme import services
from traject.programme.models import Registration
from traject.testing import factories as f
from traject.testing.world import build_world

from .helpers import make_session

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every write transaction"
)
def test_only_as_many_registrations_as_places_when_trainers_race():
    world = build_world()
    session = make_session(world, capacity=2)
    trainers = [f.TrainerRecognitionFactory(service=world.service).trainer for _ in range(6)]
    barrier = threading.Barrier(len(trainers))
    outcomes = []

    def register(trainer):
        try:
            barrier.wait()
            services.registration_create(session=session, actor=trainer)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(t,)) for t in trainers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 2 and outcomes.count("full") == 4
    assert Registration.objects.filter(session=session).count() == 2
