"""Every write of training places and showcase pages: keyword-only, with the actor, atomic, audited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import ConflictError, save_versioned
from traject.core.uploads import PDF_AND_IMAGES, validate_upload

from . import rules
from .models import DistributionPlan, Kind, Occupation, Place, PlanLine, ShowcasePage

IMAGES = {k: v for k, v in PDF_AND_IMAGES.items() if k != ".pdf"}


def refusal_message(refusal: rules.Refusal) -> str:
    """The refusal in words: which rule, which date."""
    day = date_format(refusal.on, "DATE_FORMAT")
    messages = {
        rules.RULE_DOORSTROOM: _(
            "Refused: a vacated doorstroom place may not be filled again (rule "
            "“doorstroom not refillable”; the place was vacated on %(date)s)."
        ),
        rules.RULE_SAME_YEAR: _(
            "Refused: a vacated instroom place may only be filled by a new instromer in the same "
            "calendar year (rule “same calendar year”; the last day was %(date)s)."
        ),
        rules.RULE_INSTROMER_ONLY: _(
            "Refused: an instroom place takes only an aios in the first training year (rule "
            "“new instromer only”; this aios's first year ended on %(date)s)."
        ),
        rules.RULE_OCCUPIED: _(
            "Refused: the place is occupied (rule “one aios per place”; since %(date)s)."
        ),
        rules.RULE_OPLEIDER: _(
            "Refused: no change of opleider during the instroom year without a recorded "
            "exception (rule “no change of opleider”; the instroom year lasts until %(date)s)."
        ),
    }
    return messages[refusal.rule] % {"date": day}


def _check_version(instance, expected_version):
    if expected_version is not None and instance.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this in the meantime. Reload the page to see their version, then apply your change again."
            ),
            code="conflict",
        )


# --- Distribution plans (NL) ---------------------------------------------------------------


@transaction.atomic
def create_plan(*, actor, specialty, year: int) -> DistributionPlan:
    if specialty.country != "NL":
        raise ValidationError(_("A distribution plan is for a Dutch specialty."))
    if not 2000 <= int(year) <= 2100:
        raise ValidationError(_("Enter a year between 2000 and 2100."))
    if DistributionPlan.objects.filter(specialty=specialty, year=year).exists():
        raise ValidationError(_("This specialty already has a plan for that year."))
    plan = DistributionPlan.objects.create(specialty=specialty, year=year)
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=plan)
    return plan


@transaction.atomic
def set_line(*, actor, plan: DistributionPlan, hospital, number: int) -> PlanLine:
    """Record the number of the plan's current state for an institution (wish/advice/decision)."""
    if hospital.country != "NL" or hospital.region_id is None:
        raise ValidationError(_("Only an institution of an OOR takes entry places."))
    if number < 0 or number > 500:
        raise ValidationError(_("Enter a number between 0 and 500."))
    if plan.state == DistributionPlan.State.DECIDED:
        raise ValidationError(_("The minister has decided this plan; it no longer changes."))
    line, _created = PlanLine.objects.get_or_create(plan=plan, hospital=hospital)
    field = "wished" if plan.state == DistributionPlan.State.WISHES else "advised"
    setattr(line, field, number)
    line.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=plan,
        summary=f"{hospital}: {field} = {number}",
    )
    return line


@transaction.atomic
def advance_plan(
    *, actor, plan: DistributionPlan, expected_version: int | None, today=None
) -> DistributionPlan:
    """Wishes → BOLS advice (advice starts from the wishes) → decision (creates the places)."""
    today = today or timezone.localdate()
    _check_version(plan, expected_version)
    lines = list(plan.lines.select_related("hospital"))
    if plan.state == DistributionPlan.State.WISHES:
        for line in lines:
            line.advised = line.wished
            line.save(update_fields=["advised"])
        plan.state = DistributionPlan.State.ADVICE
    elif plan.state == DistributionPlan.State.ADVICE:
        for line in lines:
            line.decided = line.advised or 0
            line.save(update_fields=["decided"])
            existing = Place.objects.filter(
                hospital=line.hospital, specialty=plan.specialty, year=plan.year, kind=Kind.INSTROOM
            ).count()
            Place.objects.bulk_create(
                Place(
                    hospital=line.hospital,
                    specialty=plan.specialty,
                    year=plan.year,
                    kind=Kind.INSTROOM,
                    number=existing + i + 1,
                    plan=plan,
                )
                for i in range(max(0, line.decided - existing))
            )
        plan.state = DistributionPlan.State.DECIDED
        plan.decided_on = today
    else:
        raise ValidationError(_("The minister has decided this plan; it no longer changes."))
    save_versioned(plan, expected_version=expected_version)
    audit_record(
        actor=actor, action=AuditEvent.Action.UPDATE, target=plan, summary=f"state {plan.state}"
    )
    return plan


# --- Places and their occupation --------------------------------------------------------------


