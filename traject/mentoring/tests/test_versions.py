"""A note is changed only with the version the editor saw: 428 without it, 409 when stale."""

import json

import pytest
from django.urls import reverse

from traject.mentoring.models import ConfidentialNote

pytestmark = pytest.mark.django_db


def test_the_api_refuses_a_note_change_without_the_version(client, world, note):
    client.force_login(world.users["mentor"])
    url = f"/api/v1/mentoring/notes/{note.pk}"
    body = {"text": "Gaat beter."}
    missing = client.patch(url, json.dumps(body), content_type="application/json")
    assert missing.status_code == 428
    stale = client.patch(url, json.dumps({**body, "version": 9}), content_type="application/json")
    assert stale.status_code == 409
    assert ConfidentialNote.objects.get(pk=note.pk).text != "Gaat beter."
    ok = client.patch(
        url, json.dumps(body), content_type="application/json", headers={"If-Match": '"1"'}
    )
    assert ok.status_code == 200
    assert ConfidentialNote.objects.get(pk=note.pk).text == "Gaat beter."


def test_the_page_refuses_a_note_change_without_the_version(client, world, note):
    client.force_login(world.users["mentor"])
    url = reverse("mentoring:note_edit", args=[note.pk])
    form = {"held_on": "2026-11-02", "text": "Gaat beter."}
    response = client.post(url, form)
    assert response.status_code == 200 and response.context["form"].errors
    assert ConfidentialNote.objects.get(pk=note.pk).version == 1
    assert client.post(url, {**form, "version": 1}).status_code == 302
    assert ConfidentialNote.objects.get(pk=note.pk).version == 2


def test_a_theme_is_deleted_only_with_the_version_the_administrator_saw(client, world):
    from traject.mentoring import selectors
    from traject.mentoring.models import SessionTheme

    client.force_login(world.users["programme_admin"])
    client.post(reverse("mentoring:plan_adapt", args=[world.university.pk]))
    theme = selectors.themes_for(world.university).get(training_year=2, position=2)
    edit = client.get(reverse("mentoring:theme_edit", args=[theme.pk])).content.decode()
    assert f'name="version" value="{theme.version}"' in edit  # the delete form carries it
    url = reverse("mentoring:theme_delete", args=[theme.pk])

    missing = client.post(url)
    assert missing.status_code == 428 and SessionTheme.objects.filter(pk=theme.pk).exists()

    SessionTheme.objects.filter(pk=theme.pk).update(version=theme.version + 1)  # someone saved
    stale = client.post(url, {"version": theme.version})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Intussen heeft iemand anders dit gewijzigd" in page  # Dutch, the user's language
    assert theme.title in page  # nothing lost: the theme as it is now
    assert SessionTheme.objects.filter(pk=theme.pk).exists()

    done = client.post(url, {"version": theme.version + 1})
    assert done.status_code == 302 and not SessionTheme.objects.filter(pk=theme.pk).exists()

    # Another university's administrator cannot reach it at all.
    client.force_login(world.users["aso"])
    assert client.post(url, {"version": 1}).status_code in (403, 404)
