"""Survey reports and improvement actions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Status

from traject.core.concurrency import version_from_request

from .. import permissions, selectors, services
from ..instruments import default_report_instrument
from ..models import Theme
from ._common import _action_out, router
from .schemas import ActionIn, ActionOut, ActionPatch, ReportOut

# --- Reports ------------------------------------------------------------------------------


@router.get(
    "/reports/{kind}/{key}",
    response=ReportOut,
    summary="Aggregated report of a group; refused below the anonymity threshold",
)
def quality_report(request, kind: str, key: int, instrument: str = ""):
    """``instrument``: a survey's code; by default the learning climate of the group's training
    (``aso-learning-climate``, or ``aios-learning-climate`` for a Dutch group)."""
    obj = permissions.report_group_for(request.auth, kind, key)
    chosen = permissions.report_instrument_for(instrument or default_report_instrument(kind, obj))
    report = selectors.group_report(chosen, kind, key)
    permissions.ensure_report_shown(report)
    return {
        "group": selectors.group_label(kind, obj),
        "instrument": chosen.code,
        "threshold": report["threshold"],
        "editions": [
            {
                "campaign_id": e["campaign"].pk,
                "campaign": e["campaign"].name,
                "year": e["campaign"].year,
                "shown": e["shown"],
                "responses": e["count"],
                "themes": [
                    {
                        "theme": r["theme"].code,
                        "name": r["theme"].name,
                        "score": r["score"],
                        "national": r["national"],
                    }
                    for r in e["rows"]
                ]
                if e["shown"]
                else [],
                "free_text": e["free_text"],
            }
            for e in report["editions"]
        ],
    }


@router.post(
    "/reports/service/{service_id}/campaigns/{campaign_id}/actions",
    response={201: ActionOut},
    summary="Answer a stagedienst's report with an improvement action",
)
def quality_action_create(request, service_id: int, campaign_id: int, payload: ActionIn):
    service, campaign = permissions.improvement_action_target_for(
        request.auth, service_id, campaign_id
    )
    theme = None
    if payload.theme:
        theme = Theme.objects.filter(instrument=campaign.instrument, code=payload.theme).first()
        if theme is None:
            raise ValidationError({"theme": [_("Unknown theme.")]})
    action = services.improvement_action_create(
        service=service, campaign=campaign, theme=theme, action=payload.action, actor=request.auth
    )
    return Status(201, _action_out(action))


@router.patch("/actions/{action_id}", response=ActionOut, summary="Follow up an improvement action")
def quality_action_update(request, action_id: int, payload: ActionPatch):
    action = permissions.improvement_action_for(request.auth, action_id, for_write=True)
    if payload.status not in action.Status.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    services.improvement_action_update(
        improvement_action=action,
        status=payload.status,
        follow_up=payload.follow_up,
        expected_version=version_from_request(request, payload.version),
        actor=request.auth,
    )
    return _action_out(action)
