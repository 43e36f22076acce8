"""Work-floor feedback API: bedside codes (ASO), one-time links (ASO), the stageteam."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from traject.core.concurrency import version_from_request
from traject.portfolio.models import Epa, Role

from . import permissions as perms
from . import qr, selectors, services

PREFIX = "/workfloor/"
router = Router(tags=["workfloor"])


class StageteamPersonOut(Schema):
    key: str
    name: str
    has_account: bool


class BedsideCodeIn(Schema):
    what: str
    moment_date: datetime.date
    role: str = ""
    epa_id: int | None = None


class BedsideCodeOut(Schema):
    id: int
    what: str
    moment_date: datetime.date
    state: str
    expires_at: datetime.datetime
    feedback_id: int | None


class BedsideCodeCreated(BedsideCodeOut):
    url: str
    qr_svg: str


class FeedbackLinkOut(Schema):
    id: int
    request_id: int
    state: str
    expires_at: datetime.datetime


class TeamMemberIn(Schema):
    name: str
    email: str
    function: str = ""


class TeamMemberOut(Schema):
    id: int
    service_id: int
    name: str
    email: str
    function: str
    active: bool
    feedback_given: int
    version: int


class TeamOut(Schema):
    service_id: int
    service: str
    total_feedback: int
    members: list[TeamMemberOut]


def _code_out(code) -> dict:
    return {
        "id": code.pk,
        "what": code.what,
        "moment_date": code.moment_date,
        "state": code.state(),
        "expires_at": code.expires_at,
        "feedback_id": code.feedback_id,
    }


def _member_out(m, n=None) -> dict:
    return {
        "id": m.pk,
        "service_id": m.service_id,
        "name": m.name,
        "email": m.email,
        "function": m.function,
        "active": m.is_active,
        "version": m.version,
        "feedback_given": n if n is not None else getattr(m, "n_feedback", 0),
    }


@router.get("/stageteam", response=list[StageteamPersonOut], summary="Your current stageteam (ASO)")
def workfloor_stageteam(request):
    trainee = perms.own_trainee(request.auth)
    return [
        {"key": p.key, "name": p.name, "has_account": p.has_account}
        for p in selectors.stageteam(trainee)
    ]


@router.post(
    "/codes",
    response={201: BedsideCodeCreated},
    summary="Make a bedside QR code for a moment (ASO); the URL is shown only in this answer",
)
def workfloor_code_create(request, payload: BedsideCodeIn):
    trainee = perms.own_trainee(request.auth)
    if payload.role and payload.role not in Role.values:
        raise ValidationError({"role": [_("Choose a role from the list.")]})
    epa = None
    if payload.epa_id is not None:
        epa = Epa.objects.filter(pk=payload.epa_id).first()
        if epa is None:
            raise ValidationError({"epa_id": [_("Unknown EPA.")]})
    code, token = services.bedside_code_create(
        actor=request.auth,
        trainee=trainee,
        what=payload.what,
        moment_date=payload.moment_date,
        role=payload.role,
        epa=epa,
    )
    from django.urls import reverse

    url = request.build_absolute_uri(reverse("workfloor:bedside", args=[token]))
    return Status(201, {**_code_out(code), "url": url, "qr_svg": str(qr.svg(url, "QR"))})


@router.get("/codes/{code_id}", response=BedsideCodeOut, summary="A bedside code's state (ASO)")
def workfloor_code(request, code_id: int):
    return _code_out(perms.bedside_code_of_aso(request.auth, code_id))


@router.delete("/codes/{code_id}", response=BedsideCodeOut, summary="Withdraw a bedside code (ASO)")
def workfloor_code_withdraw(request, code_id: int):
    code = perms.bedside_code_of_aso(request.auth, code_id)
    return _code_out(services.bedside_code_withdraw(actor=request.auth, code=code))


@router.delete(
    "/links/{link_id}",
    response={204: None},
    summary="Withdraw the one-time link of one of your feedback requests (ASO)",
)
def workfloor_link_withdraw(request, link_id: int):
    link = perms.link_of_aso(request.auth, link_id)
    services.link_withdraw(actor=request.auth, link=link)
    return Status(204, None)


@router.post(
    "/requests/{request_id}/link",
    response={201: FeedbackLinkOut},
    summary="Send one of your feedback requests again with a new one-time link (ASO)",
)
def workfloor_link_resend(request, request_id: int):
    feedback_request = perms.feedback_request_of_aso(request.auth, request_id)
    link = services.link_resend(actor=request.auth, request=feedback_request)
    return Status(
        201,
        {
            "id": link.pk,
            "request_id": feedback_request.pk,
            "state": link.state(),
            "expires_at": link.expires_at,
        },
    )


@router.get("/teams", response=list[TeamOut], summary="Your stagediensten's teams (stagemeester)")
def workfloor_teams(request):
    result = []
    for service in perms.services_of_stagemeester(request.auth):
        overview = selectors.team_overview(service)
        result.append(
            {
                "service_id": service.pk,
                "service": str(service),
                "total_feedback": overview["total"],
                "members": [_member_out(m) for m in overview["members"]],
            }
        )
    return result


@router.post(
    "/teams/{service_id}/members",
    response={201: TeamMemberOut},
    summary="Add a team member without an account (stagemeester)",
)
def workfloor_team_member_add(request, service_id: int, payload: TeamMemberIn):
    service = perms.team_service(request.auth, service_id)
    member = services.team_member_add(
        actor=request.auth,
        service=service,
        name=payload.name,
        email=payload.email,
        function=payload.function,
    )
    return Status(201, _member_out(member, n=member.feedback_given.count()))


@router.delete(
    "/members/{member_id}",
    response=TeamMemberOut,
    summary="Take a member off the team (stagemeester); their feedback stays (send the version you read, ?version= or If-Match: 428 without it, 409 when stale)",
)
def workfloor_team_member_remove(request, member_id: int, version: int | None = None):
    member = perms.team_member(request.auth, member_id)
    member = services.team_member_remove(
        actor=request.auth, member=member, expected_version=version_from_request(request, version)
    )
    return _member_out(member, n=member.feedback_given.count())
