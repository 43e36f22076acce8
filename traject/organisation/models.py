import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from traject.core.concurrency import VersionedModel
from traject.core.dates import add_years

RECOGNITION_YEARS = 5


def recognition_end(start: datetime.date) -> datetime.date:
    """A recognition is valid for five years: the last day is the day before the anniversary."""
    return add_years(start, RECOGNITION_YEARS) - datetime.timedelta(days=1)


class Country(models.TextChoices):
    """The countries Traject serves; an organisation's country chooses its words and rules."""

    BELGIUM = "BE", _("Belgium")
    NETHERLANDS = "NL", _("the Netherlands")


def country_field():
    return models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.BELGIUM
    )


class Region(models.Model):
    """An OOR (Onderwijs- en Opleidingsregio): one of the 8 Dutch training regions.

    Reference data (``data/regions_nl.json``, loaded by a migration); each region is built
    around a university medical centre. Hospitals in the Netherlands belong to one region.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    umc = models.CharField(_("university medical centre"), max_length=200)

    class Meta:
        verbose_name = _("training region (OOR)")
        verbose_name_plural = _("training regions (OOR)")
        ordering = ["name"]

    def __str__(self):
        return self.name


class University(VersionedModel):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = country_field()

    class Meta:
        verbose_name = _("university")
        verbose_name_plural = _("universities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Hospital(VersionedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    city = models.CharField(_("city"), max_length=100)
    university = models.ForeignKey(
        University,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hospitals",
        verbose_name=_("affiliated university"),
    )
    is_university_hospital = models.BooleanField(_("university hospital"), default=False)
    country = country_field()
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hospitals",
        verbose_name=_("training region (OOR)"),
        help_text=_("Dutch hospitals only."),
    )

    class Meta:
        verbose_name = _("hospital")
        verbose_name_plural = _("hospitals")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.region_id and self.country != Country.NETHERLANDS:
            raise ValidationError({"region": _("Only a Dutch hospital belongs to an OOR.")})


class Specialty(VersionedModel):
    """One of the specialties (afstudeerrichtingen) of the programme."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    duration_years = models.PositiveSmallIntegerField(_("duration of training (years)"), default=5)
    country = country_field()

    class Meta:
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        ordering = ["name_nl"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nl")[:2]
        return getattr(self, f"name_{language}", "") or self.name_nl


class TrainingService(VersionedModel):
    """A stagedienst: a service in a hospital that trains ASO of one specialty."""

    hospital = models.ForeignKey(
        Hospital, on_delete=models.PROTECT, related_name="services", verbose_name=_("hospital")
    )
    specialty = models.ForeignKey(
        Specialty, on_delete=models.PROTECT, related_name="services", verbose_name=_("specialty")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("stagedienst")
        verbose_name_plural = _("stagediensten")
        ordering = ["hospital__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["hospital", "name"], name="unique_service_name_per_hospital"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.hospital})"


class RecognitionBase(VersionedModel):
    start = models.DateField(_("valid from"))
    end = models.DateField(
        _("valid until"), help_text=_("Last day of validity; five years by default.")
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date lies before the start date.")})

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def is_current(self) -> bool:
        return self.covers(timezone.localdate())


class ServiceRecognition(RecognitionBase):
    """The FOD's recognition (erkenning) of a stagedienst."""

    service = models.ForeignKey(
        TrainingService,
        on_delete=models.CASCADE,
        related_name="recognitions",
        verbose_name=_("stagedienst"),
    )

    class Meta:
        verbose_name = _("recognition of a stagedienst")
        verbose_name_plural = _("recognitions of stagediensten")
        ordering = ["-start"]

    def __str__(self):
        return f"{self.service}: {self.start} – {self.end}"


class TrainerRecognition(RecognitionBase):
    """The FOD's recognition of a stagemeester for a service, with a capacity."""

    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trainer_recognitions",
        verbose_name=_("stagemeester"),
    )
    service = models.ForeignKey(
        TrainingService,
        on_delete=models.PROTECT,
        related_name="trainer_recognitions",
        verbose_name=_("stagedienst"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("maximum number of ASO at the same time"), help_text=_("Granted by the recognition.")
    )

    class Meta:
        verbose_name = _("recognition of a stagemeester")
        verbose_name_plural = _("recognitions of stagemeesters")
        ordering = ["-start"]

    def __str__(self):
        return f"{self.trainer} – {self.service.name}: {self.start} – {self.end} ({self.capacity})"

    def clean(self):
        super().clean()
        if self.capacity is not None and self.capacity < 1:
            raise ValidationError({"capacity": _("The capacity must be at least 1.")})


RIZIV_RE = re.compile(r"^\d{1}-?\d{5}-?\d{2}-?\d{3}$")


def validate_riziv(value: str) -> None:
    if value and not RIZIV_RE.match(value):
        raise ValidationError(_("A RIZIV/INAMI number has 11 digits, for example 1-23456-78-901."))


class Trainee(VersionedModel):
    """The ASO (NL: aios) role of a person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trainee",
        verbose_name=_("person"),
    )
    specialty = models.ForeignKey(
        Specialty, on_delete=models.PROTECT, related_name="trainees", verbose_name=_("specialty")
    )
    university = models.ForeignKey(
        University, on_delete=models.PROTECT, related_name="trainees", verbose_name=_("university")
    )
    training_start = models.DateField(_("start of training"))
    riziv_number = models.CharField(
        _("RIZIV/INAMI number"), max_length=16, blank=True, validators=[validate_riziv]
    )

    class Meta:
        verbose_name = _("ASO")
        verbose_name_plural = _("ASO")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return str(self.user)

    def training_year_on(self, day: datetime.date) -> int:
        """Year of training on a day: 1 in the first twelve months, capped at the specialty's duration."""
        if day < self.training_start:
            return 0
        years = day.year - self.training_start.year
        if (day.month, day.day) < (self.training_start.month, self.training_start.day):
            years -= 1
        return min(years + 1, self.specialty.duration_years)

    @property
    def training_year(self) -> int:
        return self.training_year_on(timezone.localdate())

    @property
    def country(self) -> str:
        """A trainee follows the training of their specialty's country (NL: an aios)."""
        return self.specialty.country


class TeamMember(VersionedModel):
    """A member of the team of a stagedienst (BE: stageteam, NL: opleidingsgroep).

    The trainer of a trainee is the stagemeester (NL: opleider) of the current stage; the team
    adds the deputy (NL: plaatsvervangend opleider, who may hold the talks) and the other
    specialists who train together and decide on entrustment.
    """

    class Role(models.TextChoices):
        DEPUTY = "deputy", _("deputy trainer")
        MEMBER = "member", _("team member")

    service = models.ForeignKey(
        TrainingService,
        on_delete=models.CASCADE,
        related_name="team",
        verbose_name=_("stagedienst"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["service", "role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "user"], name="unique_team_member")
        ]

    def __str__(self):
        return f"{self.user} – {self.service.name} ({self.get_role_display()})"


class HospitalCoordinator(models.Model):
    """The coördinerend stagemeester of a hospital."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coordinated_hospitals",
        verbose_name=_("person"),
    )
    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="coordinators", verbose_name=_("hospital")
    )

    class Meta:
        verbose_name = _("coördinerend stagemeester")
        verbose_name_plural = _("coördinerend stagemeesters")
        ordering = ["hospital__name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "hospital"], name="unique_coordinator")
        ]

    def __str__(self):
        return f"{self.user} – {self.hospital}"


class ProgrammeAdministrator(models.Model):
    """Programme staff for a university, optionally limited to one specialty."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_admin_roles",
        verbose_name=_("person"),
    )
    university = models.ForeignKey(
        University,
        on_delete=models.CASCADE,
        related_name="administrators",
        verbose_name=_("university"),
    )
    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="administrators",
        verbose_name=_("specialty"),
        help_text=_("Leave empty for the whole programme."),
    )

    class Meta:
        verbose_name = _("programme administrator")
        verbose_name_plural = _("programme administrators")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "university", "specialty"], name="unique_programme_admin"
            )
        ]

    def __str__(self):
        scope = self.specialty or _("whole programme")
        return f"{self.user} – {self.university} ({scope})"


class MinistryOfficer(models.Model):
    """An officer of the FOD Volksgezondheid."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ministry_officer",
        verbose_name=_("person"),
    )
    department = models.CharField(_("department"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ministry officer")
        verbose_name_plural = _("ministry officers")

    def __str__(self):
        return str(self.user)


class Stage(VersionedModel):
    """A rotation: an ASO in a stagedienst under a stagemeester for a period."""

    trainee = models.ForeignKey(
        Trainee, on_delete=models.CASCADE, related_name="stages", verbose_name=_("ASO")
    )
    service = models.ForeignKey(
        TrainingService,
        on_delete=models.PROTECT,
        related_name="stages",
        verbose_name=_("stagedienst"),
    )
    stagemeester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervised_stages",
        verbose_name=_("stagemeester"),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), help_text=_("Last day of the stage."))
    exception_reason = models.TextField(
        _("reason for the exception"),
        blank=True,
        help_text=_("Only for an administrator who deliberately exceeds the recognised capacity."),
    )
    exception_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("exception recorded by"),
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["-start"]
        indexes = [models.Index(fields=["stagemeester", "start", "end"])]

    def __str__(self):
        return f"{self.trainee} – {self.service.name} ({self.start} – {self.end})"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date lies before the start date.")})

    @property
    def is_current(self) -> bool:
        return self.start <= timezone.localdate() <= self.end
