"""Training places (NL: opleidingsplaatsen; BE: recognised capacity) and the public showcase."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from traject.core.concurrency import VersionedModel

from . import rules

MAX_TEXT = 5000


def validate_text(value: str) -> None:
    if "\x00" in (value or ""):
        raise ValidationError(_("The text contains a character that is not allowed."))


class Kind(models.TextChoices):
    INSTROOM = rules.INSTROOM, _("instroom place (first year)")
    DOORSTROOM = rules.DOORSTROOM, _("doorstroom place (after the first year)")


class RegionBoardMember(models.Model):
    """A member of the board of an OOR: sees and manages the places of the region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="region_boards",
        verbose_name=_("person"),
    )
    region = models.ForeignKey(
        "organisation.Region",
        on_delete=models.CASCADE,
        related_name="board_members",
        verbose_name=_("training region (OOR)"),
    )

    class Meta:
        verbose_name = _("OOR board member")
        verbose_name_plural = _("OOR board members")
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="unique_region_board_member")
        ]

    def __str__(self):
        return f"{self.user} – {self.region}"


class DistributionPlan(VersionedModel):
    """The yearly distribution of the entry places of a specialty: wishes, BOLS advice, decision."""

    class State(models.TextChoices):
        WISHES = "wishes", _("wishes of the concilium and the OOR boards")
        ADVICE = "advice", _("BOLS advice")
        DECIDED = "decided", _("decided by the minister")

    specialty = models.ForeignKey(
        "organisation.Specialty",
        on_delete=models.PROTECT,
        related_name="distribution_plans",
        verbose_name=_("specialty"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.WISHES)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.TextField(
        _("note"), blank=True, validators=[validate_text, MaxLengthValidator(MAX_TEXT)]
    )

    class Meta:
        verbose_name = _("distribution plan")
        verbose_name_plural = _("distribution plans")
        ordering = ["-year", "specialty__name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["specialty", "year"], name="unique_plan_per_year")
        ]

    def __str__(self):
        return f"{self.specialty} {self.year}"


class PlanLine(models.Model):
    """The entry places of one institution in a plan: wished, advised, decided."""

    plan = models.ForeignKey(
        DistributionPlan, on_delete=models.CASCADE, related_name="lines", verbose_name=_("plan")
    )
    hospital = models.ForeignKey(
        "organisation.Hospital",
        on_delete=models.PROTECT,
        related_name="plan_lines",
        verbose_name=_("institution"),
    )
    wished = models.PositiveSmallIntegerField(_("wished"), default=0)
    advised = models.PositiveSmallIntegerField(_("advised by BOLS"), null=True, blank=True)
    decided = models.PositiveSmallIntegerField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("line of a distribution plan")
        verbose_name_plural = _("lines of a distribution plan")
        ordering = ["hospital__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "hospital"], name="unique_plan_line")
        ]

    def __str__(self):
        return f"{self.plan}: {self.hospital}"


class Place(VersionedModel):
    """One funded training place (NL) of a specialty at an institution for a year."""

    hospital = models.ForeignKey(
        "organisation.Hospital",
        on_delete=models.PROTECT,
        related_name="training_places",
        verbose_name=_("institution"),
    )
    specialty = models.ForeignKey(
        "organisation.Specialty",
        on_delete=models.PROTECT,
        related_name="training_places",
        verbose_name=_("specialty"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    plan = models.ForeignKey(
        DistributionPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("plan"),
    )

    class Meta:
        verbose_name = _("training place")
        verbose_name_plural = _("training places")
        ordering = ["-year", "hospital__name", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["hospital", "specialty", "year", "kind", "number"], name="unique_place"
            )
        ]

    def __str__(self):
        return f"{self.hospital} – {self.specialty} {self.year} {self.kind} #{self.number}"


class Occupation(models.Model):
    """An aios on a place, under an opleider, from start until end (or while it lasts)."""

    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="occupations", verbose_name=_("place")
    )
    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.PROTECT,
        related_name="place_occupations",
        verbose_name=_("aios"),
    )
    opleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opleider"),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    stopped = models.BooleanField(_("stopped training"), default=False)
    exception = models.TextField(
        _("recorded exception (change of opleider)"),
        blank=True,
        validators=[validate_text, MaxLengthValidator(MAX_TEXT)],
    )

    class Meta:
        verbose_name = _("occupation of a place")
        verbose_name_plural = _("occupations of places")
        ordering = ["-start"]

    def __str__(self):
        return f"{self.place}: {self.start} – {self.end or '…'}"

    def as_rule(self) -> rules.Occupancy:
        return rules.Occupancy(start=self.start, end=self.end, stopped=self.stopped)


def showcase_photo_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"places/showcase/{instance.service_id}-{timezone.now():%Y%m%d%H%M%S}.{suffix}"


class ShowcasePage(VersionedModel):
    """A training group's own page in the public showcase (opleidingsetalage)."""

    service = models.OneToOneField(
        "organisation.TrainingService",
        on_delete=models.CASCADE,
        related_name="showcase",
        verbose_name=_("stagedienst"),
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only a published page appears in the public showcase."),
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        validators=[validate_text, MaxLengthValidator(MAX_TEXT)],
    )
    learning = models.TextField(
        _("what can be learned here"),
        blank=True,
        validators=[validate_text, MaxLengthValidator(MAX_TEXT)],
        help_text=_("Shown beside the local training plan (NL) or as the description (BE)."),
    )
    photo = models.FileField(_("photo"), upload_to=showcase_photo_path, blank=True)
    photo_type = models.CharField(max_length=40, blank=True, editable=False)
    photo_alt = models.CharField(
        _("description of the photo"), max_length=200, blank=True, validators=[validate_text]
    )
    contact_name = models.CharField(
        _("contact person"), max_length=200, blank=True, validators=[validate_text]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact telephone"), max_length=40, blank=True, validators=[validate_text]
    )
    province = models.CharField(
        _("province"),
        max_length=20,
        blank=True,
        choices=sorted(rules.PROVINCES.items(), key=lambda kv: kv[1]),
        help_text=_("Belgian stagediensten only."),
    )
    updated_at = models.DateTimeField(_("last updated"), default=timezone.now)

    class Meta:
        verbose_name = _("showcase page")
        verbose_name_plural = _("showcase pages")
        ordering = ["service__hospital__name", "service__name"]

    def __str__(self):
        return str(self.service)
