"""The ASO's path to recognition (Belgium): stageplan versions, signatures, evidence, the
authority's steps, interruptions. Deadlines and thresholds are data per community."""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from traject.core.concurrency import VersionedModel


class Community(models.Model):
    """A Belgian community whose administration handles training plans, with its deadlines."""

    code = models.SlugField(_("code"), max_length=10, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    authority = models.CharField(_("administration"), max_length=200)
    authority_address = models.TextField(_("address"), blank=True)
    authority_email = models.EmailField(_("e-mail address"), blank=True)
    authority_url = models.URLField(_("website"), blank=True)
    submission_months = models.PositiveSmallIntegerField(
        _("months to submit the stageplan"), default=4
    )
    threshold_weeks = models.PositiveSmallIntegerField(
        _("weeks of interruption before the training is extended"), default=15
    )
    decision_days = models.PositiveSmallIntegerField(
        _("days for the minister's decision after the advice"), default=30
    )
    university_codes = models.JSONField(
        _("universities (codes)"),
        default=list,
        blank=True,
        help_text=_("Codes of the universities whose ASO belong to this community."),
    )

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nl")[:2]
        return getattr(self, f"name_{language}", "") or self.name_nl


class AuthorityOfficer(models.Model):
    """An officer of a community's administration who handles training plans."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trajectory_officer_roles",
        verbose_name=_("person"),
    )
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="officers", verbose_name=_("community")
    )

    class Meta:
        verbose_name = _("officer of the community administration")
        verbose_name_plural = _("officers of the community administration")
        constraints = [
            models.UniqueConstraint(fields=["user", "community"], name="unique_authority_officer")
        ]

    def __str__(self):
        return f"{self.user} – {self.community}"


class CommissionMember(models.Model):
    """A member of the erkenningscommissie of a specialty (in a community's language chamber)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trajectory_commission_roles",
        verbose_name=_("person"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="commission_members",
        verbose_name=_("community"),
    )
    specialty = models.ForeignKey(
        "organisation.Specialty",
        on_delete=models.CASCADE,
        related_name="commission_members",
        verbose_name=_("specialty"),
    )

    class Meta:
        verbose_name = _("member of the erkenningscommissie")
        verbose_name_plural = _("members of the erkenningscommissie")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community", "specialty"], name="unique_commission_member"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.specialty} ({self.community})"


class Trajectory(VersionedModel):
    """One ASO's file with the community: the plan versions, evidence, interruptions."""

    trainee = models.OneToOneField(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="trajectory",
        verbose_name=_("ASO"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="trajectories",
        verbose_name=_("community"),
    )
    nominal_months = models.PositiveSmallIntegerField(_("nominal duration (months)"))
    riziv_candidate_number = models.CharField(
        _("RIZIV candidate number"), max_length=20, blank=True
    )
    riziv_candidate_recorded_on = models.DateField(
        _("candidate number recorded on"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("path to recognition")
        verbose_name_plural = _("paths to recognition")

    def __str__(self):
        return str(self.trainee)


class PlanVersion(VersionedModel):
    """One version of the stageplan; a change is a new version with the same flow."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        SUPPLEMENT_ASKED = "supplement", _("supplement asked")
        AT_COMMISSION = "commission", _("with the erkenningscommissie")
        ADVISED = "advised", _("advice given")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        APPEAL = "appeal", _("in appeal")
        SUPERSEDED = "superseded", _("replaced by a later version")

    class Advice(models.TextChoices):
        POSITIVE = "positive", _("positive")
        NEGATIVE = "negative", _("negative")
        MORE = "more", _("more information asked")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="plans", verbose_name=_("path")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    reason = models.TextField(_("reason for the change"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    supplement_asked_on = models.DateField(_("supplement asked on"), null=True, blank=True)
    supplement_request = models.TextField(_("supplement asked"), blank=True)
    advice = models.CharField(_("advice"), max_length=10, choices=Advice.choices, blank=True)
    advice_on = models.DateField(_("advice given on"), null=True, blank=True)
    advice_note = models.TextField(_("motivation of the advice"), blank=True)
    decided_on = models.DateField(_("decision on"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    appeal_lodged_on = models.DateField(_("appeal lodged on"), null=True, blank=True)
    appeal_decided_on = models.DateField(_("appeal decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("stageplan")
        verbose_name_plural = _("stageplans")
        ordering = ["trajectory", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "number"], name="unique_plan_number")
        ]

    def __str__(self):
        return f"{self.trajectory} – v{self.number}"

    @property
    def editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.SUPPLEMENT_ASKED)

    def content(self, items=None) -> list[dict]:
        """What is signed: every item of the plan, in order."""
        items = list(self.items.all()) if items is None else items
        return [item.signed_content() for item in sorted(items, key=lambda i: (i.start, i.pk))]

    def content_hash(self, items=None) -> str:
        payload = json.dumps(self.content(items), sort_keys=True).encode()
        return hashlib.sha256(payload).hexdigest()


class PlanItem(models.Model):
    """A period in a plan: a stage in a stagedienst, a research period or a stage abroad."""

    class Kind(models.TextChoices):
        STAGE = "stage", _("stage")
        RESEARCH = "research", _("research period")
        ABROAD = "abroad", _("stage abroad")

    plan = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="items", verbose_name=_("stageplan")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STAGE)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), help_text=_("Last day."))
    service = models.ForeignKey(
        "organisation.TrainingService",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stagedienst"),
    )
    stagemeester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planned_stages",
        verbose_name=_("stagemeester"),
    )
    institution = models.CharField(_("institution abroad"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    belgian_address = models.TextField(_("Belgian address during the stage"), blank=True)
    justification = models.TextField(_("justification"), blank=True)

    class Meta:
        verbose_name = _("period of a stageplan")
        verbose_name_plural = _("periods of a stageplan")
        ordering = ["start", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.start} – {self.end}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date lies before the start date.")})

    def signed_content(self) -> dict:
        return {
            "kind": self.kind,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "service": self.service_id,
            "stagemeester": self.stagemeester_id,
            "institution": self.institution,
            "country": self.country,
            "belgian_address": self.belgian_address,
            "justification": self.justification,
        }


class Signature(models.Model):
    """Who signed which content of a plan version, in which capacity, when."""

    class Capacity(models.TextChoices):
        STAGEMEESTER = "stagemeester", _("stagemeester")
        COORDINATOR = "coordinator", _("coördinerend stagemeester")
        ASO = "aso", _("ASO")

    plan = models.ForeignKey(
        PlanVersion,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("stageplan"),
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="plan_signatures",
        verbose_name=_("signed by"),
    )
    capacity = models.CharField(_("as"), max_length=12, choices=Capacity.choices)
    content_hash = models.CharField(_("fingerprint of the signed content"), max_length=64)
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at"]

    def __str__(self):
        return f"{self.signer} ({self.get_capacity_display()}) – {self.plan}"


def evidence_path(instance, filename):
    return f"trajectory/{instance.trajectory_id}/evidence/{filename}"


class Evidence(models.Model):
    """A document that goes with the plan: attests, the training agreement, the diploma."""

    class Kind(models.TextChoices):
        FACULTY_ATTEST = "faculty", _("faculty's attest of acceptance")
        ORDE = "orde", _("registration with the Orde der artsen")
        AGREEMENT = "agreement", _("training agreement (opleidingsovereenkomst)")
        DIPLOMA = "diploma", _("diploma")

    REQUIRED = (Kind.FACULTY_ATTEST, Kind.ORDE, Kind.AGREEMENT)

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("path")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    valid_from = models.DateField(
        _("valid from"),
        null=True,
        blank=True,
        help_text=_("For the Orde registration: it must start before the training starts."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("trajectory", "evidence")
        verbose_name_plural = pgettext_lazy("trajectory", "evidence")
        ordering = ["kind", "-uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"


class AuthorityStep(models.Model):
    """One step of the authority's handling of a plan version, with its date (the history)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        SUPPLEMENT_ASKED = "supplement", _("supplement asked")
        SUPPLEMENT_GIVEN = "supplied", _("supplement provided")
        CANDIDATE_NUMBER = "riziv", _("RIZIV candidate number recorded")
        ADVICE = "advice", _("advice of the erkenningscommissie")
        APPROVED = "approved", _("approved by the minister")
        REFUSED = "refused", _("refused by the minister")
        APPEAL = "appeal", _("appeal lodged")
        APPEAL_APPROVED = "appeal_ok", _("appeal granted")
        APPEAL_REFUSED = "appeal_no", _("appeal rejected")

    plan = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="steps", verbose_name=_("stageplan")
    )
    kind = models.CharField(_("step"), max_length=12, choices=Kind.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("step of the procedure")
        verbose_name_plural = _("steps of the procedure")
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.plan}: {self.get_kind_display()} ({self.on})"


class Interruption(VersionedModel):
    """An interruption of the training (sickness, maternity leave, other absence)."""

    class Kind(models.TextChoices):
        SICK = "sick", _("sickness")
        MATERNITY = "maternity", _("maternity leave")
        OTHER = "other", _("other absence")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="interruptions", verbose_name=_("path")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), help_text=_("Last day."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("interruption")
        verbose_name_plural = _("interruptions")
        ordering = ["start"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.start} – {self.end}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date lies before the start date.")})


class Contact(models.Model):
    """Where to go in case of difficulties: a contact of a university or a hospital."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coördinerend stagemeester")
        MENTOR = "mentor", _("mentor")
        OMBUDS = "ombuds", _("ombudsperson")
        TRUST = "trust", _("trust person (vertrouwenspersoon)")
        ASSOCIATION = "association", _("ASO association or union")
        AUTHORITY = "authority", _("administration")
        OTHER = "other", _("other")

    university = models.ForeignKey(
        "organisation.University",
        on_delete=models.CASCADE,
        related_name="trajectory_contacts",
        verbose_name=_("university"),
    )
    hospital = models.ForeignKey(
        "organisation.Hospital",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="trajectory_contacts",
        verbose_name=_("hospital"),
        help_text=_("Leave empty for a contact of the whole university."),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)
    note = models.CharField(_("when to contact"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("contact in case of difficulties")
        verbose_name_plural = _("contacts in case of difficulties")
        ordering = ["university", "hospital", "role", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class ReminderSent(models.Model):
    """A reminder that was sent, so the daily job never sends it twice."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("path")
    )
    key = models.CharField(_("reminder"), max_length=40)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "key"], name="unique_trajectory_reminder")
        ]

    def __str__(self):
        return f"{self.trajectory}: {self.key}"


class Stageboekje(VersionedModel):
    """The yearly record of a training year, evaluated by the stagemeester, assessed by the commission."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("evaluated and signed")
        SUBMITTED = "submitted", _("submitted to the commission")
        MORE_ASKED = "more", _("more asked by the commission")
        APPROVED = "approved", _("approved")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="stageboekjes", verbose_name=_("path")
    )
    year = models.PositiveSmallIntegerField(_("training year"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    worktime_consent = models.BooleanField(
        _("include my working-time summary"),
        default=False,
        help_text=_("Working time is personal: it is only included with your consent."),
    )
    content = models.JSONField(_("content"), default=dict)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    evaluation = models.TextField(_("yearly evaluation by the stagemeester"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("note of the commission"), blank=True)

    class Meta:
        verbose_name = _("stageboekje")
        verbose_name_plural = _("stageboekjes")
        ordering = ["trajectory", "year"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "year"], name="one_stageboekje_per_year")
        ]

    def __str__(self):
        return f"{self.trajectory} – {self.year}"
