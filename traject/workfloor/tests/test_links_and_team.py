"""One-time links and the stageteam: from the outside, with the attacker's attempts."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from traject.audit.models import AuditEvent
from traject.portfolio import services as portfolio_services
from traject.portfolio.models import Feedback, FeedbackRequest
from traject.workfloor.models import LINK_VALID_DAYS, FeedbackLink, TeamMember

from .helpers import epa, last_link_path, member

pytestmark = pytest.mark.django_db


def _ask(world, captured, **who):
    with captured(execute=True):
        return portfolio_services.feedback_request_create(
            trainee=world.trainee,
            actor=world.users["aso"],
            moment_date=timezone.localdate(),
            what="Slecht nieuws gesprek",
            epa=epa(world),
            **who,
        )


def test_a_member_without_account_answers_through_the_one_time_link(
    client, world, django_capture_on_commit_callbacks
):
    an = member(world)
    request = _ask(world, django_capture_on_commit_callbacks, team_member=an)
    link = FeedbackLink.objects.get(request=request)
    assert mail.outbox[-1].to == [an.email]
    path = last_link_path()
    token = path.split("/")[-2]
    assert token.split(":")[0] not in link.token_hash and len(link.token_hash) == 64
    assert (link.expires_at - link.created_at).days == LINK_VALID_DAYS

    page = client.get(path)
    assert page.status_code == 200 and "Slecht nieuws gesprek" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            path, {"went_well": "Empathisch.", "to_improve": "Stiltes.", "entrustment_level": "2"}
        )
    assert done.status_code == 200
    feedback = Feedback.objects.get(request=request)
    assert feedback.team_member == an and feedback.channel == Feedback.Channel.LINK
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.COMPLETED
    event = AuditEvent.objects.get(object_type="portfolio.feedback")
    assert f"one-time link {link.pk}" in event.summary and "Dr. An Peeters" in event.summary
    assert mail.outbox[-1].to == [world.users["aso"].email]  # the ASO is told

    reused = client.get(path)
    assert reused.status_code == 410 and "only once" in reused.content.decode()
    client.post(path, {"went_well": "Nogmaals", "to_improve": "x"})
    assert Feedback.objects.count() == 1


def test_a_supervisor_with_an_account_also_gets_a_link_that_needs_no_login(
    client, world, django_capture_on_commit_callbacks
):
    request = _ask(
        world, django_capture_on_commit_callbacks, supervisor=world.users["stagemeester"]
    )
    body = mail.outbox[-1].body
    assert "/workfloor/l/" in body and f"/portfolio/feedback/requests/{request.pk}/" in body
    client.post(last_link_path(), {"went_well": "a", "to_improve": "b", "entrustment_level": ""})
    assert Feedback.objects.get().author == world.users["stagemeester"]


def test_withdrawn_expired_and_forged_links(client, world, django_capture_on_commit_callbacks):
    an = member(world)
    request = _ask(world, django_capture_on_commit_callbacks, team_member=an)
    path = last_link_path()
    aso = client.__class__()
    aso.force_login(world.users["aso"])
    aso.post(reverse("portfolio:feedback_request_withdraw", args=[request.pk]))
    withdrawn = client.get(path)
    assert withdrawn.status_code == 410 and "withdrew" in withdrawn.content.decode()

    _ask(world, django_capture_on_commit_callbacks, team_member=an)
    path = last_link_path()
    FeedbackLink.objects.filter(used_at__isnull=True, withdrawn_at__isnull=True).update(
        expires_at=timezone.now()
    )
    expired = client.get(path)
    assert expired.status_code == 410 and "expired" in expired.content.decode()

    raw = path.split("/")[-2].split(":")[0]
    assert client.get(f"/workfloor/l/{raw}:AAAA/").status_code == 404
    assert client.get(f"/workfloor/l/{raw}/").status_code == 404
    assert not Feedback.objects.exists()


def test_the_aso_withdraws_only_the_link(client, world, django_capture_on_commit_callbacks):
    request = _ask(
        world, django_capture_on_commit_callbacks, supervisor=world.users["stagemeester"]
    )
    path = last_link_path()
    link = FeedbackLink.objects.get()
    other = client.__class__()
    other.force_login(world.users["other_aso"])
    assert other.post(reverse("workfloor:link_withdraw", args=[link.pk])).status_code == 404
    client.force_login(world.users["aso"])
    timeline = client.get(reverse("portfolio:feedback_timeline")).content.decode()
    assert reverse("workfloor:link_withdraw", args=[link.pk]) in timeline
    client.post(reverse("workfloor:link_withdraw", args=[link.pk]))
    client.logout()
    assert client.get(path).status_code == 410
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.OPEN  # still answerable when signed in


def test_the_task_arguments_hold_no_secret(world, django_capture_on_commit_callbacks, monkeypatch):
    from traject.workfloor import tasks

    seen = []

    class Recorder:
        @staticmethod
        def enqueue(**kwargs):
            seen.append(kwargs)

    monkeypatch.setattr(tasks, "send_feedback_link", Recorder)
    _ask(world, django_capture_on_commit_callbacks, team_member=member(world))
    assert seen == [{"link_id": FeedbackLink.objects.get().pk}]


def test_the_stagemeester_lists_members_and_sees_counts(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.users["stagemeester"])
    url = reverse("workfloor:team_member_add", args=[world.service.pk])
    response = client.post(
        url, {"name": "Dr. Bo Claes", "email": "Bo@UZ.test", "function": "staflid"}
    )
    assert response.status_code == 302
    bo = TeamMember.objects.get()
    assert bo.email == "bo@uz.test"
    duplicate = client.post(url, {"name": "Bo", "email": "bo@uz.test"})
    assert duplicate.status_code == 200 and TeamMember.objects.count() == 1
    _ask(world, django_capture_on_commit_callbacks, team_member=bo)
    anon = client.__class__()
    anon.post(last_link_path(), {"went_well": "a", "to_improve": "b"})
    page = client.get(reverse("workfloor:team")).content.decode()
    assert "Dr. Bo Claes" in page and "<td>1</td>" in page

    # Another stagemeester's team is out of reach.
    other = client.__class__()
    other.force_login(world.users["other_stagemeester"])
    assert other.post(url, {"name": "X", "email": "x@x.test"}).status_code == 404
    remove = reverse("workfloor:team_member_remove", args=[bo.pk])
    assert other.post(remove, {"version": bo.version}).status_code == 404
    assert client.post(remove).status_code == 428  # without the version the editor saw
    assert client.post(remove, {"version": bo.version + 1}).status_code == 409
    bo.refresh_from_db()
    assert bo.is_active
    client.post(remove, {"version": bo.version})
    bo.refresh_from_db()
    assert not bo.is_active and Feedback.objects.get().team_member == bo


def test_api_codes_links_and_team(client, world):
    client.force_login(world.users["aso"])
    team = client.get("/api/v1/workfloor/stageteam").json()
    assert {
        "key": f"u{world.users['stagemeester'].pk}",
        "name": "Stagemeester Persona",
        "has_account": True,
    } in team
    created = client.post(
        "/api/v1/workfloor/codes",
        json.dumps({"what": "Echo", "moment_date": timezone.localdate().isoformat()}),
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["state"] == "open"
    assert "<svg" in created.json()["qr_svg"] and "/workfloor/f/" in created.json()["url"]
    code_id = created.json()["id"]
    future = client.post(
        "/api/v1/workfloor/codes",
        json.dumps({"what": "Echo", "moment_date": "2999-01-01"}),
        content_type="application/json",
    )
    assert future.status_code == 400 and future.json()["code"] == "invalid"
    assert client.delete(f"/api/v1/workfloor/codes/{code_id}").json()["state"] == "withdrawn"

    client.force_login(world.users["other_aso"])
    assert client.get(f"/api/v1/workfloor/codes/{code_id}").status_code == 404

    client.force_login(world.users["stagemeester"])
    added = client.post(
        f"/api/v1/workfloor/teams/{world.service.pk}/members",
        json.dumps({"name": "Dr. C", "email": "c@uz.test"}),
        content_type="application/json",
    )
    assert added.status_code == 201
    teams = client.get("/api/v1/workfloor/teams").json()
    assert teams[0]["members"][0]["name"] == "Dr. C"
    bad = client.post(
        f"/api/v1/workfloor/teams/{world.service.pk}/members",
        json.dumps({"name": "Dr. D", "email": "not-an-address"}),
        content_type="application/json",
    )
    assert bad.status_code == 400

    client.force_login(world.users["aso"])
    asked = client.post(
        "/api/v1/portfolio/feedback-requests",
        json.dumps(
            {
                "team_member_id": added.json()["id"],
                "what": "Triage",
                "moment_date": timezone.localdate().isoformat(),
            }
        ),
        content_type="application/json",
    )
    assert asked.status_code == 201 and asked.json()["supervisor"] == "Dr. C"


def test_api_schema_and_bad_input(client, world):
    client.force_login(world.users["aso"])
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/workfloor/codes", "/api/v1/workfloor/teams/{service_id}/members"} <= set(paths)
    for payload in (
        {"what": "x" * 1_000_000, "moment_date": timezone.localdate().isoformat()},
        {"what": "Echo", "moment_date": "gisteren"},
        {"what": "Echo", "moment_date": timezone.localdate().isoformat(), "epa_id": 999999},
        {"what": "Echo", "moment_date": timezone.localdate().isoformat(), "role": "=CMD()"},
    ):
        response = client.post(
            "/api/v1/workfloor/codes", json.dumps(payload), content_type="application/json"
        )
        assert 400 <= response.status_code < 500 and "detail" in response.json()
    client.force_login(world.users["stagemeester"])
    response = client.post(
        f"/api/v1/workfloor/teams/{world.service.pk}/members",
        json.dumps({"name": "Dr. \x00", "email": "nul@uz.test"}),
        content_type="application/json",
    )
    assert response.status_code == 400 and not TeamMember.objects.exists()
