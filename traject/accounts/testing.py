"""Second factors for tests, journeys and the demo: a TOTP authenticator with a known secret.

Production code never calls this; the secret is public on purpose (docs/identity.md) so that
the demo officers can add it to an authenticator app.
"""

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32, published, demo and tests only


def activate_test_totp(user, secret: str = TEST_TOTP_SECRET) -> None:
    """Give the person a TOTP authenticator with this secret (idempotent)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)


def current_totp_code(secret: str = TEST_TOTP_SECRET, offset: int = 0) -> str:
    """The code an authenticator app shows now for the secret (``offset`` periods away)."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // app_settings.TOTP_PERIOD + offset
    return format_hotp_value(hotp_value(secret, counter))
