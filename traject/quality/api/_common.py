"""The quality router and serialisation helpers."""

from django.utils import timezone
from ninja import Router

from .. import selectors
from ..models import Campaign, RecognitionApplication

PREFIX = "/quality/"
router = Router(tags=["quality"])


# --- Helpers -------------------------------------------------------------------------------


def _application_out(a: RecognitionApplication) -> dict:
    return {
        "id": a.pk,
        "kind": a.kind,
        "status": a.status,
        "service_id": a.service_id,
        "service": str(a.service),
        "trainer_id": a.trainer_id,
        "requested_places": a.requested_places,
        "motivation": a.motivation,
        "submitted_on": a.submitted_on,
        "granted_start": a.granted_start,
        "granted_end": a.granted_end,
        "granted_capacity": a.granted_capacity,
        "refusal_reason": a.refusal_reason,
        "version": a.version,
    }


def _application_detail(a: RecognitionApplication) -> dict:
    overview = (
        a.development_overview
        if not a.is_draft
        else selectors.development_overview(a.service, today=timezone.localdate())
    )
    return {
        **_application_out(a),
        "staff": list(a.staff.all()),
        "activity_figures": list(a.activity_months.all()),
        "documents": list(a.documents.all()),
        "development_overview": overview,
    }


def _campaign_out(c: Campaign) -> dict:
    return {
        "id": c.pk,
        "name": c.display_name,
        "instrument": c.instrument.code,
        "university_id": c.university_id,
        "specialty_id": c.specialty_id,
        "opens": c.opens,
        "closes": c.closes,
        "status": c.status,
    }


def _action_out(a) -> dict:
    return {
        "id": a.pk,
        "service_id": a.service_id,
        "campaign_id": a.campaign_id,
        "theme": a.theme.code if a.theme_id else None,
        "action": a.action,
        "status": a.status,
        "follow_up": a.follow_up,
        "version": a.version,
    }


def _activity_out(a) -> dict:
    return {
        "id": a.pk,
        "service_id": a.service_id,
        "participant": a.participant,
        "title": a.title,
        "provider": a.provider,
        "date": a.date,
        "hours": a.hours,
        "accreditation": a.accreditation,
        "has_proof": bool(a.proof),
    }
