"""Permission table rows for work-floor feedback (pages and API), the anonymous persona included."""

import datetime

from django.utils import timezone

from traject.portfolio import services as portfolio_services
from traject.testing.permission_table import Row, expect
from traject.workfloor import services, tokens
from traject.workfloor.models import FeedbackLink, TeamMember


def extend_world(w):
    """A team member without an account, an open bedside code and an open one-time link."""
    aso, sm = w.users["aso"], w.users["stagemeester"]
    member = TeamMember.objects.create(
        service=w.service, name="Dr. Lien Maes", email="lien.maes@uzgent.test", added_by=sm
    )
    code, bedside_token = services.bedside_code_create(
        actor=aso, trainee=w.trainee, moment_date=timezone.localdate(), what="Echo"
    )
    request = portfolio_services.feedback_request_create(
        trainee=w.trainee,
        actor=aso,
        team_member=member,
        moment_date=timezone.localdate(),
        what="Overdracht",
    )
    link_token, digest = tokens.new_token("link")
    link = FeedbackLink.objects.create(
        request=request,
        token_hash=digest,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    w.add(
        team_member=member,
        bedside=code,
        bedside_token=bedside_token,
        link=link,
        link_token=link_token,
    )


TODAY = lambda: timezone.localdate().isoformat()  # noqa: E731
ASO_PAGE = expect(403, aso=200, other_aso=200, anonymous=302)
OWN_CODE = expect(404, anonymous=302)
STAGEMEESTER = expect(403, stagemeester=200, other_stagemeester=200, anonymous=302)
OWN_TEAM = expect(404, stagemeester=200, anonymous=302)
FEEDBACK = {"went_well": "Goed", "to_improve": "Sneller"}


def _member_version(w):
    from traject.workfloor.models import TeamMember

    return {"version": TeamMember.objects.get(pk=w.team_member.pk).version}


ROWS = [
    Row("GET", "workfloor:ask_now", expect=ASO_PAGE),
    Row(
        "POST",
        "workfloor:ask_now",
        data=lambda w: {"what": "Punctie", "moment_date": TODAY()},
        expect=ASO_PAGE,
        description="shows the QR code",
    ),
    Row("GET", "workfloor:code_status", lambda w: [w.bedside.pk], expect={**OWN_CODE, "aso": 200}),
    Row(
        "POST", "workfloor:code_withdraw", lambda w: [w.bedside.pk], expect={**OWN_CODE, "aso": 302}
    ),
    Row("POST", "workfloor:link_withdraw", lambda w: [w.link.pk], expect={**OWN_CODE, "aso": 302}),
    Row(
        "POST",
        "workfloor:link_resend",
        lambda w: [w.link.request_id],
        expect={**OWN_CODE, "aso": 302},
        description="the ASO sends their request's link again",
    ),
    # Whoever holds the QR token opens the page; only the stageteam can give feedback.
    Row(
        "GET",
        "workfloor:bedside",
        lambda w: [w.bedside_token],
        expect=expect(200),
        description="the stagemeester gets the form, everyone else the list of names",
    ),
    Row(
        "POST",
        "workfloor:bedside",
        lambda w: [w.bedside_token],
        data=lambda w: {"action": "choose", "person": f"m{w.team_member.pk}"},
        expect=expect(302, stagemeester=200),
        description="choosing a name e-mails that person a code",
    ),
    Row(
        "POST",
        "workfloor:bedside",
        lambda w: [w.bedside_token],
        data=lambda w: {"action": "send", **FEEDBACK},
        expect=expect(200),
        description="send without confirmation: only the signed-in stagemeester's counts",
    ),
    Row(
        "GET",
        "workfloor:bedside",
        lambda w: ["forged:token"],
        expect=expect(404),
        description="forged token",
    ),
    Row("GET", "workfloor:link", lambda w: [w.link_token], expect=expect(200)),
    Row(
        "POST",
        "workfloor:link",
        lambda w: [w.link_token],
        data=lambda w: FEEDBACK,
        expect=expect(200),
        description="the holder of the link answers once",
    ),
    Row("GET", "workfloor:team", expect=STAGEMEESTER),
    Row(
        "GET",
        "workfloor:team_member_add",
        lambda w: [w.service.pk],
        expect=OWN_TEAM,
    ),
    Row(
        "POST",
        "workfloor:team_member_add",
        lambda w: [w.service.pk],
        data=lambda w: {"name": "Dr. Jan Wouters", "email": "jan@uzgent.test"},
        expect={**OWN_TEAM, "stagemeester": 302},
    ),
    Row(
        "POST",
        "workfloor:team_member_remove",
        lambda w: [w.team_member.pk],
        data=_member_version,
        expect={**OWN_TEAM, "stagemeester": 302},
    ),
    # --- API
    Row(
        "GET",
        "api:workfloor_stageteam",
        expect=expect(403, aso=200, other_aso=200, anonymous=401),
    ),
    Row(
        "POST",
        "api:workfloor_code_create",
        data=lambda w: {"what": "Punctie", "moment_date": TODAY()},
        expect=expect(403, aso=201, other_aso=201, anonymous=401),
    ),
    Row(
        "GET",
        "api:workfloor_code",
        lambda w: [w.bedside.pk],
        expect=expect(404, aso=200, anonymous=401),
    ),
    Row(
        "DELETE",
        "api:workfloor_code_withdraw",
        lambda w: [w.bedside.pk],
        expect=expect(404, aso=200, anonymous=401),
    ),
    Row(
        "DELETE",
        "api:workfloor_link_withdraw",
        lambda w: [w.link.pk],
        expect=expect(404, aso=204, anonymous=401),
    ),
    Row(
        "POST",
        "api:workfloor_link_resend",
        lambda w: [w.link.request_id],
        expect=expect(404, aso=201, anonymous=401),
    ),
    Row(
        "GET",
        "api:workfloor_teams",
        expect=expect(200, anonymous=401),
        description="an empty list for who keeps no team",
    ),
    Row(
        "POST",
        "api:workfloor_team_member_add",
        lambda w: [w.service.pk],
        data=lambda w: {"name": "Dr. Jan Wouters", "email": "jan@uzgent.test"},
        expect=expect(404, stagemeester=201, anonymous=401),
    ),
    Row(
        "DELETE",
        "api:workfloor_team_member_remove",
        lambda w: [w.team_member.pk],
        data=_member_version,
        expect=expect(404, stagemeester=200, anonymous=401),
    ),
]
