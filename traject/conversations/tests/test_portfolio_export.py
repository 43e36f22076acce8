"""The transfer document is kept in the aios's portfolio: in its JSON and PDF export."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from traject.conversations import services
from traject.conversations.models import TransferDocument

from .test_services import _next_stage

pytestmark = pytest.mark.django_db


def _written(world, status):
    _receiver, next_stage = _next_stage(world)
    document = services.transfer_start(from_stage=world.nl_stage, actor=world.users["opleider"])
    TransferDocument.objects.filter(pk=document.pk).update(
        summary="Een sterk jaar op de afdeling.",
        attention_points="Overdracht in de avond",
        trainee_reaction="Herkenbaar.",
        status=status,
    )
    return next_stage


def test_the_export_holds_the_transfer_documents_the_aios_may_read(client, world):
    next_stage = _written(world, TransferDocument.Status.HANDED_OVER)
    client.force_login(world.users["aios"])
    data = json.loads(client.get(reverse("portfolio:export_json")).content)
    assert data["format"] == "traject-portfolio" and "todo_lists" in data
    [document] = data["transfer_documents"]
    assert document["summary"] == "Een sterk jaar op de afdeling."
    assert document["trainee_reaction"] == "Herkenbaar."
    assert document["to_stage"]["service"] == str(next_stage.service)
    assert document["facts"]["period"]["place"] == str(world.nl_service)
    response = client.get(reverse("portfolio:export_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Een sterk jaar op de afdeling." in text and "Overdracht in de avond" in text


def test_a_draft_stays_with_the_opleider(client, world):
    _written(world, TransferDocument.Status.DRAFT)
    client.force_login(world.users["aios"])
    data = json.loads(client.get(reverse("portfolio:export_json")).content)
    assert data["transfer_documents"] == []
    response = client.get(reverse("portfolio:export_pdf"))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Een sterk jaar" not in text
