"""Who reads what: the deputy and the opleidingsgroep, the receiving opleider, the mentor."""

import datetime

import pytest
from django.utils import timezone

from traject.audit.models import AuditEvent
from traject.conversations.models import Kind, Outcome, Talk, TransferDocument
from traject.organisation.models import Stage, TrainingService
from traject.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def reported(world):
    opleider = world.users["opleider"]
    return Talk.objects.create(
        trainee=world.aios_trainee,
        stage=world.nl_stage,
        kind=Kind.SUITABILITY,
        training_year=1,
        planned_on=TODAY,
        held_on=TODAY,
        held_by=opleider,
        report="VERTROUWELIJK VERSLAG",
        outcome=Outcome.SUITABLE,
        reaction="MIJN REACTIE",
        acknowledged_at=timezone.now(),
        created_by=opleider,
    )


def test_the_group_reads_the_outcome_but_not_the_report_until_it_is_shared(client, world, reported):
    client.force_login(world.nl_group_member)
    page = client.get(f"/conversations/talks/{reported.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "geschikt" in body
    assert "VERTROUWELIJK VERSLAG" not in body and "MIJN REACTIE" not in body
    api = client.get(f"/api/v1/conversations/talks/{reported.pk}").json()
    assert api["outcome"] == "suitable" and api["report"] is None and api["reaction"] is None
    assert client.get(f"/conversations/talks/{reported.pk}/report/").status_code == 403
    Talk.objects.filter(pk=reported.pk).update(report_shared=True)
    body = client.get(f"/conversations/talks/{reported.pk}/").content.decode()
    assert "VERTROUWELIJK VERSLAG" in body and "MIJN REACTIE" not in body
    assert AuditEvent.objects.filter(
        actor=world.nl_group_member, action="read", object_id=str(reported.pk)
    ).exists()


def test_the_deputy_reads_and_reports_like_the_opleider(client, world, reported):
    client.force_login(world.nl_deputy)
    body = client.get(f"/conversations/talks/{reported.pk}/").content.decode()
    assert "VERTROUWELIJK VERSLAG" in body and "MIJN REACTIE" in body
    assert client.get(f"/conversations/talks/{reported.pk}/report/").status_code == 200
    assert client.get("/conversations/").status_code == 200


@pytest.mark.parametrize("persona", ["mentor", "stagemeester", "coordinator", "programme_admin"])
def test_belgian_roles_and_the_mentor_find_nothing(client, world, reported, persona):
    client.force_login(world.users[persona])
    assert client.get(f"/conversations/talks/{reported.pk}/").status_code == 404
    assert client.get(f"/conversations/aios/{world.aios_trainee.pk}/").status_code == 404
    assert client.get(f"/api/v1/conversations/talks/{reported.pk}").status_code == 404


def test_a_previous_opleider_loses_access_when_the_stage_ends(client, world, reported):
    Stage.objects.filter(pk=world.nl_stage.pk).update(end=TODAY - datetime.timedelta(days=1))
    client.force_login(world.users["opleider"])
    assert client.get(f"/conversations/talks/{reported.pk}/").status_code == 404


def test_the_receiving_opleider_reads_the_transfer_only_from_the_start_of_the_stage(client, world):
    receiver = f.UserFactory(email="receiver@example.test")
    service = TrainingService.objects.create(
        hospital=world.nl_hospital, specialty=world.nl_specialty, name="Interne B"
    )
    next_stage = Stage.objects.create(
        trainee=world.aios_trainee,
        service=service,
        stagemeester=receiver,
        start=TODAY + datetime.timedelta(days=10),
        end=TODAY + datetime.timedelta(days=300),
    )
    document = TransferDocument.objects.create(
        trainee=world.aios_trainee,
        from_stage=world.nl_stage,
        to_stage=next_stage,
        author=world.users["opleider"],
        summary="Samenvatting",
        status=TransferDocument.Status.DRAFT,
    )
    url = f"/conversations/transfers/{document.pk}/"
    client.force_login(world.users["aios"])
    assert client.get(url).status_code == 404  # a draft is the author's own
    TransferDocument.objects.filter(pk=document.pk).update(
        status=TransferDocument.Status.HANDED_OVER
    )
    assert client.get(url).status_code == 200
    client.force_login(receiver)
    assert client.get(url).status_code == 404  # before the new stage starts
    Stage.objects.filter(pk=next_stage.pk).update(start=TODAY)
    assert client.get(url).status_code == 200
    assert client.get(url + "pdf/")["Content-Type"] == "application/pdf"
    assert client.get(url + "edit/").status_code == 403
