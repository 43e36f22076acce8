"""Every write of work-floor feedback: keyword-only, atomic, audited.

The secrets (QR token, link token, 6-digit code) are made where they are handed out: the QR
token in the ASO's request (shown once on their own screen), the link token and the 6-digit
code inside the task that sends the e-mail. Tasks receive only primary keys.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import required_version, save_versioned
from traject.portfolio import permissions as portfolio_perms
from traject.portfolio import services as portfolio_services
from traject.portfolio.models import Epa, Feedback, FeedbackRequest, Role

from . import selectors, tokens
from .models import (
    BEDSIDE_CODE_VALID_MINUTES,
    CONFIRMATION_VALID_MINUTES,
    LINK_VALID_DAYS,
    MAX_CONFIRMATION_ATTEMPTS,
    MAX_CONFIRMATIONS_PER_CODE,
    MAX_CONFIRMATIONS_PER_PERSON_PER_HOUR,
    MAX_LINKS_PER_REQUEST,
    BedsideCode,
    Confirmation,
    FeedbackLink,
    TeamMember,
)

CREATE, UPDATE = AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE


class Closed(Exception):
    """A code or link that can no longer be used; ``state`` says why (used/expired/withdrawn)."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


def _refuse_nul(**texts) -> None:
    """A NUL character cannot be stored (PostgreSQL refuses it): a clear error, not a 500."""
    bad = {
        name: _("Remove the invisible NUL character.")
        for name, v in texts.items()
        if "\x00" in (v or "")
    }
    if bad:
        raise ValidationError(bad)


# --- The stageteam ---------------------------------------------------------------------------


def team_member_add(*, actor, service, name: str, email: str, function: str = "") -> TeamMember:
    """The stagemeester lists a member of the team who has no account."""
    if not selectors.services_led_by(actor).filter(pk=service.pk).exists():
        raise PermissionDenied
    _refuse_nul(name=name, email=email, function=function)
    email = (email or "").strip().lower()
    existing = TeamMember.objects.filter(service=service, email=email).first()
    if existing is not None and existing.is_active:
        raise ValidationError({"email": _("This person is already on the team.")})
    member = existing or TeamMember(service=service, added_by=actor)
    member.name, member.email, member.function = name.strip(), email, function.strip()
    member.is_active = True
    member.full_clean(exclude=["service", "email"] if existing else None)
    with transaction.atomic():
        if existing is not None:
            member.version += 1
        member.save()
        audit_record(actor=actor, action=CREATE if existing is None else UPDATE, target=member)
    return member


def team_member_remove(*, actor, member: TeamMember, expected_version) -> TeamMember:
    """Take someone off the team; their feedback stays in the portfolios, attributed to them.

    Needs the version the editor saw (428 without it, 409 when re-added or changed meanwhile)."""
    if not selectors.services_led_by(actor).filter(pk=member.service_id).exists():
        raise PermissionDenied
    expected_version = required_version(expected_version)
    with transaction.atomic():
        member.is_active = False
        save_versioned(member, expected_version=expected_version)
        audit_record(actor=actor, action=UPDATE, target=member, summary="removed from the team")
    return member


# --- A code at the bedside -------------------------------------------------------------------


def bedside_code_create(
    *,
    actor,
    trainee,
    moment_date: datetime.date,
    what: str,
    role: str = "",
    epa: Epa | None = None,
) -> tuple[BedsideCode, str]:
    """The ASO shows a QR code for this moment; return the code and its token (shown once)."""
    if not portfolio_perms.is_self(actor, trainee):
        raise PermissionDenied
    if moment_date > timezone.localdate():
        raise ValidationError({"moment_date": _("The moment cannot lie in the future.")})
    if role and role not in Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    portfolio_services.check_epa(trainee, epa)
    _refuse_nul(what=what)
    what = (what or "").strip()
    if not what:
        raise ValidationError({"what": _("Say what the moment was.")})
    token, digest = tokens.new_token("bedside")
    now = timezone.now()
    code = BedsideCode(
        trainee=trainee,
        moment_date=moment_date,
        what=what,
        role=role or "",
        epa=epa,
        token_hash=digest,
        created_at=now,
        expires_at=now + datetime.timedelta(minutes=BEDSIDE_CODE_VALID_MINUTES),
    )
    code.full_clean()
    with transaction.atomic():
        code.save()
        audit_record(actor=actor, action=CREATE, target=code, subject=trainee.user)
    return code, token


