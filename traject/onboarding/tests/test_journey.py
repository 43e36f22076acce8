"""Journey: an administrator logs in through the institution's OpenID Connect provider (and the
second factor), then imports the register: a dry run, the real import, and again with no change."""

import pytest

from traject.accounts.identity_settings import socialaccount_providers
from traject.accounts.testing import current_totp_code
from traject.accounts.tests.oidc import provider_entry, running_provider, set_person
from traject.onboarding import tables
from traject.onboarding.models import ImportRun
from traject.organisation.models import ServiceRecognition, TrainerRecognition
from traject.testing.browser import assert_accessible, screenshot, watch_console
from traject.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _register(world) -> bytes:
    header = ["number", "hospital", "service", "start", "end", "stagemeester", "capacity"]
    service, hospital = world.service.name, world.hospital.name
    rows = [
        [f"FOD-D-J-{n}", hospital, service, "2026-01-01", "2030-12-31", "", ""] for n in range(3)
    ]
    rows.append(
        [
            "FOD-S-J-1",
            hospital,
            service,
            "2026-01-01",
            "2030-12-31",
            world.users["stagemeester"].email,
            "4",
        ]
    )
    return tables.write_table(header, rows, "csv")


def _upload(page, data: bytes, dry_run: bool) -> None:
    page.goto(page.url.split("/onboarding/")[0] + "/onboarding/")
    page.select_option("select[name=kind]", "recognitions")
    page.set_input_files(
        "input[name=file]", files=[{"name": "register.csv", "mimeType": "text/csv", "buffer": data}]
    )
    page.set_checked("input[name=dry_run]", dry_run)
    page.get_by_role("button", name="Controleren of importeren").click()
    page.wait_for_load_state("networkidle")


def _forget_the_provider_pages(page, provider: str, app_url: str, since: int) -> None:
    """The mock OpenID Connect provider's own pages are a test stand-in, not Traject's markup:
    leave them out of the axe and console checks of the phone_page fixture."""
    checks = page.checks
    checks.visited[:] = [url for url in checks.visited if not url.startswith(provider)]
    for url in [url for url in checks.scanned if url.startswith(provider)]:
        del checks.scanned[url]
    checks.errors[since:] = [
        e for e in checks.errors[since:] if e.startswith(f"console error on {app_url}/")
    ]


def test_sso_login_then_dry_run_import_and_reimport(phone_page, live_server, settings):
    world = build_world()
    admin = world.users["programme_admin"]
    page = phone_page
    errors = watch_console(page)
    with running_provider() as provider:
        settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers([provider_entry(provider)])
        set_person(provider, "admin-1", email=admin.email, email_verified=True)
        page.goto(f"{live_server.url}/accounts/login/")
        assert_accessible(page, "login page")
        screenshot(page, "sso-login-phone-nl")
        errors_before_the_provider = len(page.checks.errors)
        page.get_by_role("button", name="Aanmelden met UGent SSO").click()
        page.wait_for_load_state("networkidle")
        assert page.url.startswith(provider)
        page.fill("input[name=sub]", "admin-1")
        page.get_by_role("button", name="Authorize").click()
        page.wait_for_load_state("networkidle")
        # The administrator reads personal data: the second factor is asked after SSO too.
        page.fill("input[name=code]", current_totp_code())
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        assert page.url.rstrip("/") == live_server.url
        _forget_the_provider_pages(page, provider, live_server.url, errors_before_the_provider)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Importeren").click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "import page")
    screenshot(page, "import-phone-nl")

    data = _register(world)
    _upload(page, data, dry_run=True)
    assert page.get_by_text("Elke regel kan geïmporteerd worden").is_visible()
    assert not ServiceRecognition.objects.filter(reference__startswith="FOD-D-J-").exists()
    assert_accessible(page, "dry-run report")
    screenshot(page, "import-dry-run-phone-nl")

    _upload(page, data, dry_run=False)
    assert page.get_by_text("Het bestand is geïmporteerd.").is_visible()
    assert ServiceRecognition.objects.filter(reference__startswith="FOD-D-J-").count() == 3
    assert TrainerRecognition.objects.get(reference="FOD-S-J-1").capacity == 4

    _upload(page, data, dry_run=False)
    last = ImportRun.objects.latest("pk")
    assert last.counts == {"created": 0, "changed": 0, "unchanged": 4, "refused": 0}
    screenshot(page, "import-again-phone-nl")
    assert not [e for e in errors if live_server.url in e or "http" not in e], errors


def test_the_import_pages_on_a_desktop_in_french(desktop_page, live_server):
    from traject.testing.browser import login
    from traject.testing.factories import PASSWORD

    world = build_world()
    page = desktop_page
    page.context.add_cookies([{"name": "traject_language", "value": "fr", "url": live_server.url}])
    errors = watch_console(page)
    admin = world.users["programme_admin"]
    admin.language = "fr"
    admin.save(update_fields=["language"])
    login(page, live_server.url, admin.email, PASSWORD)
    page.goto(f"{live_server.url}/onboarding/")
    assert page.get_by_role("heading", name="Importer depuis un tableur").is_visible()
    assert_accessible(page, "import page fr")
    screenshot(page, "import-desktop-fr")
    page.select_option("select[name=kind]", "universities")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "u.csv", "mimeType": "text/csv", "buffer": b"code,name\nvub,=1+1\n"}],
    )
    page.get_by_role("button", name="Vérifier ou importer").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Une cellule contient une formule").first.is_visible()
    assert_accessible(page, "refused report fr")
    screenshot(page, "import-refused-desktop-fr")
    page.goto(f"{live_server.url}/accounts/profile/")
    screenshot(page, "profile-security-desktop-fr")
    assert_accessible(page, "profile fr")
    for path, name in [("/auth/email/", "emails"), ("/auth/2fa/", "two-factor")]:
        page.goto(f"{live_server.url}{path}")
        screenshot(page, f"{name}-desktop-fr")
        assert_accessible(page, name)
    assert not [e for e in errors if live_server.url in e or "http" not in e], errors


def test_an_officer_without_a_factor_is_led_to_set_one_up_on_a_phone(phone_page, live_server):
    from traject.testing.browser import login
    from traject.testing.factories import PASSWORD, MinistryOfficerFactory

    build_world()
    officer = MinistryOfficerFactory(second_factor=False).user
    page = phone_page
    errors = watch_console(page)
    login(page, live_server.url, officer.email, PASSWORD)
    assert page.url.endswith("/accounts/second-factor/")
    assert_accessible(page, "second factor required")
    screenshot(page, "second-factor-required-phone-nl")
    page.get_by_role("button", name="Een authenticator-app gebruiken").click()
    page.wait_for_load_state("networkidle")
    if "/auth/reauthenticate/" in page.url:  # allauth asks the password again first
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state("networkidle")
    assert "/auth/2fa/totp/activate/" in page.url
    screenshot(page, "totp-activate-phone-nl")
    assert_accessible(page, "activate TOTP")
    assert not [e for e in errors if live_server.url in e or "http" not in e], errors
