from traject.accounts.services import api_token_create
from traject.testing.permission_table import Row, expect


def extend_world(world):
    from allauth.account.models import EmailAddress

    token, _key = api_token_create(user=world.users["aso"], name="roster script")
    address = EmailAddress.objects.create(
        user=world.users["aso"], email="aso.hospital@example.test", verified=False, primary=False
    )
    world.add(aso_token=token, aso_second_address=address)


ROWS = [
    Row("GET", "accounts:login", expect=expect(302, anonymous=200)),
    Row("POST", "accounts:logout", expect=expect(302)),
    Row("GET", "accounts:password_reset", expect=expect(200)),
    Row("GET", "accounts:password_reset_done", expect=expect(200)),
    Row(
        "GET",
        "accounts:password_reset_confirm",
        args=lambda w: ["MQ", "bad-token"],
        expect=expect(200),
    ),
    Row("GET", "accounts:password_reset_complete", expect=expect(200)),
    Row("GET", "accounts:password_change", expect=expect(200, anonymous=302)),
    Row("GET", "accounts:profile", expect=expect(200, anonymous=302)),
    Row(
        "POST",
        "accounts:token_create",
        data=lambda w: {"name": "script"},
        expect=expect(200, anonymous=302),
    ),
    Row(
        "POST",
        "accounts:token_revoke",
        args=lambda w: [w.aso_token.pk],
        expect=expect(404, aso=302, anonymous=302),
    ),
    Row(
        "POST",
        "accounts:set_language",
        data=lambda w: {"language": "fr", "next": "/"},
        expect=expect(302),
    ),
    Row("GET", "accounts:second_factor_required", expect=expect(302, anonymous=302)),
    Row("GET", "accounts:notification_addresses", expect=expect(200, anonymous=302)),
    Row(
        "POST",
        "accounts:notification_addresses",
        data=lambda w: {"addresses": [w.users["aso"].email]},
        expect=expect(200, aso=302, anonymous=302),
        description="(another persona's address is not one of yours: a form error)",
    ),
    # django-allauth's pages (not namespaced): e-mail addresses, two-factor, SSO accounts.
    Row("GET", "account_email", expect=expect(200, anonymous=302)),
    Row("GET", "mfa_index", expect=expect(200, anonymous=302)),
    Row("GET", "mfa_activate_totp", expect=expect(302, anonymous=302)),
    Row("GET", "socialaccount_connections", expect=expect(200, anonymous=302)),
    Row("GET", "account_signup", expect=expect(302, anonymous=200)),
    Row("GET", "api:me", expect=expect(200, anonymous=401)),
    Row("GET", "api:list_tokens", expect=expect(200, anonymous=401)),
    Row(
        "POST",
        "api:create_token",
        data=lambda w: {"name": "script"},
        expect=expect(201, anonymous=401),
    ),
    Row(
        "DELETE",
        "api:revoke_token",
        args=lambda w: [w.aso_token.pk],
        expect=expect(404, aso=204, anonymous=401),
    ),
    # E-mail addresses through the API: one's own only (404 for another persona's).
    Row("GET", "api:list_emails", expect=expect(200, anonymous=401)),
    Row(
        "POST",
        "api:add_email",
        data=lambda w: {"email": "another.address@example.test"},
        expect=expect(201, programme_admin=400, ministry=400, anonymous=401),
        description="(allauth: no unverified address on an account with a second factor)",
    ),
    Row(
        "POST",
        "api:verify_email",
        data=lambda w: {"key": "not-a-key"},
        expect=expect(400, anonymous=401),
    ),
    Row(
        "POST",
        "api:send_email_verification",
        args=lambda w: [w.aso_second_address.pk],
        expect=expect(404, aso=202, anonymous=401),
    ),
    Row(
        "POST",
        "api:make_email_primary",
        args=lambda w: [w.aso_second_address.pk],
        expect=expect(404, aso=400, anonymous=401),
        description="(unverified: not yet)",
    ),
    Row(
        "DELETE",
        "api:remove_email",
        args=lambda w: [w.aso_second_address.pk],
        expect=expect(404, aso=204, anonymous=401),
    ),
]
