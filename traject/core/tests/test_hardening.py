"""Production refuses weak keys; the field key is separate and rotates; lockout per account."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.urls import reverse

from traject.testing.factories import PASSWORD, UserFactory

STRONG = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"
FIELD_KEY = Fernet.generate_key().decode()


def _start_in_production(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "FIELD_ENCRYPTION_KEY"}}
    clean.update(TRAJECT_ENV="production", ALLOWED_HOSTS="traject.example", **env)
    return subprocess.run(
        [sys.executable, "-c", "import traject.config.settings"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        ("x", "shorter than 50"),
        ("a" * 60, "fewer than 5 different"),
        ("django-insecure-" + "abcdefghij" * 5, "development key"),
    ],
)
def test_production_refuses_a_weak_secret_key(secret, reason):
    result = _start_in_production(SECRET_KEY=secret, FIELD_ENCRYPTION_KEY=FIELD_KEY)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr and reason in result.stderr


def test_production_requires_a_valid_field_encryption_key():
    missing = _start_in_production(SECRET_KEY=STRONG)
    assert missing.returncode != 0 and "FIELD_ENCRYPTION_KEY must be set" in missing.stderr
    bad = _start_in_production(SECRET_KEY=STRONG, FIELD_ENCRYPTION_KEY="not-a-key")
    assert bad.returncode != 0 and "Fernet keys" in bad.stderr
    good = _start_in_production(SECRET_KEY=STRONG, FIELD_ENCRYPTION_KEY=f"{FIELD_KEY},{FIELD_KEY}")
    assert good.returncode == 0, good.stderr


@pytest.mark.django_db
def test_rotating_the_field_key_keeps_notes_and_open_survey_answers_readable(world, settings):
    from traject.mentoring.models import ConfidentialNote
    from traject.quality.models import AnswerSet, Invitation
    from traject.quality.services import campaign_close, survey_response_submit
    from traject.quality.tests.helpers import add_trainees, all_scores, open_campaign

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = old
    note = ConfidentialNote.objects.create(
        trainee=world.trainee, mentor=world.users["mentor"], held_on="2026-11-02", text="geheim"
    )
    users = add_trainees(world, world.service, 5)
    campaign = open_campaign(world)
    for user in users:
        survey_response_submit(campaign=campaign, scores=all_scores(), actor=user)
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    call_command("rotate_field_key", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.FIELD_ENCRYPTION_KEY = new  # the old key is gone
    assert ConfidentialNote.objects.get(pk=note.pk).text == "geheim"
    invitation = Invitation.objects.get(campaign=campaign, user=users[0])
    assert invitation.has_responded  # the receipt was re-keyed
    campaign_close(campaign=campaign, actor=world.users["programme_admin"])
    assert AnswerSet.objects.filter(campaign=campaign, filled=True).count() == 5
    assert Invitation.objects.filter(campaign=campaign, responded=True).count() == 5


@pytest.mark.django_db
def test_a_password_spray_from_many_addresses_still_locks_the_account(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(email="target@example.test")
    for n in range(3):
        client.post(
            reverse("accounts:login"),
            {"login": "target@example.test", "password": "wrong"},
            REMOTE_ADDR=f"198.51.100.{n + 1}",
        )
    response = client.post(
        reverse("accounts:login"),
        {"login": "target@example.test", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 429
