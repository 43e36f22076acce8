"""Encryption at rest for confidential texts (mentor notes, referrals).

The key comes from ``settings.FIELD_ENCRYPTION_KEY``: one or more urlsafe base64 Fernet keys,
comma separated, the first one encrypting and all of them decrypting (so a key can be rotated).
When that setting is empty, one key is derived from ``SECRET_KEY`` with HKDF, so a development
or demo install works with no extra configuration; production should set its own key.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"


def derive_key(secret: str) -> bytes:
    """Derive a Fernet key from a secret with HKDF-SHA256."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"traject-field-encryption",
        info=b"traject.mentoring confidential texts",
    )
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode()))


def configured_keys(configured: str | None = None, secret: str | None = None) -> list[str]:
    """The Fernet keys in use, the current one first (``FIELD_ENCRYPTION_KEY`` or derived)."""
    if configured is None:
        configured = getattr(settings, "FIELD_ENCRYPTION_KEY", "") or ""
    keys = [part.strip() for part in configured.split(",") if part.strip()]
    return keys or [derive_key(secret if secret is not None else settings.SECRET_KEY).decode()]


@lru_cache(maxsize=4)
def _fernet_for(configured: str, secret: str) -> MultiFernet:
    keys = configured_keys(configured, secret)
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must hold Fernet keys (32 url-safe base64-encoded bytes), "
            "comma separated."
        ) from exc


def fernet() -> MultiFernet:
    """The MultiFernet for the current settings (the first key encrypts)."""
    return _fernet_for(getattr(settings, "FIELD_ENCRYPTION_KEY", "") or "", settings.SECRET_KEY)


def encrypt(text: str) -> str:
    """Encrypt a text into a printable token."""
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    """Decrypt a token made by ``encrypt``; a wrong key fails loudly, never with garbage."""
    if not token.startswith(PREFIX):
        raise ValueError("Not an encrypted value.")
    try:
        return fernet().decrypt(token[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A confidential text cannot be decrypted with FIELD_ENCRYPTION_KEY: "
            "was the key (or SECRET_KEY) changed without keeping the old key?"
        ) from exc