def bedside_code_withdraw(*, actor, code: BedsideCode) -> BedsideCode:
    if not portfolio_perms.is_self(actor, code.trainee):
        raise PermissionDenied
    with transaction.atomic():
        code = BedsideCode.objects.select_for_update().get(pk=code.pk)
        if code.is_open:
            code.withdrawn_at = timezone.now()
            code.save(update_fields=["withdrawn_at"])
            audit_record(actor=actor, action=UPDATE, target=code, summary="withdrawn")
    return code


def _require_open(obj) -> None:
    state = obj.state()
    if state != obj.State.OPEN:
        raise Closed(state)


def confirmation_start(*, code: BedsideCode, person_key: str) -> Confirmation:
    """The supervisor chose their name: e-mail them a 6-digit code (made inside the task)."""
    from .tasks import send_confirmation_code

    _require_open(code)
    person = selectors.stageteam_person(code.trainee, person_key)
    if person is None:
        raise ValidationError({"person": _("Choose your name from the list.")})
    now = timezone.now()
    with transaction.atomic():
        BedsideCode.objects.select_for_update().get(pk=code.pk)
        if code.confirmations.count() >= MAX_CONFIRMATIONS_PER_CODE:
            raise ValidationError(
                _("Too many codes were asked for this QR code. Ask the ASO for a new QR code.")
            )
        recent = Confirmation.objects.filter(
            email__iexact=person.email, created_at__gte=now - datetime.timedelta(hours=1)
        ).count()
        if recent >= MAX_CONFIRMATIONS_PER_PERSON_PER_HOUR:
            raise ValidationError(
                _("Too many codes were sent to you in the last hour. Try again later.")
            )
        confirmation = Confirmation.objects.create(
            bedside_code=code,
            user=person.user,
            team_member=person.team_member,
            email=person.email,
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=CONFIRMATION_VALID_MINUTES),
        )
        transaction.on_commit(
            lambda: send_confirmation_code.enqueue(confirmation_id=confirmation.pk)
        )
    return confirmation


def confirmation_check(*, confirmation: Confirmation, digits: str) -> Confirmation:
    """Check the 6-digit code; a wrong one counts, and after five the code is dead."""
    with transaction.atomic():
        confirmation = Confirmation.objects.select_for_update().get(pk=confirmation.pk)
        if confirmation.confirmed_at:
            return confirmation
        if not confirmation.is_usable:
            raise ValidationError(
                _("This code can no longer be used. Choose your name again for a new code.")
            )
        if tokens.digits_match(confirmation.pk, digits, confirmation.code_hash):
            confirmation.confirmed_at = timezone.now()
            confirmation.save(update_fields=["confirmed_at"])
            return confirmation
        confirmation.attempts += 1
        confirmation.save(update_fields=["attempts"])
    left = MAX_CONFIRMATION_ATTEMPTS - confirmation.attempts
    if left <= 0:
        raise ValidationError(
            _("Wrong code, too many times. Choose your name again for a new code.")
        )
    raise ValidationError({"digits": _("Wrong code. %(left)d attempts left.") % {"left": left}})


