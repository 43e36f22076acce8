import json

import pytest
from django.urls import reverse

from traject.mentoring.models import MAX_GROUP_SIZE, ConfidentialNote, MentorGroupMembership
from traject.testing import factories as f

pytestmark = pytest.mark.django_db


def _json(client, method, url, data=None):
    body = json.dumps(data) if data is not None else None
    return getattr(client, method)(url, data=body, content_type="application/json")


def test_the_api_refuses_a_ninth_aso_with_a_clear_message(client, world):
    for _ in range(MAX_GROUP_SIZE - 1):
        MentorGroupMembership.objects.create(
            group=world.mentor_group, trainee=f.TraineeFactory(university=world.university)
        )
    client.force_login(world.users["programme_admin"])
    response = _json(
        client,
        "post",
        reverse("api:mentoring_group_member_add", args=[world.mentor_group.pk]),
        {"trainee_id": world.other_trainee.pk},
    )
    assert response.status_code == 400
    assert "8" in json.dumps(response.json()["detail"])


def test_the_api_shares_one_note_and_the_recipient_lists_that_note_only(client, world, note):
    other = ConfidentialNote.objects.create(
        trainee=world.trainee, mentor=world.users["mentor"], held_on="2026-01-05", text="Privé"
    )
    client.force_login(world.users["aso"])
    response = _json(
        client,
        "post",
        reverse("api:mentoring_note_share", args=[note.pk]),
        {"recipient_id": world.users["stagemeester"].pk},
    )
    assert response.status_code == 201
    client.force_login(world.users["stagemeester"])
    shared = client.get(reverse("api:mentoring_notes_shared_with_me")).json()
    assert [n["id"] for n in shared] == [note.pk]
    assert shared[0]["text"] == note.text
    assert client.get(reverse("api:mentoring_note_detail", args=[other.pk])).status_code == 404
    assert (
        client.get(reverse("api:mentoring_note_list", args=[world.trainee.pk])).status_code == 403
    )


def test_the_api_refuses_a_recipient_who_is_not_a_current_stagemeester(client, world, note):
    client.force_login(world.users["aso"])
    response = _json(
        client,
        "post",
        reverse("api:mentoring_note_share", args=[note.pk]),
        {"recipient_id": world.users["programme_admin"].pk},
    )
    assert response.status_code == 400


def test_a_stale_note_edit_is_a_conflict(client, world, note):
    client.force_login(world.users["mentor"])
    url = reverse("api:mentoring_note_update", args=[note.pk])
    assert (
        _json(client, "patch", url, {"text": "Nieuw", "version": note.version}).status_code == 200
    )
    assert _json(client, "patch", url, {"text": "Oud", "version": note.version}).status_code == 409


def test_bad_input_is_a_json_400_not_a_500(client, world):
    client.force_login(world.users["mentor"])
    response = _json(
        client,
        "post",
        reverse("api:mentoring_session_create", args=[world.mentor_group.pk]),
        {"starts_at": "not a date", "place": ""},
    )
    assert response.status_code in (400, 422)
    response = _json(
        client,
        "post",
        reverse("api:mentoring_session_create", args=[world.mentor_group.pk]),
        {"starts_at": "2026-12-01T18:00:00+01:00", "place": "", "theme_id": 999999},
    )
    assert response.status_code == 400


def test_the_openapi_schema_lists_the_mentoring_operations(client, world):
    client.force_login(world.users["mentor"])
    schema = client.get("/api/v1/openapi.json").json()
    paths = [p for p in schema["paths"] if p.startswith("/api/v1/mentoring/")]
    assert "/api/v1/mentoring/notes/{note_id}" in paths
    assert "/api/v1/mentoring/trainees/{trainee_id}/referrals" in paths
