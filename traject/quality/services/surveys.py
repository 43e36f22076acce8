"""Writes for survey campaigns and anonymous responses."""

import datetime
import random

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.core.concurrency import save_versioned
from traject.organisation.models import (
    Country,
    HospitalCoordinator,
    Stage,
    Trainee,
    TrainerRecognition,
    TrainingService,
)

from .. import permissions
from ..anonymity import coarsen, receipt_digests, seal, unseal
from ..instruments import campaign_country
from ..models import (
    AnswerSet,
    Audience,
    Campaign,
    ImprovementAction,
    Instrument,
    Invitation,
    Item,
    ResponseReceipt,
    Theme,
)
from ..scoring import valid_score
from ._common import FREE_TEXT_MAX, _audit

# --- Campaigns and anonymous responses ---------------------------------------------------


def campaign_invitees(campaign: Campaign) -> list[dict]:
    """Who a campaign addresses, each with the group their answers will count for.

    An instrument is written for one country's training (its words: ASO and stagemeester, or
    aios and opleider) and addresses that training only; a national campaign without one is the
    FOD's, for the Belgian training.
    """
    audience = campaign.instrument.audience
    day = campaign.opens
    country = campaign.instrument.country or (
        Country.BELGIUM if campaign.university_id is None else ""
    )
    rows: list[dict] = []
    if audience == Audience.ASO:
        trainees = Trainee.objects.filter(training_start__lte=day, user__is_active=True)
        if campaign.university_id:
            trainees = trainees.filter(university_id=campaign.university_id)
        if country:
            trainees = trainees.filter(specialty__country=country)
        if campaign.specialty_id:
            trainees = trainees.filter(specialty_id=campaign.specialty_id)
        trainees = {t.pk: t for t in trainees.select_related("specialty")}
        seen = set()
        # The current stage, or the last one: the most recent stage started by the opening day.
        stages = (
            Stage.objects.filter(trainee_id__in=list(trainees), start__lte=day)
            .select_related("service__hospital")
            .order_by("trainee_id", "-start")
        )
        for stage in stages:
            if stage.trainee_id in seen:
                continue
            seen.add(stage.trainee_id)
            trainee = trainees[stage.trainee_id]
            rows.append(
                {
                    "user_id": trainee.user_id,
                    "service_id": stage.service_id,
                    "hospital_id": stage.service.hospital_id,
                    "specialty_id": stage.service.specialty_id,
                    "training_year": trainee.training_year_on(day),
                }
            )
    elif audience == Audience.STAGEMEESTER:
        recognitions = TrainerRecognition.objects.filter(
            start__lte=day, end__gte=day, trainer__is_active=True
        ).select_related("service")
        if campaign.university_id:
            recognitions = recognitions.filter(
                service__hospital__university_id=campaign.university_id
            )
        if country:
            recognitions = recognitions.filter(service__specialty__country=country)
        if campaign.specialty_id:
            recognitions = recognitions.filter(service__specialty_id=campaign.specialty_id)
        seen = set()
        for recognition in recognitions.order_by("trainer_id", "-start"):
            if recognition.trainer_id in seen:
                continue
            seen.add(recognition.trainer_id)
            rows.append(
                {
                    "user_id": recognition.trainer_id,
                    "service_id": recognition.service_id,
                    "hospital_id": recognition.service.hospital_id,
                    "specialty_id": recognition.service.specialty_id,
                    "training_year": None,
                }
            )
    elif audience == Audience.COORDINATOR:
        coordinators = HospitalCoordinator.objects.filter(user__is_active=True)
        if campaign.university_id:
            coordinators = coordinators.filter(hospital__university_id=campaign.university_id)
        if country:
            coordinators = coordinators.filter(hospital__country=country)
        seen = set()
        for coordinator in coordinators.order_by("user_id", "hospital_id"):
            if coordinator.user_id in seen:
                continue
            seen.add(coordinator.user_id)
            rows.append(
                {
                    "user_id": coordinator.user_id,
                    "service_id": None,
                    "hospital_id": coordinator.hospital_id,
                    "specialty_id": None,
                    "training_year": None,
                }
            )
    return rows


