"""The conversation cycle (gesprekscyclus), transfer documents and the individual duration.

Dutch first (aios and opleider), but nothing here is Dutch-only: the rules per specialty are
data, and the words come from the organisation's vocabulary.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from traject.core.concurrency import Revision, VersionedModel

from . import cycle, duration

MAX_TEXT = 20_000


def validate_progress_per_year(value) -> None:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(n, int) and 0 <= n <= 12 for n in value)
    ):
        raise ValidationError(
            _("Give the number of progress talks per training year, e.g. [4, 2, 2, 1].")
        )


def validate_text(value: str) -> None:
    """Refuse a NUL byte and a text longer than MAX_TEXT (a TextField does not check it)."""
    if "\x00" in value:
        raise ValidationError(_("The text contains a NUL character."))
    if len(value) > MAX_TEXT:
        raise ValidationError(
            _("The text is too long: at most %(max)d characters.") % {"max": MAX_TEXT}
        )


class Kind(models.TextChoices):
    INTRODUCTION = cycle.INTRODUCTION, _("introduction talk")
    PROGRESS = cycle.PROGRESS, _("progress talk")
    SUITABILITY = cycle.SUITABILITY, _("suitability assessment")


class CycleRules(VersionedModel):
    """How many talks a specialty requires (data an administrator may change)."""

    specialty = models.OneToOneField(
        "organisation.Specialty",
        on_delete=models.CASCADE,
        related_name="cycle_rules",
        verbose_name=_("specialty"),
    )
    introduction_weeks = models.PositiveSmallIntegerField(
        _("introduction talk within (weeks)"), default=4
    )
    progress_per_year = models.JSONField(
        _("progress talks per training year"),
        default=list,
        validators=[validate_progress_per_year],
        help_text=_("One number per training year; the last one repeats, e.g. [4, 2, 2, 1]."),
    )
    suitability_every_year = models.BooleanField(
        _("suitability assessment at the end of every year"), default=True
    )
    nominal_months = models.PositiveSmallIntegerField(
        _("nominal duration (months)"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("conversation cycle rules")
        verbose_name_plural = _("conversation cycle rules")
        ordering = ["specialty__name_nl"]

    def __str__(self):
        return str(self.specialty)

    def as_rules(self) -> cycle.Rules:
        return cycle.Rules(
            introduction_weeks=self.introduction_weeks,
            progress_per_year=tuple(self.progress_per_year),
            suitability_every_year=self.suitability_every_year,
            duration_years=max(1, -(-self.nominal_months // 12)),
        )


class ChecklistItem(models.Model):
    """One point of the job aid (checklist) of a kind of talk (data)."""

    kind = models.CharField(_("kind of talk"), max_length=16, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_nl = models.CharField(_("text (Dutch)"), max_length=300)
    text_fr = models.CharField(_("text (French)"), max_length=300)
    text_en = models.CharField(_("text (English)"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["kind", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        language = (get_language() or "nl")[:2]
        return getattr(self, f"text_{language}", "") or self.text_nl


class Outcome(models.TextChoices):
    SUITABLE = "suitable", _("suitable")
    DOUBT = "doubt", _("doubt")
    UNSUITABLE = "unsuitable", _("unsuitable")


class Talk(VersionedModel):
    """One talk of the cycle: planned, then held and reported, then acknowledged by the trainee."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="talks",
        verbose_name=_("trainee"),
    )
    stage = models.ForeignKey(
        "organisation.Stage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talks",
        verbose_name=_("stage"),
    )
    kind = models.CharField(_("kind of talk"), max_length=16, choices=Kind.choices)
    training_year = models.PositiveSmallIntegerField(_("training year"))
    planned_on = models.DateField(_("planned on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="talks_held",
        verbose_name=_("held by"),
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    report = models.TextField(
        _("report"), blank=True, max_length=MAX_TEXT, validators=[validate_text]
    )
    checklist = models.JSONField(_("checklist"), default=list, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    report_shared = models.BooleanField(
        _("report shared with the training group"),
        default=False,
        help_text=_("Without this, the training group sees the outcome only."),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged on"), null=True, blank=True)
    reaction = models.TextField(
        _("reaction of the trainee"), blank=True, max_length=MAX_TEXT, validators=[validate_text]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        ordering = ["-planned_on", "-pk"]
        indexes = [models.Index(fields=["trainee", "kind", "training_year"])]

    def __str__(self):
        day = self.held_on or self.planned_on
        return f"{self.get_kind_display()} – {self.trainee} ({day or '—'})"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None

    @property
    def day(self) -> datetime.date | None:
        return self.held_on or self.planned_on

    def fact(self) -> cycle.TalkFact:
        return cycle.TalkFact(
            id=self.pk,
            kind=self.kind,
            stage_id=self.stage_id,
            training_year=self.training_year,
            planned_on=self.planned_on,
            held_on=self.held_on,
        )


class TalkAction(models.Model):
    """An action agreed in a talk; it becomes a goal of the trainee's IOP."""

    talk = models.ForeignKey(
        Talk, on_delete=models.CASCADE, related_name="actions", verbose_name=_("talk")
    )
    text = models.CharField(_("action"), max_length=200, validators=[validate_text])
    goal = models.OneToOneField(
        "portfolio.LearningGoal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talk_action",
        verbose_name=_("IOP goal"),
    )

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["pk"]

    def __str__(self):
        return self.text


class IntensifiedTrack(VersionedModel):
    """A geïntensiveerd begeleidingstraject, opened by a suitability outcome of *twijfel*."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        COMPLETED = "completed", _("completed successfully")
        ENDED = "ended", _("ended without success")

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="intensified_tracks",
        verbose_name=_("trainee"),
    )
    talk = models.OneToOneField(
        Talk,
        on_delete=models.PROTECT,
        related_name="intensified_track",
        verbose_name=_("opened by the talk"),
    )
    goals = models.TextField(_("concrete goals"), max_length=MAX_TEXT, validators=[validate_text])
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    conclusion = models.TextField(
        _("conclusion"), blank=True, max_length=MAX_TEXT, validators=[validate_text]
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("intensified track")
        verbose_name_plural = _("intensified tracks")
        ordering = ["-deadline"]

    def __str__(self):
        return f"{self.trainee} – {self.deadline}"


class TransferDocument(VersionedModel):
    """An overdrachtsdocument from the leaving trainer to the receiving one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        WITH_TRAINEE = "with_trainee", _("with the trainee for reading")
        HANDED_OVER = "handed_over", _("handed over")

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="transfer_documents",
        verbose_name=_("trainee"),
    )
    from_stage = models.ForeignKey(
        "organisation.Stage",
        on_delete=models.PROTECT,
        related_name="transfers_out",
        verbose_name=_("from the stage"),
    )
    to_stage = models.ForeignKey(
        "organisation.Stage",
        on_delete=models.PROTECT,
        related_name="transfers_in",
        verbose_name=_("to the stage"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="transfer_documents_written",
        verbose_name=_("written by"),
    )
    facts = models.JSONField(_("facts from the portfolio"), default=dict, blank=True)
    summary = models.TextField(
        _("summary of the period"), blank=True, max_length=MAX_TEXT, validators=[validate_text]
    )
    attention_points = models.TextField(
        _("points of attention"), blank=True, max_length=MAX_TEXT, validators=[validate_text]
    )
    agreed_support = models.TextField(
        _("agreed support"), blank=True, max_length=MAX_TEXT, validators=[validate_text]
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.DRAFT
    )
    trainee_reaction = models.TextField(
        _("reaction of the trainee"), blank=True, max_length=MAX_TEXT, validators=[validate_text]
    )
    read_by_trainee_at = models.DateTimeField(_("read by the trainee on"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("handed over on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("transfer document")
        verbose_name_plural = _("transfer documents")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["from_stage", "to_stage"], name="unique_transfer")
        ]

    def __str__(self):
        return f"{self.trainee}: {self.from_stage.service.name} → {self.to_stage.service.name}"

    def released_on(self, day: datetime.date) -> bool:
        """The receiving trainer reads it once handed over, from the start of the new stage."""
        return self.status == self.Status.HANDED_OVER and day >= self.to_stage.start


class DurationDecision(models.Model):
    """A decision on the individual duration: EVC shortening, part-time period or extension."""

    class Kind(models.TextChoices):
        EVC = duration.EVC, _("shortening for prior competences (EVC)")
        PART_TIME = duration.PART_TIME, _("part-time period")
        EXTENSION = duration.EXTENSION, _("extension")

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="duration_decisions",
        verbose_name=_("trainee"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    months = models.PositiveSmallIntegerField(
        _("months"), default=0, validators=[MaxValueValidator(120)]
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    percentage = models.PositiveSmallIntegerField(
        _("part-time percentage"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    reason = models.TextField(_("reason"), max_length=MAX_TEXT, validators=[validate_text])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided on"), default=timezone.now)

    class Meta:
        verbose_name = _("duration decision")
        verbose_name_plural = _("duration decisions")
        ordering = ["decided_at", "pk"]

    def __str__(self):
        return f"{self.trainee}: {self.get_kind_display()}"

    def as_decision(self) -> duration.Decision:
        return duration.Decision(
            kind=self.kind,
            months=self.months,
            start=self.start,
            end=self.end,
            percentage=self.percentage,
        )


class ReminderSent(models.Model):
    """A reminder key already sent, so the daily job may run more than once a day."""

    key = models.CharField(max_length=100, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self):
        return self.key


class LocalPlan(VersionedModel):
    """A lokaal opleidingsplan: the national plan of a specialty translated to one institution.

    Its items say which EPAs and themes can be learned there, in which period and how they are
    assessed. Every change raises the version and keeps a frozen copy (``LocalPlanRevision``).
    """

    specialty = models.ForeignKey(
        "organisation.Specialty",
        on_delete=models.PROTECT,
        related_name="local_plans",
        verbose_name=_("specialty"),
    )
    hospital = models.ForeignKey(
        "organisation.Hospital",
        on_delete=models.PROTECT,
        related_name="local_plans",
        verbose_name=_("institution"),
    )
    introduction = models.TextField(
        _("introduction"), blank=True, max_length=MAX_TEXT, validators=[validate_text]
    )
    updated_at = models.DateTimeField(_("changed on"), default=timezone.now)

    class Meta:
        verbose_name = _("local training plan")
        verbose_name_plural = _("local training plans")
        ordering = ["specialty__name_nl", "hospital__name"]
        constraints = [
            models.UniqueConstraint(fields=["specialty", "hospital"], name="unique_local_plan")
        ]

    def __str__(self):
        return f"{self.specialty} – {self.hospital}"


class LocalPlanItem(models.Model):
    """One part of the national plan that can be learned at the institution."""

    plan = models.ForeignKey(
        LocalPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    epa = models.ForeignKey(
        "portfolio.Epa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_plan_items",
        verbose_name=_("EPA"),
    )
    theme = models.CharField(_("theme"), max_length=200, blank=True, validators=[validate_text])
    period = models.CharField(
        _("period"), max_length=100, help_text=_("For example: year 1–2, or the first 6 months.")
    )
    assessment = models.TextField(
        _("how progress is followed and assessed"),
        max_length=MAX_TEXT,
        validators=[validate_text],
    )

    class Meta:
        verbose_name = _("part of the local plan")
        verbose_name_plural = _("parts of the local plan")
        ordering = ["pk"]

    def __str__(self):
        return str(self.epa or self.theme)

    def clean(self):
        if self.epa_id is None and not self.theme.strip():
            raise ValidationError({"theme": _("Choose an EPA or name a theme.")})


class LocalPlanRevision(Revision):
    """A frozen copy of a local plan after each change."""

    plan = models.ForeignKey(
        LocalPlan, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("plan")
    )

    class Meta(Revision.Meta):
        verbose_name = _("version of a local training plan")
        verbose_name_plural = _("versions of local training plans")
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="unique_local_plan_version")
        ]

    def __str__(self):
        return f"{self.plan} v{self.version}"
