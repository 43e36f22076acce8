from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from traject.core.concurrency import VersionedModel

from .fields import EncryptedTextField

MAX_GROUP_SIZE = 8
REFERRAL_SHORT_TEXT = 200


class MentorGroup(VersionedModel):
    """A mentor with a group of at most eight ASO, for their whole training."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentor_groups",
        verbose_name=_("mentor"),
    )
    name = models.CharField(_("name"), max_length=200)
    university = models.ForeignKey(
        "organisation.University",
        on_delete=models.PROTECT,
        related_name="mentor_groups",
        verbose_name=_("university"),
    )
    start_year = models.PositiveSmallIntegerField(_("academic year of start"))

    class Meta:
        verbose_name = _("mentor group")
        verbose_name_plural = _("mentor groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MentorGroupMembership(models.Model):
    """An ASO in a mentor group; an ASO has one mentor group."""

    group = models.ForeignKey(
        MentorGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    trainee = models.OneToOneField(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="mentor_membership",
        verbose_name=_("ASO"),
    )
    joined_on = models.DateField(_("joined on"), auto_now_add=True)

    class Meta:
        verbose_name = _("member of a mentor group")
        verbose_name_plural = _("members of a mentor group")
        ordering = ["trainee__user__last_name"]

    def __str__(self):
        return f"{self.trainee} in {self.group}"


class SessionTheme(VersionedModel):
    """A theme of the group-session plan for one year of training.

    Themes without a university form the default plan (seeded by a data migration); a
    programme administrator adapts the plan of their university by copying it and editing.
    """

    university = models.ForeignKey(
        "organisation.University",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mentoring_themes",
        verbose_name=_("university"),
        help_text=_("Empty for the default plan."),
    )
    training_year = models.PositiveSmallIntegerField(
        _("year of training"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    position = models.PositiveSmallIntegerField(_("order within the year"), default=1)
    title = models.CharField(_("theme (Dutch)"), max_length=200)
    title_fr = models.CharField(_("theme (French)"), max_length=200, blank=True)
    title_en = models.CharField(_("theme (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("session theme")
        verbose_name_plural = _("session themes")
        ordering = ["training_year", "position", "pk"]

    def __str__(self):
        return _("Year %(year)d: %(title)s") % {"year": self.training_year, "title": self.label}

    @property
    def label(self) -> str:
        language = (get_language() or "nl")[:2]
        return {"fr": self.title_fr, "en": self.title_en}.get(language) or self.title


class GroupSession(VersionedModel):
    """A meeting of a mentor group: when, where, on which theme."""

    group = models.ForeignKey(
        MentorGroup, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("group")
    )
    theme = models.ForeignKey(
        SessionTheme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("theme"),
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.group} – {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        EXCUSED = "excused", _("excused")
        ABSENT = "absent", _("absent")

    session = models.ForeignKey(
        GroupSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session")
    )
    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="mentoring_attendance",
        verbose_name=_("ASO"),
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "trainee"], name="unique_attendance")
        ]

    def __str__(self):
        return f"{self.trainee}: {self.get_status_display()}"


class IntervisionNote(VersionedModel):
    """The group's notes on one case discussed in a session, in the intervision format."""

    session = models.ForeignKey(
        GroupSession,
        on_delete=models.CASCADE,
        related_name="intervision_notes",
        verbose_name=_("session"),
    )
    situation = EncryptedTextField(_("the situation"))
    question = EncryptedTextField(_("the question"), blank=True)
    reflections = EncryptedTextField(_("reflections"), blank=True)
    agreements = EncryptedTextField(_("agreements"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("intervision note")
        verbose_name_plural = _("intervision notes")
        ordering = ["created_at"]

    def __str__(self):
        # Never the text: this label ends up in the audit log.
        return _("Intervision note %(pk)s") % {"pk": self.pk}


class ConfidentialNote(VersionedModel):
    """A one-to-one note of a mentor and an ASO. Only the two of them read it, unless the ASO
    shares this very note with someone."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="confidential_notes",
        verbose_name=_("ASO"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentoring_notes",
        verbose_name=_("mentor"),
    )
    held_on = models.DateField(_("date of the conversation"))
    text = EncryptedTextField(pgettext_lazy("mentoring", "note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("confidential note")
        verbose_name_plural = _("confidential notes")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        # Never the text: this label ends up in the audit log.
        return _("Note of %(date)s") % {"date": self.held_on}


class NoteShare(models.Model):
    """The ASO's consent to let one person read one note; withdrawable."""

    note = models.ForeignKey(
        ConfidentialNote,
        on_delete=models.CASCADE,
        related_name="shares",
        verbose_name=pgettext_lazy("mentoring", "note"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentoring_notes_shared_with_me",
        verbose_name=_("shared with"),
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    shared_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent to share a note")
        verbose_name_plural = _("consents to share a note")
        ordering = ["-shared_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["note", "recipient"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_share_per_recipient",
            )
        ]

    def __str__(self):
        return _("%(note)s shared with %(recipient)s") % {
            "note": self.note,
            "recipient": self.recipient,
        }

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class AgreedDeadline(VersionedModel):
    """An intermediate deadline the mentor and the ASO agreed for an MSG to-do list."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="agreed_deadlines",
        verbose_name=_("ASO"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agreed_deadlines",
        verbose_name=_("mentor"),
    )
    todo_list_id = models.PositiveIntegerField(_("to-do list"), null=True, blank=True)
    course_label = models.CharField(_("course"), max_length=200, blank=True)
    description = models.CharField(_("what is due"), max_length=200)
    due_on = models.DateField(_("deadline"))
    done_on = models.DateField(pgettext_lazy("mentoring", "done on"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agreed deadline")
        verbose_name_plural = _("agreed deadlines")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.description} ({self.due_on})"

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class Referral(VersionedModel):
    """A referral to external help, followed up by the mentor. The texts are encrypted."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="mentoring_referrals",
        verbose_name=_("ASO"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentoring_referrals",
        verbose_name=_("mentor"),
    )
    referred_to = EncryptedTextField(_("referred to"))
    reason = EncryptedTextField(_("why, in a few words"))
    referred_on = models.DateField(_("date of referral"))
    follow_up_on = models.DateField(_("follow up on"))
    outcome = EncryptedTextField(_("outcome"), blank=True)
    closed_on = models.DateField(pgettext_lazy("mentoring", "closed on"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["follow_up_on", "pk"]

    def __str__(self):
        # Never to whom or why: this label ends up in the audit log.
        return _("Referral of %(date)s") % {"date": self.referred_on}

    def clean(self):
        errors = {}
        if self.referred_to and len(self.referred_to) > REFERRAL_SHORT_TEXT:
            errors["referred_to"] = _("Keep this to at most %(n)d characters.") % {
                "n": REFERRAL_SHORT_TEXT
            }
        if self.reason and len(self.reason) > REFERRAL_SHORT_TEXT:
            errors["reason"] = _("Keep this to at most %(n)d characters.") % {
                "n": REFERRAL_SHORT_TEXT
            }
        if self.referred_on and self.follow_up_on and self.follow_up_on < self.referred_on:
            errors["follow_up_on"] = _("The follow-up date lies before the referral.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
