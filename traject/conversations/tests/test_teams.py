"""The opleider keeps the deputy and the opleidingsgroep in Traject (not only in the admin)."""

import pytest
from django.core.exceptions import PermissionDenied

from traject.audit.models import AuditEvent
from traject.conversations import services
from traject.organisation.models import TeamMember
from traject.testing import factories as f

pytestmark = pytest.mark.django_db


def test_the_opleider_appoints_a_deputy_who_then_reads_the_group(client, world):
    newcomer = f.UserFactory(email="nieuwe.deputy@example.test")
    client.force_login(world.users["opleider"])
    page = client.get("/conversations/groups/")
    assert page.status_code == 200 and world.nl_deputy.email in page.content.decode()
    answer = client.post(
        f"/conversations/groups/{world.nl_service.pk}/add/",
        {"email": "NIEUWE.deputy@example.test", "role": "deputy"},
    )
    assert answer.status_code == 302
    member = TeamMember.objects.get(service=world.nl_service, user=newcomer)
    assert member.role == TeamMember.Role.DEPUTY
    assert AuditEvent.objects.filter(
        actor=world.users["opleider"], action="create", object_id=str(member.pk)
    ).exists()
    # The new deputy reads the aios's cycle and may plan talks; the page shows the group only.
    client.force_login(newcomer)
    assert client.get(f"/conversations/aios/{world.aios_trainee.pk}/").status_code == 200
    assert client.get("/conversations/groups/").status_code == 200
    assert client.get(f"/conversations/groups/{world.nl_service.pk}/add/").status_code == 403


def test_removing_a_member_takes_their_access_away_at_once(client, world):
    member = TeamMember.objects.get(user=world.nl_group_member)
    client.force_login(world.users["opleider"])
    url = f"/conversations/groups/members/{member.pk}/remove/"
    assert client.post(url).status_code == 428  # without the version the editor saw
    assert client.post(url, {"version": member.version + 1}).status_code == 409
    assert TeamMember.objects.filter(pk=member.pk).exists()
    assert client.post(url, {"version": member.version}).status_code == 302
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    client.force_login(world.nl_group_member)
    assert client.get(f"/conversations/aios/{world.aios_trainee.pk}/").status_code == 404


def test_a_deputy_cannot_change_the_group_and_strangers_find_nothing(client, world):
    member = TeamMember.objects.get(user=world.nl_group_member)
    client.force_login(world.nl_deputy)
    assert client.post(f"/conversations/groups/members/{member.pk}/remove/").status_code == 403
    assert client.delete(f"/api/v1/conversations/group-members/{member.pk}").status_code == 403
    client.force_login(world.users["stagemeester"])  # a Belgian trainer
    assert client.post(f"/conversations/groups/members/{member.pk}/remove/").status_code == 404
    assert client.get(f"/conversations/groups/{world.nl_service.pk}/add/").status_code == 404
    assert TeamMember.objects.filter(pk=member.pk).exists()


def test_the_api_refuses_an_unknown_account_a_bad_role_and_oneself(client, world):
    client.force_login(world.users["opleider"])
    url = f"/api/v1/conversations/groups/{world.nl_service.pk}/members"

    def add(email, role):
        return client.post(url, {"email": email, "role": role}, content_type="application/json")

    unknown = add("nobody@example.test", "member")
    assert unknown.status_code == 400 and "email" in unknown.json()["detail"]
    assert add(world.nl_deputy.email, "boss").status_code == 400
    assert add(world.users["opleider"].email, "deputy").status_code == 400
    assert add("=cmd|' /C calc'!A0", "member").status_code == 400
    changed = add(world.nl_group_member.email, "deputy")
    assert changed.status_code == 201
    roles = {m["email"]: m["role"] for m in changed.json()["members"]}
    assert roles[world.nl_group_member.email] == "deputy"
    listed = client.get("/api/v1/conversations/groups").json()
    assert listed[0]["can_manage"] is True


def test_the_service_refuses_anyone_but_the_opleider(world):
    with pytest.raises(PermissionDenied):
        services.team_member_add(
            actor=world.nl_deputy,
            service=world.nl_service,
            email="someone@example.test",
            role="member",
        )