def campaign_open(
    *,
    name: str,
    instrument: Instrument,
    opens: datetime.date,
    closes: datetime.date,
    actor,
    university=None,
    specialty=None,
) -> Campaign:
    """Open a survey campaign for a period and invite everyone it addresses."""
    scope = (getattr(university, "pk", None), getattr(specialty, "pk", None))
    scopes = permissions.campaign_scopes(actor)
    if not scopes:
        raise PermissionDenied
    if scope not in scopes and not any(
        u == scope[0] and s is None and u is not None for u, s in scopes
    ):
        raise PermissionDenied(_("You cannot open a campaign for this scope."))
    return campaign_start(
        name=name,
        instrument=instrument,
        opens=opens,
        closes=closes,
        actor=actor,
        university=university,
        specialty=specialty,
    )


def campaign_start(
    *,
    name: str,
    instrument: Instrument,
    opens: datetime.date,
    closes: datetime.date,
    actor,
    university=None,
    specialty=None,
    grouped: bool = True,
) -> Campaign:
    """Open a campaign whose scope the calling service has already authorised.

    For another app's rule (the programme app lets a course's titularis open the evaluation of
    the course): the invitations, slots and guarantees are those of ``campaign_open``. With
    ``grouped=False`` the invitations carry no group, so every answer counts only for the whole
    campaign (a course has no stagedienst: no stagedienst report, one cell for everyone).
    """
    if instrument.audience == Audience.TRAINER_SELF:
        raise ValidationError({"instrument": _("The self-evaluation is not a survey.")})
    if closes < opens:
        raise ValidationError({"closes": _("The campaign closes before it opens.")})
    scope_country = campaign_country(university)
    if instrument.country and instrument.country != scope_country:
        raise ValidationError(
            {
                "instrument": _(
                    "This survey is written for the training in %(country)s; choose one "
                    "written for the training in %(scope)s."
                )
                % {
                    "country": Country(instrument.country).label,
                    "scope": Country(scope_country).label,
                }
            }
        )
    if closes < timezone.localdate():
        raise ValidationError({"closes": _("The closing date lies in the past.")})
    campaign = Campaign(
        name=name,
        instrument=instrument,
        university=university,
        specialty=specialty,
        opens=opens,
        closes=closes,
        created_by=actor,
    )
    with transaction.atomic():
        campaign.full_clean()
        campaign.save()
        invitees = campaign_invitees(campaign)
        if not grouped:
            ungrouped = {"service_id": None, "hospital_id": None, "specialty_id": None}
            invitees = [{**row, **ungrouped, "training_year": None} for row in invitees]
        Invitation.objects.bulk_create(
            [Invitation(campaign=campaign, **row) for row in invitees], batch_size=1000
        )
        # One empty answer slot per invitee, with random keys, made before any response.
        AnswerSet.objects.bulk_create(
            [AnswerSet(campaign=campaign) for _row in invitees], batch_size=1000
        )
        _audit(actor, AuditEvent.Action.CREATE, campaign, f"{len(invitees)} invitations")
        from ..tasks import send_campaign_invitations

        if campaign.opens <= timezone.localdate():
            Campaign.objects.filter(pk=campaign.pk).update(invited_on=timezone.localdate())
            campaign.invited_on = timezone.localdate()
            transaction.on_commit(
                lambda: send_campaign_invitations.enqueue(campaign_id=campaign.pk)
            )
    return campaign


def campaign_send_reminders(*, campaign: Campaign, actor=None) -> None:
    """Queue a reminder to everyone who has not responded yet."""
    if actor is not None and not permissions.can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if not campaign.is_open:
        raise ValidationError(_("The campaign is closed."))
    from ..tasks import send_campaign_reminders

    with transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(reminder_sent_on=timezone.localdate())
        campaign.reminder_sent_on = timezone.localdate()
        _audit(actor, AuditEvent.Action.UPDATE, campaign, "reminders sent")
        transaction.on_commit(lambda: send_campaign_reminders.enqueue(campaign_id=campaign.pk))


