"""Quality of training: recognition dossiers, anonymous internship surveys, trainers' development.

Anonymity of the surveys is built into the tables: ``Invitation`` records who was asked and
whether they responded, ``AnswerSet`` holds what was answered. The two share no key, no
timestamp and no insertion order (see ``services.survey_response_submit``).
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from traject.core.concurrency import VersionedModel
from traject.organisation.models import (
    Country,
    Hospital,
    ServiceRecognition,
    Specialty,
    TrainerRecognition,
    TrainingService,
    University,
)


class _PrivateStorage(FileSystemStorage):
    """A file system storage rooted at ``settings.PRIVATE_ROOT``, read when used (tests move it)."""

    @property
    def base_location(self):
        return settings.PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage() -> FileSystemStorage:
    """Uploaded dossiers and proofs live outside MEDIA_ROOT: only permission-checked views serve them."""
    return _PrivateStorage(base_url=None)


def _localized(obj, field: str) -> str:
    language = (get_language() or "nl")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_nl", "")


# --- Survey instruments (data, loaded by a data migration) ---------------------------------


class Audience(models.TextChoices):
    ASO = "aso", _("ASO")
    STAGEMEESTER = "stagemeester", _("Stagemeester")
    COORDINATOR = "coordinator", _("Coördinerend stagemeester")
    TRAINER_SELF = "trainer_self", _("Stagemeester self-evaluation")


class Instrument(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Country.choices,
        blank=True,
        default="",
        help_text=_("The training whose words the instrument speaks; it addresses that one only."),
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    intro_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    intro_fr = models.TextField(_("introduction (French)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    free_text_nl = models.CharField(_("free-text question (Dutch)"), max_length=300, blank=True)
    free_text_fr = models.CharField(_("free-text question (French)"), max_length=300, blank=True)
    free_text_en = models.CharField(_("free-text question (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("survey instrument")
        verbose_name_plural = _("survey instruments")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _localized(self, "name")

    @property
    def intro(self) -> str:
        return _localized(self, "intro")

    @property
    def free_text_question(self) -> str:
        return _localized(self, "free_text")


class Theme(models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="themes", verbose_name=_("instrument")
    )
    code = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["instrument", "order"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="unique_theme_code")
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _localized(self, "name")


class Item(models.Model):
    """One statement answered on a 5-point scale (1 = fully disagree ... 5 = fully agree) or N/A."""

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="items", verbose_name=_("theme")
    )
    code = models.SlugField(_("code"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_nl = models.TextField(_("text (Dutch)"))
    text_fr = models.TextField(_("text (French)"))
    text_en = models.TextField(_("text (English)"))

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["theme__order", "order"]

    def __str__(self):
        return self.code

    @property
    def text(self) -> str:
        return _localized(self, "text")


# --- Campaigns and anonymous answers --------------------------------------------------------


class Campaign(VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", pgettext_lazy("quality", "closed")

    name = models.CharField(_("name"), max_length=200)
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("instrument")
    )
    university = models.ForeignKey(
        University,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quality_campaigns",
        verbose_name=_("university"),
        help_text=_("Empty for a national campaign of the ministry."),
    )
    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quality_campaigns",
        verbose_name=_("specialty"),
    )
    opens = models.DateField(_("opens on"))
    closes = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    invited_on = models.DateField(_("invitations sent on"), null=True, blank=True)
    reminder_sent_on = models.DateField(_("last reminder sent on"), null=True, blank=True)
    closed_on = models.DateField(pgettext_lazy("quality", "closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-opens", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language: a course evaluation (programme app) is named from its
        course and year at display time, so a French MACCS reads French whoever opened it; any
        other campaign keeps the name it was given. Lists select ``course_evaluation__course``."""
        from django.core.exceptions import ObjectDoesNotExist

        try:
            evaluation = self.course_evaluation
        except (ObjectDoesNotExist, AttributeError):
            return self.name
        return evaluation.display_name

    @property
    def year(self) -> int:
        return self.opens.year

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_national(self) -> bool:
        return self.university_id is None