def bedside_feedback_give(
    *,
    code: BedsideCode,
    went_well: str,
    to_improve: str,
    entrustment_level: int | None = None,
    confirmation: Confirmation | None = None,
    signed_in_user=None,
) -> Feedback:
    """The identified supervisor gives the feedback; the code is used up in the same step."""
    with transaction.atomic():
        code = (
            BedsideCode.objects.select_for_update(of=("self",))
            .select_related("trainee__user")
            .get(pk=code.pk)
        )
        _require_open(code)
        if signed_in_user is not None:
            person = selectors.user_in_stageteam(code.trainee, signed_in_user)
            if person is None:
                raise PermissionDenied
            how = "signed in"
        elif confirmation is not None:
            confirmation = Confirmation.objects.get(pk=confirmation.pk)
            if confirmation.bedside_code_id != code.pk or not confirmation.confirmed_at:
                raise PermissionDenied
            person = selectors.stageteam_person(
                code.trainee,
                f"u{confirmation.user_id}"
                if confirmation.user_id
                else f"m{confirmation.team_member_id}",
            )
            if person is None:  # left the team since the code was sent
                raise PermissionDenied
            how = f"6-digit code e-mailed to {confirmation.email}"
        else:
            raise PermissionDenied
        feedback = portfolio_services.feedback_record(
            trainee=code.trainee,
            author=person.user,
            team_member=person.team_member,
            channel=Feedback.Channel.BEDSIDE,
            moment_date=code.moment_date,
            what=code.what,
            role=code.role,
            epa=code.epa,
            went_well=went_well,
            to_improve=to_improve,
            entrustment_level=entrustment_level,
            identified_by=f"bedside code {code.pk}; identified by {how}",
        )
        code.used_at = timezone.now()
        code.feedback = feedback
        code.save(update_fields=["used_at", "feedback"])
    return feedback


# --- One-time links --------------------------------------------------------------------------


def link_issue(*, request: FeedbackRequest) -> FeedbackLink:
    """Make the one-time link of a request; the task makes its token and e-mails it."""
    from .tasks import send_feedback_link

    now = timezone.now()
    link = FeedbackLink.objects.create(
        request=request,
        created_at=now,
        expires_at=now + datetime.timedelta(days=LINK_VALID_DAYS),
    )
    transaction.on_commit(lambda: send_feedback_link.enqueue(link_id=link.pk))
    return link


def links_withdraw(*, request: FeedbackRequest) -> int:
    """Withdraw every open link of the request (when the ASO withdraws it)."""
    return FeedbackLink.objects.filter(
        request=request, used_at__isnull=True, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())


def link_withdraw(*, actor, link: FeedbackLink) -> FeedbackLink:
    """The ASO withdraws the link alone (the request stays open for a signed-in answer)."""
    if not portfolio_perms.is_self(actor, link.request.trainee):
        raise PermissionDenied
    with transaction.atomic():
        link = FeedbackLink.objects.select_for_update().get(pk=link.pk)
        if link.is_open:
            link.withdrawn_at = timezone.now()
            link.save(update_fields=["withdrawn_at"])
            audit_record(actor=actor, action=UPDATE, target=link, summary="withdrawn")
    return link


def link_resend(*, actor, request: FeedbackRequest) -> FeedbackLink:
    """The ASO sends the request's e-mail again with a new one-time link (the mail was lost or
    the link expired); any link still open is withdrawn, so only the newest one works."""
    if not portfolio_perms.is_self(actor, request.trainee):
        raise PermissionDenied
    with transaction.atomic():
        request = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != FeedbackRequest.Status.OPEN:
            raise ValidationError(_("Only an open request can be sent again."))
        if request.links.count() >= MAX_LINKS_PER_REQUEST:
            raise ValidationError(
                _("This request was sent %(n)d times already. Make a new request instead.")
                % {"n": MAX_LINKS_PER_REQUEST}
            )
        links_withdraw(request=request)
        link = link_issue(request=request)
        audit_record(
            actor=actor,
            action=CREATE,
            target=link,
            subject=request.trainee.user,
            summary="link sent again",
        )
    return link


def link_feedback_give(
    *, link: FeedbackLink, went_well: str, to_improve: str, entrustment_level: int | None = None
) -> Feedback:
    """The supervisor answers the request through its one-time link; the link is used up."""
    with transaction.atomic():
        link = FeedbackLink.objects.select_for_update().get(pk=link.pk)
        _require_open(link)
        request = link.request
        if request.status == FeedbackRequest.Status.WITHDRAWN:
            raise Closed(FeedbackLink.State.WITHDRAWN)
        if request.status == FeedbackRequest.Status.COMPLETED:
            raise Closed(FeedbackLink.State.USED)
        feedback = portfolio_services.feedback_request_complete(
            request=request,
            actor=request.supervisor,
            team_member=request.team_member,
            channel=Feedback.Channel.LINK,
            identified_by=f"one-time link {link.pk} sent to the person asked",
            went_well=went_well,
            to_improve=to_improve,
            entrustment_level=entrustment_level,
        )
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
    return feedback
