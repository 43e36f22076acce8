import pytest
from django.contrib import admin
from django.test import RequestFactory

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record


def test_audit_events_cannot_be_changed_or_deleted(world):
    event = audit_record(
        actor=world.users["programme_admin"], action="update", target=world.hospital
    )
    event.summary = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_the_admin_offers_no_add_change_or_delete(world):
    model_admin = admin.site._registry[AuditEvent]
    request = RequestFactory().get("/")
    request.user = world.users["programme_admin"]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_administrators_can_search_the_log(client, world):
    audit_record(
        actor=world.users["programme_admin"],
        action="update",
        target=world.hospital,
        summary="nieuwe naam",
    )
    audit_record(
        actor=world.users["programme_admin"],
        action="update",
        target=world.other_hospital,
        summary="ander",
    )
    client.force_login(world.users["programme_admin"])
    response = client.get("/audit/", {"q": "nieuwe naam"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "nieuwe naam" in content and "AZ Brugge" not in content
