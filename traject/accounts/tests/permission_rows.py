from traject.accounts.services import api_token_create
from traject.testing.permission_table import Row, expect


def extend_world(world):
    token, _key = api_token_create(user=world.users["aso"], name="roster script")
    world.add(aso_token=token)


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
]
