"""The ASO's own working-time registration: entries, leave days, settings, opt-out, pay.

The registration belongs to the ASO. Nobody else reads it, except a person the ASO shares a
report with (``ReportShare``) and the ministry, which sees only aggregated statistics
(``ComplianceSummary`` rows are never shown one by one).
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from traject.core.concurrency import VersionedModel


class Jurisdiction(models.TextChoices):
    BE = "BE", _("Belgium")
    NL = "NL", _("The Netherlands")
    EU = "EU", _("EU Working Time Directive")
    US = "US", _("United States (ACGME)")


class Kind(models.TextChoices):
    """The timed kinds of the exchange format (worktime-rules.md)."""

    PLANNED = "planned", _("Planned work")
    UNPLANNED = "unplanned", _("Unplanned work (overtime)")
    SCIENTIFIC = "scientific", _("Scientific work")
    EDUCATION = "education", _("Education")
    ONCALL_INHOUSE = "oncall_inhouse", _("On call in the hospital")
    ONCALL_HOME_STANDBY = "oncall_home_standby", _("Standby at home (oproepbare wacht)")
    ONCALL_HOME_CALLOUT = "oncall_home_callout", _("Called out during standby")
    MOONLIGHTING = "moonlighting", _("Moonlighting")
    TRANSITION = "transition", _("Handover (transition)")


class LeaveKind(models.TextChoices):
    """The day kinds of the exchange format."""

    VACATION = "vacation", _("Vacation")
    SICK = "sick", _("Sick")
    LEAVE = "leave", _("Other paid leave")


STANDBY = Kind.ONCALL_HOME_STANDBY
MAX_ENTRY_DURATION = datetime.timedelta(days=7)


def validate_timezone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


def validate_monday(value: datetime.date) -> None:
    if value is not None and value.weekday() != 0:
        raise ValidationError(_("The reference start must be a Monday."))


def default_reference_start() -> datetime.date:
    """The first Monday of the current year: averaging blocks are aligned on it."""
    first = datetime.date(timezone.localdate().year, 1, 1)
    return first + datetime.timedelta(days=(7 - first.weekday()) % 7)


class WorktimeSettings(VersionedModel):
    """How the ASO's registration is checked: which law, which time zone, block alignment."""

    trainee = models.OneToOneField(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="worktime_settings",
        verbose_name=_("ASO"),
    )
    jurisdiction = models.CharField(
        _("rules"), max_length=2, choices=Jurisdiction.choices, default=Jurisdiction.BE
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_timezone]
    )
    reference_start = models.DateField(
        _("start of the averaging blocks"),
        default=default_reference_start,
        help_text=_(
            "A Monday. The averaging periods (13 weeks in Belgium) are counted from this day. "
            "US rules: the first day of the rotation, any day."
        ),
    )

    class Meta:
        verbose_name = _("working-time settings")
        verbose_name_plural = _("working-time settings")

    def __str__(self):
        return f"{self.trainee}: {self.jurisdiction}"

    def clean(self):
        # US blocks follow the rotation (any first day); the other rule sets count from a Monday.
        from .rules import ruleset_for

        any_day = self.jurisdiction and ruleset_for(self.jurisdiction).reference_any_day
        if self.reference_start and not any_day:
            try:
                validate_monday(self.reference_start)
            except ValidationError as exc:
                raise ValidationError({"reference_start": exc.messages}) from exc

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class TimeEntry(VersionedModel):
    """A period of one kind: worked, on call, or on standby at home."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="time_entries",
        verbose_name=_("ASO"),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.PLANNED)
    restrictive = models.BooleanField(
        _("restrictive standby"),
        default=False,
        help_text=_(
            "Home standby with a response time so short that you cannot use the time freely: "
            "in Belgium it counts as working time (EU Court of Justice, Matzak, C-518/15)."
        ),
    )
    note = models.CharField(pgettext_lazy("worktime", "note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        ordering = ["start"]
        indexes = [models.Index(fields=["trainee", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="entry_end_after_start"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.start:%Y-%m-%d %H:%M} – {self.end:%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def is_counted(self) -> bool:
        return self.kind != STANDBY

    def clean(self):
        if self.start and self.end:
            if self.end <= self.start:
                raise ValidationError({"end": _("The end lies before or at the start.")})
            if self.end - self.start > MAX_ENTRY_DURATION:
                raise ValidationError(
                    {"end": _("An entry lasts at most 7 days; split longer periods.")}
                )
        if self.restrictive and self.kind != STANDBY:
            raise ValidationError({"restrictive": _("Only a home standby can be restrictive.")})


class LeaveDay(VersionedModel):
    """A day of vacation, sickness or other paid leave."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="leave_days",
        verbose_name=_("ASO"),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=LeaveKind.choices, default=LeaveKind.VACATION
    )

    class Meta:
        verbose_name = _("leave day")
        verbose_name_plural = _("leave days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["trainee", "date"], name="one_leave_kind_per_day")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date}"


class OptOutAgreement(VersionedModel):
    """The signed opt-out: from its date the higher BE limits apply, until withdrawn."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="opt_outs",
        verbose_name=_("ASO"),
    )
    signed_on = models.DateField(
        _("signed on"), help_text=_("The agreement applies to the weeks from this date on.")
    )
    withdrawn_from = models.DateField(
        _("withdrawn from"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the agreement holds."),
    )
    note = models.CharField(pgettext_lazy("worktime", "note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("opt-out agreement")
        verbose_name_plural = _("opt-out agreements")
        ordering = ["-signed_on"]

    def __str__(self):
        return f"{self.signed_on} – {self.withdrawn_from or '…'}"

    def clean(self):
        if self.signed_on and self.withdrawn_from and self.withdrawn_from <= self.signed_on:
            raise ValidationError(
                {"withdrawn_from": _("The withdrawal must come after the signature.")}
            )

    def covers(self, day: datetime.date) -> bool:
        return self.signed_on <= day and (self.withdrawn_from is None or day < self.withdrawn_from)


class PayTable(VersionedModel):
    """The BE minimum pay of one calendar year (indexed every 1 January), kept by administrators."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    hours_per_month = models.DecimalField(
        _("hours a month covered by the base pay"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("208.00"),
        help_text=_("48 hours a week × 52 weeks / 12 months. The hourly rate is base / this."),
    )
    overtime_rate = models.DecimalField(
        _("rate for hours above 48 a week"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.10"),
        help_text=_("1.10 means 110 percent of the hourly rate."),
    )
    night_rate = models.DecimalField(
        _("rate for night hours"), max_digits=4, decimal_places=2, default=Decimal("1.25")
    )
    weekend_rate = models.DecimalField(
        _("rate for weekend and public-holiday hours"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.50"),
    )
    standby_fee_weekday_day = models.DecimalField(
        _("standby fee per 12-hour block on weekdays 08–20 h"), max_digits=8, decimal_places=2
    )
    standby_fee_other = models.DecimalField(
        _("standby fee per 12-hour block at other times"), max_digits=8, decimal_places=2
    )

    class Meta:
        verbose_name = _("minimum pay table (BE)")
        verbose_name_plural = _("minimum pay tables (BE)")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class PayTableBase(models.Model):
    """The minimum gross monthly base pay for one year of training."""

    table = models.ForeignKey(
        PayTable, on_delete=models.CASCADE, related_name="bases", verbose_name=_("pay table")
    )
    training_year = models.PositiveSmallIntegerField(
        _("year of training"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    monthly_base = models.DecimalField(_("gross base per month"), max_digits=9, decimal_places=2)

    class Meta:
        verbose_name = _("base pay")
        verbose_name_plural = _("base pay by year of training")
        ordering = ["training_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "training_year"], name="one_base_per_training_year"
            )
        ]

    def __str__(self):
        return f"{self.table.year} / {self.training_year}: {self.monthly_base}"


class Payslip(VersionedModel):
    """The gross pay of one month as the ASO read it on their payslip."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="payslips",
        verbose_name=_("ASO"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    gross = models.DecimalField(
        _("gross pay"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.CharField(pgettext_lazy("worktime", "note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("payslip")
        verbose_name_plural = _("payslips")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["trainee", "month"], name="one_payslip_per_month")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.gross}"

    def clean(self):
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)


class ReportShare(models.Model):
    """The ASO shows the report of one period to one named person, until revoked."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="report_shares",
        verbose_name=_("ASO"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="worktime_shares_received",
        verbose_name=_("shared with"),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"), help_text=_("The last day of the period."))
    message = models.CharField(_("message"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shared report")
        verbose_name_plural = _("shared reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.trainee} → {self.recipient}: {self.period_start} – {self.period_end}"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end date lies before the start date.")})

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ComplianceSummary(models.Model):
    """Which rules an ASO's last 12 months break, refreshed after each change.

    Read by others only in aggregate (the ministry's statistics, groups of at least 5), never one
    by one; the ASO's own pages read its ``figures``.
    """

    trainee = models.OneToOneField(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="compliance_summary",
        verbose_name=_("ASO"),
    )
    period_start = models.DateField()
    period_end = models.DateField()
    violated_rules = models.JSONField(default=list, blank=True)
    has_entries = models.BooleanField(default=False)
    # The engine's figures of the stored range (weeks, blocks, violations per language), read by
    # the ASO's own dashboard and week view so that a read never runs the engine. Empty until the
    # first refresh after a change or the daily job.
    figures = models.JSONField(default=dict, blank=True)
    # Raised by every change of the registration and every refresh; figures computed before it
    # are not used.
    generation = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("compliance summary")
        verbose_name_plural = _("compliance summaries")
        # The statistics' fingerprint (latest refresh, sum of generations) reads this index, not
        # the rows with their figures.
        indexes = [
            models.Index(fields=["updated_at", "generation"], name="worktime_summary_state_idx")
        ]

    def __str__(self):
        return f"{self.trainee}: {', '.join(self.violated_rules) or '-'}"
