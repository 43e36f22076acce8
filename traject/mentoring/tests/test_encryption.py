import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from traject.mentoring import crypto
from traject.mentoring.models import ConfidentialNote, Referral


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_raw_table_does_not_contain_a_notes_text(note):
    raw = _raw(ConfidentialNote._meta.db_table, "text", note.pk)
    assert "nachtdiensten" not in raw
    assert "psycholoog" not in raw
    assert raw.startswith(crypto.PREFIX)
    assert ConfidentialNote.objects.get(pk=note.pk).text.startswith("Slaapt slecht")


def test_a_referrals_texts_are_encrypted_at_rest(world):
    referral = Referral.objects.create(
        trainee=world.trainee,
        mentor=world.users["mentor"],
        referred_to="Psychologe Janssens",
        reason="Slaapproblemen",
        referred_on="2026-11-01",
        follow_up_on="2026-12-01",
    )
    for column in ("referred_to", "reason"):
        raw = _raw(Referral._meta.db_table, column, referral.pk)
        assert "Janssens" not in raw and "Slaap" not in raw


def test_the_key_is_derived_from_the_secret_key_when_not_configured(settings):
    settings.FIELD_ENCRYPTION_KEY = ""
    token = crypto.encrypt("geheim")
    assert crypto.decrypt(token) == "geheim"
    assert crypto.fernet()._fernets[0]._encryption_key != b""
    settings.SECRET_KEY = "another-secret-key-that-is-long-enough-0123456789"
    with pytest.raises(ImproperlyConfigured):
        crypto.decrypt(token)


def test_a_configured_key_is_used_and_an_old_key_still_decrypts(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = old
    token = crypto.encrypt("vertrouwelijk")
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    assert crypto.decrypt(token) == "vertrouwelijk"
    settings.FIELD_ENCRYPTION_KEY = new
    with pytest.raises(ImproperlyConfigured):
        crypto.decrypt(token)


def test_a_malformed_key_is_refused_loudly(settings):
    settings.FIELD_ENCRYPTION_KEY = "not-a-key"
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


def test_a_text_that_looks_like_a_token_is_stored_as_text(world):
    note = ConfidentialNote.objects.create(
        trainee=world.trainee,
        mentor=world.users["mentor"],
        held_on="2026-11-02",
        text="fernet:geen echte sleutel",
    )
    note.full_clean()
    assert ConfidentialNote.objects.get(pk=note.pk).text == "fernet:geen echte sleutel"