def campaign_close(*, campaign: Campaign, actor=None) -> Campaign:
    """Close a campaign: no more responses; its reports become available."""
    if actor is not None and not permissions.can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if not campaign.is_open:
        raise ValidationError(_("The campaign is already closed."))
    with transaction.atomic():
        campaign.status = Campaign.Status.CLOSED
        campaign.closed_on = timezone.localdate()
        save_versioned(campaign, expected_version=None)
        AnswerSet.objects.filter(campaign=campaign, filled=False).delete()
        _settle(campaign)
        _blur(campaign)
        _audit(actor, AuditEvent.Action.UPDATE, campaign, "closed")
        from ..tasks import announce_reports

        transaction.on_commit(lambda: announce_reports.enqueue(campaign_id=campaign.pk))
    return campaign


def _blur(campaign: Campaign) -> None:
    # Rewrite every answer set (and receipt) of the campaign in one statement. On PostgreSQL a
    # row version carries the writing transaction's id (xmin) and a physical position; without
    # this, the slot filled by a response would be the only one with that response's xmin.
    AnswerSet.objects.filter(campaign=campaign).update(filled=F("filled"))
    ResponseReceipt.objects.filter(campaign=campaign).update(digest=F("digest"))


def _settle(campaign: Campaign) -> None:
    """At closing: coarsen the sealed groups, set the invitations' flags, drop the receipts."""
    from ..selectors import anonymity_threshold

    sealed = AnswerSet.objects.filter(campaign=campaign, filled=True).exclude(sealed="")
    answers = [unseal(value) for value in sealed.values_list("sealed", flat=True)]
    groups = coarsen([group for group, _scores, _text in answers], anonymity_threshold())
    rows = [
        AnswerSet(
            campaign=campaign,
            filled=True,
            service_id=group[0],
            hospital_id=group[1],
            specialty_id=group[2],
            training_year=group[3],
            scores=scores,
            free_text=free_text,
        )
        for group, (_group, scores, free_text) in zip(groups, answers, strict=True)
    ]
    random.SystemRandom().shuffle(rows)
    sealed.delete()
    AnswerSet.objects.bulk_create(rows, batch_size=1000)
    digests = set(
        ResponseReceipt.objects.filter(campaign=campaign).values_list("digest", flat=True)
    )
    responded = [
        pk
        for pk, user_id in Invitation.objects.filter(campaign=campaign).values_list("pk", "user_id")
        if digests.intersection(receipt_digests(campaign.pk, user_id))
    ]
    # One statement for everyone: the flags carry no order.
    Invitation.objects.filter(pk__in=responded).update(responded=True)
    ResponseReceipt.objects.filter(campaign=campaign).delete()


