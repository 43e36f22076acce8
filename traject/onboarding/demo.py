"""Demo: the officers have a second factor (the published demo TOTP secret, docs/identity.md)."""

from django.db.models import Q

from traject.accounts.identity import second_factor_required
from traject.accounts.models import User
from traject.accounts.testing import TEST_TOTP_SECRET, activate_test_totp
from traject.core.demo import DemoContext

DEMO_REGISTER = "traject/onboarding/data/demo-register.csv"


def load(ctx: DemoContext) -> None:
    _backfill_addresses()
    candidates = User.objects.filter(
        Q(programme_admin_roles__isnull=False)
        | Q(ministry_officer__isnull=False)
        | Q(is_staff=True)
        | Q(is_superuser=True),
        is_active=True,
    ).distinct()
    officers = [user for user in candidates.order_by("pk") if second_factor_required(user)]
    for user in officers:
        activate_test_totp(user, TEST_TOTP_SECRET)
    ctx.say(
        f"Second factor for {len(officers)} officers: TOTP secret {TEST_TOTP_SECRET} "
        "(add it to an authenticator app; see docs/identity.md)."
    )


def _backfill_addresses() -> None:
    """Accounts made with bulk inserts (the national scale) skip the signal that records their
    address as verified and primary; give them one so that they can log in."""
    from allauth.account.models import EmailAddress

    missing = User.objects.exclude(email="").filter(emailaddress__isnull=True)
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email.lower(), verified=True, primary=True)
            for pk, email in missing.values_list("pk", "email")
        ],
        batch_size=1000,
    )
