"""Overlapping entries are impossible even when saves of the same slot arrive at once.

The overlap check reads, then writes: without a lock two saves at once both passed it (issue
17: ten identical saves stored two entries in 3 of 5 trials). The service serialises the writes
of one ASO and, on PostgreSQL, exclusion constraints refuse an overlap in the database itself.
"""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, close_old_connections, connection, transaction

from traject.worktime import services
from traject.worktime.models import TimeEntry

from .helpers import at

SAVES = 8
# The race tests commit for real (threads need committed data); serialized_rollback restores
# what the migrations loaded (specialties, ...) for the tests that follow in the session.


def _fire_at_once(function, n=SAVES):
    """Run ``function(i)`` in ``n`` threads released together; return (results, errors)."""
    barrier = threading.Barrier(n)
    results, errors = [], []
    lock = threading.Lock()

    def run(i):
        try:
            barrier.wait()
            value = function(i)
            with lock:
                results.append(value)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            with lock:
                errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results, errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("kind", ["planned", "oncall_home_standby"])
def test_concurrent_saves_of_the_same_slot_store_exactly_one_entry(kind):
    from traject.testing.world import build_world

    world = build_world()
    trainee = world.trainee
    start, end = at("2025-01-06 08:00"), at("2025-01-06 20:00")

    def save(i):
        # Every other save is shifted by an hour: overlapping, not identical.
        shift = (i % 2) * 3600
        return services.time_entry_create(
            trainee=trainee,
            actor=trainee.user,
            start=start + datetime.timedelta(seconds=shift),
            end=end + datetime.timedelta(seconds=shift),
            kind=kind,
        )

    results, errors = _fire_at_once(save)
    assert TimeEntry.objects.filter(trainee=trainee).count() == 1
    assert len(results) == 1
    # Every other save was refused with the clear message, never a database error.
    assert len(errors) == SAVES - 1
    for exc in errors:
        assert isinstance(exc, ValidationError), repr(exc)
        assert "overlap" in " ".join(exc.messages).lower()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_imports_of_the_same_week_store_it_once():
    from traject.testing.world import build_world

    world = build_world()
    trainee = world.trainee

    def import_week(_i):
        candidates = [
            services.Candidate(
                line=str(n),
                entry=services.TimeEntry(
                    start=at(f"2025-01-{6 + n:02d} 08:00"), end=at(f"2025-01-{6 + n:02d} 17:00")
                ),
            )
            for n in range(5)
        ]
        return services.time_entries_bulk_create(
            trainee=trainee, actor=trainee.user, candidates=candidates
        )

    results, errors = _fire_at_once(import_week, n=4)
    assert not errors, errors
    assert sum(1 for r in results if r.ok) == 1
    assert TimeEntry.objects.filter(trainee=trainee).count() == 5


@pytest.mark.django_db
def test_on_postgresql_the_database_refuses_an_overlap_that_bypasses_the_service(world):
    if connection.vendor != "postgresql":
        pytest.skip("exclusion constraints exist on PostgreSQL only")
    trainee = world.trainee
    TimeEntry.objects.create(
        trainee=trainee, start=at("2025-01-06 08:00"), end=at("2025-01-06 20:00"), kind="planned"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeEntry.objects.create(
            trainee=trainee,
            start=at("2025-01-06 19:00"),
            end=at("2025-01-06 22:00"),
            kind="education",
        )
    # Touching ends are fine; a call-out inside a standby is fine; standbys may not overlap.
    TimeEntry.objects.create(
        trainee=trainee, start=at("2025-01-06 20:00"), end=at("2025-01-06 22:00"), kind="planned"
    )
    TimeEntry.objects.create(
        trainee=trainee,
        start=at("2025-01-07 20:00"),
        end=at("2025-01-08 08:00"),
        kind="oncall_home_standby",
    )
    TimeEntry.objects.create(
        trainee=trainee,
        start=at("2025-01-07 23:00"),
        end=at("2025-01-08 01:00"),
        kind="oncall_home_callout",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeEntry.objects.create(
            trainee=trainee,
            start=at("2025-01-08 07:00"),
            end=at("2025-01-08 09:00"),
            kind="oncall_home_standby",
        )
    # Another ASO's entries never clash with this one's.
    TimeEntry.objects.create(
        trainee=world.other_trainee,
        start=at("2025-01-06 10:00"),
        end=at("2025-01-06 12:00"),
        kind="planned",
    )
    assert TimeEntry.objects.count() == 5


@pytest.mark.django_db
def test_a_database_refusal_becomes_the_clear_overlap_message(world, monkeypatch):
    """Should the check miss a clash (a path that bypassed the lock), the constraint's refusal
    reaches the user as the overlap message, never a server error."""
    trainee = world.trainee
    first = services.time_entry_create(
        trainee=trainee,
        actor=trainee.user,
        start=at("2025-01-06 08:00"),
        end=at("2025-01-06 20:00"),
        kind="planned",
    )
    monkeypatch.setattr(services, "_validate_entries", lambda *a, **k: {})
    original_save = TimeEntry.save

    def refused(self, *args, **kwargs):
        raise IntegrityError(
            'conflicting key value violates exclusion constraint "worktime_no_overlapping_'
            'counted_entries"'
        )

    monkeypatch.setattr(TimeEntry, "save", refused)
    with pytest.raises(ValidationError) as caught:
        services.time_entry_create(
            trainee=trainee,
            actor=trainee.user,
            start=at("2025-01-06 10:00"),
            end=at("2025-01-06 12:00"),
            kind="planned",
        )
    monkeypatch.setattr(TimeEntry, "save", original_save)
    assert "overlap" in " ".join(caught.value.messages).lower()
    assert TimeEntry.objects.filter(trainee=trainee).get() == first


@pytest.mark.django_db
def test_the_api_answers_a_database_refusal_with_json_400_never_500(client, world, monkeypatch):
    import json

    client.force_login(world.users["aso"])
    url = "/api/v1/worktime/entries"
    body = {"start": "2025-01-06T08:00", "end": "2025-01-06T17:00", "kind": "planned"}
    first = client.post(url, data=json.dumps(body), content_type="application/json")
    assert first.status_code == 201
    # As if two requests passed the check at once: the database refuses the second.
    monkeypatch.setattr(services, "_validate_entries", lambda *a, **k: {})

    def refused(self, *args, **kwargs):
        raise IntegrityError(
            'conflicting key value violates exclusion constraint "worktime_no_overlapping_'
            'counted_entries"'
        )

    monkeypatch.setattr(TimeEntry, "save", refused)
    second = client.post(url, data=json.dumps(body), content_type="application/json")
    assert second.status_code == 400
    assert second.json()["code"] == "invalid"
    assert "overlap" in json.dumps(second.json()).lower()
