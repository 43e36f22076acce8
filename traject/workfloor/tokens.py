"""Secrets handed out once: signed URL tokens and 6-digit codes, stored only as keyed hashes.

No Django models here; the key is the server's SECRET_KEY (through ``salted_hmac``), so a copy
of the database alone cannot be used to open a form or to test guesses offline.
"""

import secrets

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "traject.workfloor"


def new_token(kind: str) -> tuple[str, str]:
    """A fresh URL token for ``kind`` ("bedside" or "link") and the hash to store."""
    raw = secrets.token_urlsafe(18)
    return signing.Signer(salt=f"{_SALT}.{kind}").sign(raw), token_hash(kind, raw)


def token_hash(kind: str, raw: str) -> str:
    return salted_hmac(f"{_SALT}.{kind}.hash", raw, algorithm="sha256").hexdigest()


def hash_of_signed(kind: str, token: str) -> str | None:
    """The stored hash a signed token maps to, or None if the signature is wrong."""
    if not token or len(token) > 200 or "\x00" in token:
        return None
    try:
        raw = signing.Signer(salt=f"{_SALT}.{kind}").unsign(token)
    except signing.BadSignature:
        return None
    return token_hash(kind, raw)


def new_digits() -> str:
    """A 6-digit confirmation code (leading zeros kept)."""
    return f"{secrets.randbelow(1_000_000):06d}"


def digits_hash(confirmation_id: int, digits: str) -> str:
    return salted_hmac(
        f"{_SALT}.confirmation", f"{confirmation_id}:{digits}", algorithm="sha256"
    ).hexdigest()


def digits_match(confirmation_id: int, digits: str, stored: str) -> bool:
    digits = "".join(ch for ch in (digits or "") if ch.isdigit())
    if len(digits) != 6 or not stored:
        return False
    return constant_time_compare(digits_hash(confirmation_id, digits), stored)
