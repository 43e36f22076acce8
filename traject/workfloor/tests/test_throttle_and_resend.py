"""The per-address throttle of the pages without a log-in, and sending a request's link again."""

import json

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from traject.audit.models import AuditEvent
from traject.portfolio import services as portfolio_services
from traject.portfolio.models import Feedback
from traject.workfloor.models import MAX_LINKS_PER_REQUEST, FeedbackLink

from .helpers import bedside_code, last_link_path, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def throttled(settings):
    cache.clear()
    settings.WORKFLOOR_THROTTLE = (3, 600)
    yield
    cache.clear()


def _ask(world, captured, **who):
    with captured(execute=True):
        return portfolio_services.feedback_request_create(
            trainee=world.trainee,
            actor=world.users["aso"],
            moment_date=timezone.localdate(),
            what="Overdracht",
            **who,
        )


def test_one_address_past_the_limit_gets_a_clear_429(client, world, throttled):
    _code, token = bedside_code(world)
    path = reverse("workfloor:bedside", args=[token])
    for _ in range(3):
        assert client.get(path).status_code == 200
    page = client.get(path)
    assert page.status_code == 429 and page["Retry-After"] == "600"
    assert "Too many requests" in page.content.decode()
    # Guessing other tokens counts as well: forged tokens are refused before the lookup.
    assert client.get("/workfloor/l/forged:token/").status_code == 429
    as_json = client.get(path, headers={"accept": "application/json"})
    assert as_json.status_code == 429 and "Wait a few minutes" in as_json.json()["detail"]
    # Another address is not affected.
    assert client.get(path, REMOTE_ADDR="10.1.2.3").status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, world, throttled, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _code, token = bedside_code(world)
    path = reverse("workfloor:bedside", args=[token])
    for _ in range(3):
        client.get(path, headers={"x-forwarded-for": "203.0.113.9"})
    assert client.get(path, headers={"x-forwarded-for": "203.0.113.9"}).status_code == 429
    # A client cannot dodge the limit by putting an address of its own in front.
    spoof = client.get(path, headers={"x-forwarded-for": "1.1.1.1, 203.0.113.9"})
    assert spoof.status_code == 429
    assert client.get(path, headers={"x-forwarded-for": "203.0.113.10"}).status_code == 200


def test_the_throttle_holds_for_the_one_time_link_too(
    client, world, throttled, django_capture_on_commit_callbacks
):
    _ask(world, django_capture_on_commit_callbacks, team_member=member(world))
    path = last_link_path()
    for _ in range(3):
        assert client.get(path).status_code == 200
    assert client.post(path, {"went_well": "a", "to_improve": "b"}).status_code == 429
    assert not Feedback.objects.exists()


def test_the_aso_sends_the_link_again(client, world, django_capture_on_commit_callbacks):
    an = member(world)
    request = _ask(world, django_capture_on_commit_callbacks, team_member=an)
    old_path = last_link_path()
    client.force_login(world.users["aso"])
    timeline = client.get(reverse("portfolio:feedback_timeline")).content.decode()
    url = reverse("workfloor:link_resend", args=[request.pk])
    assert url in timeline
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Er is een nieuwe link verstuurd naar Dr. An Peeters" in response.content.decode()
    assert mail.outbox[-1].to == [an.email]
    new_path = last_link_path()
    assert new_path != old_path
    assert FeedbackLink.objects.filter(request=request).count() == 2
    assert AuditEvent.objects.filter(summary="link sent again").count() == 1

    anonymous = client.__class__()
    assert anonymous.get(old_path).status_code == 410  # the old link no longer works
    done = anonymous.post(new_path, {"went_well": "Rustig.", "to_improve": "Sneller."})
    assert done.status_code == 200 and Feedback.objects.get().team_member == an

    # A completed request cannot be sent again.
    refused = client.post(url, follow=True)
    assert "Alleen een openstaande feedbackvraag" in refused.content.decode()
    assert FeedbackLink.objects.filter(request=request).count() == 2


def test_resending_is_limited_and_only_for_ones_own_request(
    client, world, django_capture_on_commit_callbacks
):
    request = _ask(world, django_capture_on_commit_callbacks, team_member=member(world))
    client.force_login(world.users["other_aso"])
    assert client.post(reverse("workfloor:link_resend", args=[request.pk])).status_code == 404
    assert client.post(f"/api/v1/workfloor/requests/{request.pk}/link").status_code == 404

    client.force_login(world.users["aso"])
    for _ in range(MAX_LINKS_PER_REQUEST - 1):
        with django_capture_on_commit_callbacks(execute=True):
            sent = client.post(f"/api/v1/workfloor/requests/{request.pk}/link")
        assert sent.status_code == 201 and sent.json()["state"] == "open"
    too_many = client.post(f"/api/v1/workfloor/requests/{request.pk}/link")
    assert too_many.status_code == 400
    assert "Stel in plaats daarvan een nieuwe vraag" in json.dumps(too_many.json())
    open_links = [link for link in FeedbackLink.objects.filter(request=request) if link.is_open]
    assert len(open_links) == 1