@transaction.atomic
def add_places(*, actor, hospital, specialty, year: int, kind: str, count: int) -> list[Place]:
    if kind not in Kind.values:
        raise ValidationError(_("Unknown kind of place."))
    if specialty.country != hospital.country:
        raise ValidationError(_("The specialty and the institution are of different countries."))
    if not 1 <= count <= 50:
        raise ValidationError(_("Enter a number between 1 and 50."))
    if not 2000 <= int(year) <= 2100:
        raise ValidationError(_("Enter a year between 2000 and 2100."))
    existing = Place.objects.filter(
        hospital=hospital, specialty=specialty, year=year, kind=kind
    ).count()
    places = Place.objects.bulk_create(
        Place(
            hospital=hospital,
            specialty=specialty,
            year=year,
            kind=kind,
            number=existing + i + 1,
        )
        for i in range(count)
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        target=hospital,
        summary=f"{count} {kind} {specialty} {year}",
    )
    return places


@transaction.atomic
def fill_place(
    *,
    actor,
    place: Place,
    trainee,
    on: datetime.date,
    opleider=None,
    expected_version: int | None = None,
) -> Occupation:
    """Put an aios on a place, when the refill rules allow it (else a refusal naming the rule)."""
    place = Place.objects.select_for_update().get(pk=place.pk)
    _check_version(place, expected_version)
    if trainee.specialty_id != place.specialty_id:
        raise ValidationError(_("The aios follows another specialty than this place."))
    occupancies = [o.as_rule() for o in place.occupations.all()]
    refusal = rules.check_fill(
        place.kind, occupancies, on=on, newcomer_training_start=trainee.training_start
    )
    if refusal is not None:
        raise ValidationError(refusal_message(refusal), code=refusal.rule)
    occupation = Occupation.objects.create(
        place=place, trainee=trainee, opleider=opleider, start=on
    )
    save_versioned(place, expected_version=None)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        target=occupation,
        subject=trainee.user,
        summary=f"filled on {on.isoformat()}",
    )
    return occupation


@transaction.atomic
def vacate(*, actor, occupation: Occupation, on: datetime.date, stopped: bool) -> Occupation:
    if occupation.end is not None:
        raise ValidationError(_("This place was already vacated."))
    if on < occupation.start:
        raise ValidationError(_("The end date lies before the start date."))
    occupation.end = on
    occupation.stopped = stopped
    occupation.save(update_fields=["end", "stopped"])
    save_versioned(occupation.place, expected_version=None)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=occupation,
        subject=occupation.trainee.user,
        summary=f"vacated on {on.isoformat()}{' (stopped)' if stopped else ''}",
    )
    return occupation


@transaction.atomic
def change_opleider(
    *, actor, occupation: Occupation, opleider, on: datetime.date, exception: str = ""
) -> Occupation:
    refusal = rules.check_opleider_change(
        occupation.trainee.training_start, on=on, exception=exception
    )
    if refusal is not None:
        raise ValidationError(refusal_message(refusal), code=refusal.rule)
    occupation.opleider = opleider
    if exception.strip():
        occupation.exception = exception.strip()
    occupation.full_clean()
    occupation.save(update_fields=["opleider", "exception"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.EXCEPTION if exception.strip() else AuditEvent.Action.UPDATE,
        target=occupation,
        subject=occupation.trainee.user,
        summary=f"opleider changed on {on.isoformat()}",
    )
    return occupation


# --- The showcase ----------------------------------------------------------------------------

SHOWCASE_FIELDS = (
    "published",
    "introduction",
    "learning",
    "photo_alt",
    "contact_name",
    "contact_email",
    "contact_phone",
    "province",
)


@transaction.atomic
def save_showcase(
    *,
    actor,
    service,
    data: dict,
    photo=None,
    remove_photo: bool = False,
    expected_version: int | None,
) -> ShowcasePage:
    """Create or change a training group's showcase page."""
    page = ShowcasePage.objects.filter(service=service).first()
    created = page is None
    if created:
        page = ShowcasePage(service=service)
        if service.hospital.country == "BE":
            page.province = rules.province_of(service.hospital.city)
    for name in SHOWCASE_FIELDS:
        if name in data and data[name] is not None:
            value = data[name]
            setattr(page, name, value.strip() if isinstance(value, str) else value)
    if service.hospital.country != "BE":
        page.province = ""
    if remove_photo and page.photo:
        page.photo.delete(save=False)
        page.photo = ""
        page.photo_type = ""
    if photo is not None:
        page.photo_type = validate_upload(photo, IMAGES)
        page.photo = photo
    if page.photo and not page.photo_alt:
        raise ValidationError({"photo_alt": _("Describe the photo for those who cannot see it.")})
    page.updated_at = timezone.now()
    save_versioned(page, expected_version=None if created else expected_version)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        target=page,
    )
    return page
