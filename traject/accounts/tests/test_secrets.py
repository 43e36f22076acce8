"""No secret at rest in the task queue; a changed password revokes the API tokens."""

import json
import re

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from traject.accounts.models import ApiToken
from traject.accounts.services import api_token_create
from traject.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NEW_PASSWORD = "een-heel-nieuw-wachtwoord-42"


def _reset_link(body: str) -> str:
    return re.search(r"https?://\S+/accounts/reset/\S+/", body).group(0)


# The real worker closes "old" connections before each task, which ends a test's wrapping
# transaction on PostgreSQL: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_the_password_reset_link_is_never_stored_in_the_task_queue(
    client, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    UserFactory(email="claire@example.test", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "claire@example.test"})
    assert response.status_code == 302
    queued = DBTaskResult.objects.get()
    stored = json.dumps(queued.args_kwargs)
    assert "token" not in stored and "uid" not in stored and "reset" not in stored
    assert list(queued.args_kwargs["kwargs"]) == ["user_id"]
    assert mail.outbox == []  # not sent yet: the worker sends it
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1
    link = _reset_link(mail.outbox[0].body)
    # The link, made inside the task, is in no table afterwards; the finished row keeps no
    # arguments at all.
    queued.refresh_from_db()
    assert queued.args_kwargs == {"args": [], "kwargs": {}}
    assert link.rsplit("/", 2)[-2] not in json.dumps(
        list(DBTaskResult.objects.values()), default=str
    )


def test_the_daily_run_purges_arguments_of_finished_tasks(settings):
    from django_tasks_db.models import DBTaskResult

    from traject.core.tasks import purge_finished_task_arguments, send_templated_email

    settings.TASKS = DATABASE_QUEUE
    user = UserFactory()
    send_templated_email.enqueue(
        user_id=user.pk,
        subject_template="accounts/email/password_reset_subject.txt",
        body_template="accounts/email/password_reset_body.txt",
        context={"reset_link": "x"},
    )
    DBTaskResult.objects.update(status="SUCCESSFUL")
    assert purge_finished_task_arguments() == 1
    assert DBTaskResult.objects.get().args_kwargs == {"args": [], "kwargs": {}}


def test_an_e_mail_context_with_a_secret_is_refused():
    from traject.core.notifications import notify

    user = UserFactory()
    for name in ("token", "uid", "password", "api_key", "reset_token"):
        with pytest.raises(ValueError):
            notify(user=user, subject_template="x", body_template="y", context={name: "s"})


def test_resetting_the_password_revokes_the_api_tokens_with_a_notice(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="piet@example.test")
    token, key = api_token_create(user=user, name="roosterscript")
    assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "piet@example.test"})
    link = _reset_link(mail.outbox[0].body)
    form = client.get(link, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            form.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
    assert done.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    notice = mail.outbox[-1]
    assert notice.to == ["piet@example.test"] and "roosterscript" in notice.body


def test_changing_the_password_revokes_the_api_tokens(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    token, _key = api_token_create(user=user, name="export")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert len(mail.outbox) == 1


def test_a_rehash_of_the_same_password_revokes_nothing(client):
    user = UserFactory()
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")  # an older hasher
    user.save()
    token, _key = api_token_create(user=user, name="export")
    assert client.login(username=user.email, password=PASSWORD)  # upgrades the hash
    user.refresh_from_db()
    token.refresh_from_db()
    assert token.revoked_at is None
    assert not ApiToken.objects.filter(user=user, revoked_at__isnull=False).exists()