def survey_response_submit(*, campaign: Campaign, scores: dict, actor, free_text: str = "") -> None:
    """Record a response: flag the invitation, fill a random anonymous slot. Returns nothing on purpose."""
    today = timezone.localdate()
    if not campaign.is_open or not (campaign.opens <= today <= campaign.closes):
        raise ValidationError(_("This survey is not open."))
    codes = set(
        Item.objects.filter(theme__instrument_id=campaign.instrument_id).values_list(
            "code", flat=True
        )
    )
    if not isinstance(scores, dict):
        raise ValidationError({"scores": _("Answer every statement.")})
    unknown = set(scores) - codes
    missing = codes - set(scores)
    if unknown:
        raise ValidationError({"scores": _("Unknown statements in the answer.")})
    if missing:
        raise ValidationError({"scores": _("Answer every statement (or choose “not applicable”).")})
    if not all(valid_score(value) for value in scores.values()):
        raise ValidationError(
            {"scores": _("Answers lie between 1 and 5, or are “not applicable”.")}
        )
    free_text = (free_text or "").strip()
    if len(free_text) > FREE_TEXT_MAX:
        raise ValidationError({"free_text": _("At most 2000 characters.")})
    # The invitation is read, never written or locked (a row lock writes the transaction id into
    # the row on PostgreSQL): the receipt's unique key is what makes a second answer fail.
    invitation = Invitation.objects.filter(campaign=campaign, user=actor).first()
    if invitation is None:
        raise PermissionDenied
    already = ValidationError(_("You have already answered this survey."))
    if invitation.has_responded:
        raise already
    try:
        with transaction.atomic():
            ResponseReceipt.objects.create(
                campaign=campaign, digest=receipt_digests(campaign.pk, actor.pk)[0]
            )
            slot = AnswerSet.objects.filter(campaign=campaign, filled=False).order_by("?").first()
            if slot is None:  # more responses than slots cannot happen; stay anonymous anyway
                slot = AnswerSet(campaign=campaign)
            slot.filled = True
            slot.sealed = seal(
                (
                    invitation.service_id,
                    invitation.hospital_id,
                    invitation.specialty_id,
                    invitation.training_year,
                ),
                {code: scores[code] for code in sorted(codes)},
                free_text,
            )
            slot.save()
            _blur(campaign)
    except IntegrityError as exc:  # the same person, twice at the same moment
        raise already from exc
    # Deliberately no audit event: its timestamp and actor would order the responses.


def campaigns_daily(*, today: datetime.date) -> dict:
    """Send invitations of campaigns opening today, one reminder a week before closing, close past campaigns."""
    from ..tasks import send_campaign_invitations

    result = {"invited": 0, "reminded": 0, "closed": 0}
    for campaign in Campaign.objects.filter(status=Campaign.Status.OPEN):
        if campaign.closes < today:
            campaign_close(campaign=campaign)
            result["closed"] += 1
        elif campaign.invited_on is None and campaign.opens <= today:
            Campaign.objects.filter(pk=campaign.pk).update(invited_on=today)
            send_campaign_invitations.enqueue(campaign_id=campaign.pk)
            result["invited"] += 1
        elif (
            campaign.closes - today <= datetime.timedelta(days=7)
            and campaign.invited_on is not None
            and campaign.invited_on < today
            and campaign.reminder_sent_on is None
        ):
            campaign_send_reminders(campaign=campaign)
            result["reminded"] += 1
    return result


def improvement_action_create(
    *, service: TrainingService, campaign: Campaign, action: str, actor, theme: Theme | None = None
) -> ImprovementAction:
    """A stagemeester answers the report of a campaign with an improvement action."""
    from ..selectors import service_visible_in

    if not permissions.can_write_improvement_action(actor, service):
        raise PermissionDenied
    if campaign.is_open or not service_visible_in(campaign, service):
        raise ValidationError(_("There is no report of this campaign for this stagedienst."))
    if theme is not None and theme.instrument_id != campaign.instrument_id:
        raise ValidationError({"theme": _("This theme is not part of the survey.")})
    if not (action or "").strip():
        raise ValidationError({"action": _("Describe the action.")})
    record = ImprovementAction(
        service=service, campaign=campaign, theme=theme, action=action.strip(), author=actor
    )
    with transaction.atomic():
        record.full_clean()
        record.save()
        _audit(actor, AuditEvent.Action.CREATE, record)
    return record


def improvement_action_update(
    *,
    improvement_action: ImprovementAction,
    status: str,
    follow_up: str,
    actor,
    expected_version=None,
) -> ImprovementAction:
    """Follow up an improvement action (status and what was done)."""
    if not permissions.can_write_improvement_action(actor, improvement_action.service):
        raise PermissionDenied
    improvement_action.status = status
    improvement_action.follow_up = (follow_up or "").strip()
    with transaction.atomic():
        save_versioned(improvement_action, expected_version=expected_version)
        _audit(actor, AuditEvent.Action.UPDATE, improvement_action)
    return improvement_action