class Invitation(models.Model):
    """Who was asked to answer a campaign, in which group, and whether they responded. Never what."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("campaign")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_invitations",
        verbose_name=_("person"),
    )
    service = models.ForeignKey(
        TrainingService, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hospital = models.ForeignKey(
        Hospital, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    specialty = models.ForeignKey(
        Specialty, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    training_year = models.PositiveSmallIntegerField(null=True, blank=True)
    # A flag, deliberately without a date, set only when the campaign closes (all at once);
    # while it is open, a keyed-hash ResponseReceipt is the only record (see anonymity.py).
    responded = models.BooleanField(_("responded"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="unique_invitation")
        ]

    def __str__(self):
        return f"{self.campaign_id}/{self.pk}"

    @property
    def has_responded(self) -> bool:
        """The flag once closed; the keyed-hash receipt while the campaign is open."""
        if self.responded:
            return True
        from .anonymity import receipt_digests

        return ResponseReceipt.objects.filter(
            campaign_id=self.campaign_id,
            digest__in=receipt_digests(self.campaign_id, self.user_id),
        ).exists()


class AnswerSet(models.Model):
    """One anonymous response: a random key, the group it counts for, the scores. No person.

    A campaign opens with one empty slot per invitee, created in bulk; a response fills a
    randomly chosen empty slot, so neither the key nor the row order follows the order of the
    responses. There is no timestamp at all: the campaign gives the period.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="answer_sets", verbose_name=_("campaign")
    )
    filled = models.BooleanField(default=False)
    service = models.ForeignKey(
        TrainingService, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hospital = models.ForeignKey(
        Hospital, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    specialty = models.ForeignKey(
        Specialty, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    training_year = models.PositiveSmallIntegerField(null=True, blank=True)
    # While the campaign is open the whole answer (group, scores, free text) is only here,
    # encrypted, and the other columns stay empty; at closing the answers are written anew in a
    # random order, each with a coarsened group (see anonymity.py), and this is empty.
    sealed = models.TextField(blank=True, editable=False)
    scores = models.JSONField(default=dict, blank=True)  # item code -> 1..5, or None for N/A
    free_text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("anonymous answer set")
        verbose_name_plural = _("anonymous answer sets")
        ordering = ["id"]
        indexes = [models.Index(fields=["campaign", "filled"])]

    def __str__(self):
        return str(_("anonymous answer set"))


class ResponseReceipt(models.Model):
    """That someone responded to an open campaign, as a keyed hash: who, only the key can tell.

    Checked to let a person answer once; at closing the invitations' flags are set from the
    receipts in one statement and the receipts are deleted. Random key, no date.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "digest"], name="unique_response_receipt")
        ]

    def __str__(self):
        return "receipt"


class ImprovementAction(VersionedModel):
    """A stagemeester's answer to a report: an action, followed up at the next campaign."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", pgettext_lazy("quality", "done")
        DROPPED = "dropped", _("dropped")

    service = models.ForeignKey(
        TrainingService,
        on_delete=models.CASCADE,
        related_name="improvement_actions",
        verbose_name=_("stagedienst"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="improvement_actions",
        verbose_name=_("report of campaign"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("theme"),
    )
    action = models.TextField(_("improvement action"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    follow_up = models.TextField(_("follow-up"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["created_at"]

    def __str__(self):
        return self.action[:60]


# --- Trainers' own development -------------------------------------------------------------


class SelfEvaluation(models.Model):
    """A stagemeester's self-evaluation on the competency profile: visible to them alone."""

    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="self_evaluations",
        verbose_name=_("stagemeester"),
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="+", verbose_name=_("profile")
    )
    created_on = models.DateField(_("date"), auto_now_add=True)
    scores = models.JSONField(default=dict)
    reflection = models.TextField(_("reflection"), blank=True)

    class Meta:
        verbose_name = _("self-evaluation")
        verbose_name_plural = _("self-evaluations")
        ordering = ["-created_on", "-pk"]

    def __str__(self):
        return f"{self.created_on}"


class EducationalActivity(models.Model):
    """An accredited educational activity a member of a training group took part in."""

    service = models.ForeignKey(
        TrainingService,
        on_delete=models.CASCADE,
        related_name="educational_activities",
        verbose_name=_("training group (stagedienst)"),
    )
    participant = models.CharField(_("participant"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    provider = models.CharField(_("provider"), max_length=200)
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    accreditation = models.CharField(_("accreditation reference"), max_length=100, blank=True)
    proof = models.FileField(
        _("proof"), storage=private_storage, upload_to="quality/proofs/", blank=True
    )
    proof_name = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("educational activity")
        verbose_name_plural = _("educational activities")
        ordering = ["-date", "title"]

    def __str__(self):
        return f"{self.title} ({self.date})"


# --- Recognition applications ----------------------------------------------------------------


class RecognitionApplication(VersionedModel):
    class Kind(models.TextChoices):
        SERVICE = "service", _("stagedienst")
        TRAINER = "trainer", _("stagemeester")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", pgettext_lazy("quality", "submitted")
        UNDER_REVIEW = "under_review", _("under review")
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")
        EXPIRED = "expired", _("expired")

    kind = models.CharField(_("recognition of"), max_length=10, choices=Kind.choices)
    service = models.ForeignKey(
        TrainingService,
        on_delete=models.PROTECT,
        related_name="recognition_applications",
        verbose_name=_("stagedienst"),
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recognition_applications",
        verbose_name=_("stagemeester"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("applicant"),
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.DRAFT
    )
    requested_places = models.PositiveSmallIntegerField(_("requested number of ASO places"))
    motivation = models.TextField(_("motivation"), blank=True)
    development_overview = models.JSONField(
        _("educational activities of the training group"), default=list, blank=True
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    granted_start = models.DateField(_("valid from"), null=True, blank=True)
    granted_end = models.DateField(_("valid until"), null=True, blank=True)
    granted_capacity = models.PositiveSmallIntegerField(
        _("granted capacity"), null=True, blank=True
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("quality", "decided by"),
    )
    decided_on = models.DateField(pgettext_lazy("quality", "decided on"), null=True, blank=True)
    service_recognition = models.OneToOneField(
        ServiceRecognition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )
    trainer_recognition = models.OneToOneField(
        TrainerRecognition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recognition application")
        verbose_name_plural = _("recognition applications")
        ordering = ["-created_at"]

    def __str__(self):
        who = self.trainer if self.kind == self.Kind.TRAINER else self.service
        return f"{capfirst(self.get_kind_display())}: {who}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class StaffMember(models.Model):
    """One line of the dossier's staff table."""

    application = models.ForeignKey(
        RecognitionApplication, on_delete=models.CASCADE, related_name="staff"
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200)
    fte = models.DecimalField(_("FTE"), max_digits=4, decimal_places=2)
    recognised_specialist = models.BooleanField(_("recognised specialist"), default=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ActivityMonth(models.Model):
    """The service's activity figures for one month of the last twelve."""

    application = models.ForeignKey(
        RecognitionApplication, on_delete=models.CASCADE, related_name="activity_months"
    )
    month = models.DateField(_("month"))  # first day of the month
    admissions = models.PositiveIntegerField(_("admissions"))
    consultations = models.PositiveIntegerField(_("consultations"))
    procedures = models.PositiveIntegerField(_("procedures"))

    class Meta:
        verbose_name = _("activity figures of a month")
        verbose_name_plural = _("activity figures")
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["application", "month"], name="unique_activity_month")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m}"


class SupportingDocument(VersionedModel):
    class Kind(models.TextChoices):
        TRAINING_PLAN = "training_plan", _("local training plan")
        INFRASTRUCTURE = "infrastructure", _("infrastructure and equipment")
        CV = "cv", _("curriculum vitae of the stagemeester")
        AGREEMENT = "agreement", _("agreement with the hospital")
        OTHER = "other", _("other")

    application = models.ForeignKey(
        RecognitionApplication, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to="quality/dossiers/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class RecognitionReminder(models.Model):
    """That a reminder was sent, so the daily run sends each one once."""

    class Kind(models.TextChoices):
        SIX_MONTHS = "6m", _("six months before the end")
        ONE_MONTH = "1m", _("one month before the end")

    service_recognition = models.ForeignKey(
        ServiceRecognition, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    trainer_recognition = models.ForeignKey(
        TrainerRecognition, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=2, choices=Kind.choices)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service_recognition", "kind"],
                condition=models.Q(service_recognition__isnull=False),
                name="unique_service_recognition_reminder",
            ),
            models.UniqueConstraint(
                fields=["trainer_recognition", "kind"],
                condition=models.Q(trainer_recognition__isnull=False),
                name="unique_trainer_recognition_reminder",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.sent_on}"
