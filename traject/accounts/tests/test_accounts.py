import pytest
from django.core import mail
from django.urls import reverse

from traject.accounts.models import ApiToken, User
from traject.testing.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_a_person_logs_in_with_email_and_sees_the_dashboard(client):
    user = UserFactory(email="lotte@example.test")
    response = client.post(
        reverse("accounts:login"), {"login": "Lotte@Example.test", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert user.password.startswith("md5$") or user.password.startswith("argon2")


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_in_production_settings():
    from django.conf import settings

    assert "Argon2PasswordHasher" in settings.PASSWORD_HASHERS[1]
    from traject.config import settings as base

    assert base.PASSWORD_HASHERS[0].endswith(
        "MD5PasswordHasher"
    )  # test mode only prepends a fast hasher


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_for_a_while(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(email="target@example.test")
    for _ in range(3):
        client.post(
            reverse("accounts:login"), {"login": "target@example.test", "password": "wrong"}
        )
    response = client.post(
        reverse("accounts:login"), {"login": "target@example.test", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "15 minuten" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_mail_goes_through_the_task_queue_in_the_users_language(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="claire@example.test", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "claire@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["claire@example.test"]
    assert "mot de passe" in message.subject.lower()
    assert "/accounts/reset/" in message.body


@pytest.mark.django_db
def test_language_choice_is_remembered_on_the_account(client):
    user = UserFactory(language="nl")
    client.force_login(user)
    response = client.post(reverse("accounts:set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "fr"
    assert 'lang="fr"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_language_switch_refuses_a_foreign_redirect(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_anonymous_visitors_get_dutch_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert 'lang="nl"' in response.content.decode()
    assert "Aanmelden" in response.content.decode()


@pytest.mark.django_db
def test_personal_api_token_works_once_created_and_not_after_revocation(client):
    user = UserFactory()
    client.force_login(user)
    created = client.post(
        "/api/v1/accounts/tokens", data={"name": "script"}, content_type="application/json"
    )
    assert created.status_code == 201
    key = created.json()["key"]
    assert ApiToken.objects.get(user=user).key_hash != key  # only a hash is stored
    client.logout()
    assert client.get("/api/v1/accounts/me").status_code == 401
    me = client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {key}"})
    assert me.status_code == 200 and me.json()["email"] == user.email
    assert client.get("/api/v1/accounts/me", headers={"X-API-Key": key}).status_code == 200
    token_id = created.json()["id"]
    revoked = client.delete(
        f"/api/v1/accounts/tokens/{token_id}", headers={"Authorization": f"Bearer {key}"}
    )
    assert revoked.status_code == 204
    assert (
        client.get("/api/v1/accounts/me", headers={"Authorization": f"Bearer {key}"}).status_code
        == 401
    )


@pytest.mark.django_db
def test_token_page_shows_the_key_once(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:token_create"), {"name": "roster"})
    assert response.status_code == 200
    assert "trj_" in response.content.decode()
    assert "trj_" not in client.get(reverse("accounts:profile")).content.decode()


@pytest.mark.django_db
def test_user_manager_normalises_email():
    user = User.objects.create_user(
        "Mixed.Case@Example.TEST", "x-password-1", first_name="A", last_name="B"
    )
    assert user.email == "mixed.case@example.test"


def test_a_token_name_that_is_too_long_is_refused_never_cut(client, world):
    from traject.accounts.models import ApiToken

    client.force_login(world.users["aso"])
    response = client.post(
        "/api/v1/accounts/tokens", data={"name": "x" * 101}, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert not ApiToken.objects.filter(user=world.users["aso"]).exists()
