"""A code at the bedside, from the outside (HTTP), with the attacker's attempts."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from traject.audit.models import AuditEvent
from traject.portfolio.models import Feedback
from traject.testing.factories import PASSWORD
from traject.workfloor import services
from traject.workfloor.models import MAX_CONFIRMATION_ATTEMPTS, BedsideCode, Confirmation

from .helpers import bedside_code, epa, last_digits, member

pytestmark = pytest.mark.django_db


def _show_code(client, world, **data):
    client.force_login(world.users["aso"])
    payload = {"what": "Pleurapunctie", "moment_date": timezone.localdate().isoformat(), **data}
    response = client.post(reverse("workfloor:ask_now"), payload)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    url = re.search(r'href="(http://testserver(/workfloor/f/[^"]+/))" data-feedback-url', html)
    return url.group(2)


def test_a_member_without_account_gives_feedback_with_an_emailed_code(
    client, world, django_capture_on_commit_callbacks
):
    the_epa = epa(world)
    an = member(world)
    path = _show_code(client, world, epa=the_epa.pk)
    code = BedsideCode.objects.get()
    supervisor = client.__class__()  # a second, anonymous browser

    page = supervisor.get(path)
    assert page.status_code == 200 and "Dr. An Peeters" in page.content.decode()
    assert "Stagemeester Persona" in page.content.decode()  # the stagemeester with an account
    with django_capture_on_commit_callbacks(execute=True):
        response = supervisor.post(path, {"action": "choose", "person": f"m{an.pk}"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["an.peeters@uzgent.test"]
    digits = last_digits()
    confirmation = Confirmation.objects.get()
    assert digits not in confirmation.code_hash and len(confirmation.code_hash) == 64

    assert supervisor.post(path, {"action": "confirm", "digits": digits}).status_code == 302
    form = supervisor.get(path)
    assert 'name="went_well"' in form.content.decode()
    assert len(form.content) < 20_000  # one small page, no script
    assert "<script" not in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = supervisor.post(
            path,
            {
                "action": "send",
                "went_well": "Rustig uitgelegd.",
                "to_improve": "Echo vooraf.",
                "entrustment_level": "3",
            },
        )
    assert done.status_code == 200 and "portfolio" in done.content.decode()

    feedback = Feedback.objects.get()
    assert feedback.team_member == an and feedback.author is None
    assert feedback.channel == Feedback.Channel.BEDSIDE and not feedback.unasked
    assert feedback.trainee == world.trainee and feedback.entrustment_level == 3
    code.refresh_from_db()
    assert code.used_at and code.feedback == feedback
    event = AuditEvent.objects.get(object_type="portfolio.feedback", object_id=str(feedback.pk))
    assert "6-digit code e-mailed to an.peeters@uzgent.test" in event.summary
    assert event.subject == world.users["aso"]

    # The ASO sees it: on the waiting screen and in the portfolio, like any feedback.
    status = client.get(reverse("workfloor:code_status", args=[code.pk])).content.decode()
    assert "Dr. An Peeters" in status and 'data-state="used"' in status
    timeline = client.get(reverse("portfolio:feedback_timeline")).content.decode()
    assert "Rustig uitgelegd." in timeline and "Dr. An Peeters" in timeline

    # Reusing the code: plainly refused.
    again = supervisor.get(path)
    assert again.status_code == 410 and "only once" in again.content.decode()


def test_a_signed_in_supervisor_of_the_team_needs_no_code(client, world):
    path = _show_code(client, world)
    stagemeester = client.__class__()
    stagemeester.force_login(world.users["stagemeester"])
    assert 'name="went_well"' in stagemeester.get(path).content.decode()
    stagemeester.post(path, {"action": "send", "went_well": "Goed", "to_improve": "Tempo"})
    feedback = Feedback.objects.get()
    assert feedback.author == world.users["stagemeester"] and feedback.team_member is None
    event = AuditEvent.objects.get(object_type="portfolio.feedback")
    assert "identified by signed in" in event.summary


def test_guessing_the_six_digits_is_cut_off(client, world, django_capture_on_commit_callbacks):
    an = member(world)
    path = _show_code(client, world)
    attacker = client.__class__()
    with django_capture_on_commit_callbacks(execute=True):
        attacker.post(path, {"action": "choose", "person": f"m{an.pk}"})
    right = last_digits()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _attempt in range(MAX_CONFIRMATION_ATTEMPTS):
        response = attacker.post(path, {"action": "confirm", "digits": wrong})
        assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert "too many times" in response.content.decode()
    # Even the right code no longer works: a new code must be asked (and those are limited).
    response = attacker.post(path, {"action": "confirm", "digits": right})
    assert "can no longer be used" in response.content.decode()
    assert Confirmation.objects.get().confirmed_at is None
    assert not Feedback.objects.exists()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            attacker.post(path, {"action": "choose", "person": f"m{an.pk}"})
    refused = attacker.post(path, {"action": "choose", "person": f"m{an.pk}"})
    assert "Too many codes" in refused.content.decode()
    assert Confirmation.objects.count() == 3


def test_sending_without_confirmation_or_with_another_codes_confirmation_fails(
    client, world, django_capture_on_commit_callbacks
):
    an = member(world)
    first = _show_code(client, world)
    second = _show_code(client, world)
    attacker = client.__class__()
    with django_capture_on_commit_callbacks(execute=True):
        attacker.post(first, {"action": "choose", "person": f"m{an.pk}"})
    attacker.post(first, {"action": "confirm", "digits": last_digits()})
    # The confirmation of the first code does not open the second.
    response = attacker.post(second, {"action": "send", "went_well": "x", "to_improve": "y"})
    assert 'name="person"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_another_asos_stageteam_cannot_use_the_code(client, world):
    other_team = member(world, email="x@azbrugge.test")
    other_team.service = world.other_service
    other_team.save()
    path = _show_code(client, world)
    outsider = client.__class__()
    page = outsider.get(path).content.decode()
    assert "x@azbrugge.test" not in page and other_team.name not in page
    response = outsider.post(path, {"action": "choose", "person": f"m{other_team.pk}"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    # The choice's value, not a bare "u4" (the random token in the page may contain that).
    assert f'value="u{world.users["other_stagemeester"].pk}"' not in page
    assert f'value="u{world.users["stagemeester"].pk}"' in page  # the own team's is offered
    assert not Confirmation.objects.exists()
    # Signed in as another ASO's stagemeester: still not on this team, no form.
    outsider.force_login(world.users["other_stagemeester"])
    assert 'name="went_well"' not in outsider.get(path).content.decode()
    outsider.post(path, {"action": "send", "went_well": "x", "to_improve": "y"})
    assert not Feedback.objects.exists()


def test_another_aso_cannot_see_or_withdraw_the_code(client, world):
    code, _token = bedside_code(world)
    client.force_login(world.users["other_aso"])
    assert client.get(reverse("workfloor:code_status", args=[code.pk])).status_code == 404
    assert client.post(reverse("workfloor:code_withdraw", args=[code.pk])).status_code == 404


def test_tampered_expired_and_withdrawn_codes(client, world):
    code, token = bedside_code(world)
    raw, _sig = token.split(":")
    assert client.get(reverse("workfloor:bedside", args=[f"{raw}:forged"])).status_code == 404
    # A NUL byte is refused centrally as bad input (core.input_guard) before any lookup.
    assert client.get(reverse("workfloor:bedside", args=[token + "\x00"])).status_code == 400
    assert client.get(reverse("workfloor:bedside", args=["x" * 5000])).status_code == 404
    BedsideCode.objects.filter(pk=code.pk).update(expires_at=timezone.now())
    expired = client.get(reverse("workfloor:bedside", args=[token]))
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    code2, token2 = bedside_code(world)
    client.force_login(world.users["aso"])
    client.post(reverse("workfloor:code_withdraw", args=[code2.pk]))
    client.logout()
    withdrawn = client.get(reverse("workfloor:bedside", args=[token2]))
    assert withdrawn.status_code == 410 and "withdrew" in withdrawn.content.decode()


def test_the_token_is_stored_only_as_a_hash(world):
    code, token = bedside_code(world)
    raw = token.split(":")[0]
    assert raw not in code.token_hash and len(code.token_hash) == 64
    assert not BedsideCode.objects.filter(token_hash__contains=raw).exists()


def test_bad_input_on_the_form_is_a_form_error(client, world):
    path = _show_code(client, world)
    client.force_login(world.users["stagemeester"])
    too_long = client.post(path, {"action": "send", "went_well": "x" * 15_000, "to_improve": "b"})
    assert too_long.status_code == 200 and "errorlist" in too_long.content.decode()
    # A megabyte or a NUL byte never reaches the form: the central input guard refuses it (400).
    for bad in ({"went_well": "x" * 1_000_000, "to_improve": "b"}, {"went_well": "a\x00b"}):
        assert client.post(path, {"action": "send", **bad}).status_code == 400
    assert not Feedback.objects.exists()


def test_the_french_form(client, world):
    path = _show_code(client, world)
    client.force_login(world.users["stagemeester"])
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")
    assert PASSWORD not in page.content.decode()


def test_the_django_admin_lists_codes_and_links_without_their_hashes(
    admin_client, world, django_capture_on_commit_callbacks
):
    an = member(world)
    code, _token = bedside_code(world)
    with django_capture_on_commit_callbacks(execute=True):
        confirmation = services.confirmation_start(code=code, person_key=f"m{an.pk}")
    stored = [code.token_hash, Confirmation.objects.get(pk=confirmation.pk).code_hash]
    for name in ("teammember", "bedsidecode", "confirmation", "feedbacklink"):
        page = admin_client.get(reverse(f"admin:workfloor_{name}_changelist"))
        assert page.status_code == 200
        assert not any(h in page.content.decode() for h in stored)
    detail = admin_client.get(reverse("admin:workfloor_bedsidecode_change", args=[code.pk]))
    assert detail.status_code == 200 and code.token_hash not in detail.content.decode()


def test_a_closed_code_speaks_the_words_of_the_trainees_country(client, world):
    """The supervisor of a Dutch aios reads 'aios', the Belgian ASO's reads 'ASO'."""
    aios_code, aios_token = services.bedside_code_create(
        actor=world.users["aios"],
        trainee=world.aios_trainee,
        what="Visite",
        moment_date=timezone.localdate(),
    )
    aso_code, aso_token = bedside_code(world)
    BedsideCode.objects.update(expires_at=timezone.now())
    dutch = client.get(reverse("workfloor:bedside", args=[aios_token]), HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch.status_code == 410
    assert "Vraag de aios om een nieuwe" in dutch.content.decode()
    belgian = client.get(reverse("workfloor:bedside", args=[aso_token]), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Vraag de ASO om een nieuwe" in belgian.content.decode()
