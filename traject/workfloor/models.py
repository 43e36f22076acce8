"""Work-floor feedback without a log-in: the stageteam, a code at the bedside, one-time links.

Nothing secret is stored: a QR code's token, a link's token and a 6-digit confirmation code
are kept only as a keyed hash (HMAC-SHA256 with the server's secret), so a copy of the
database opens no form.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from traject.core.concurrency import VersionedModel

# How long each thing stays usable. Stored on each row (expires_at) when it is created, so a
# change here never reopens or shortens what was already handed out.
LINK_VALID_DAYS = 14
MAX_LINKS_PER_REQUEST = 5  # the first e-mail and four resends
BEDSIDE_CODE_VALID_MINUTES = 15
CONFIRMATION_VALID_MINUTES = 10
# Rate limits: wrong 6-digit codes per confirmation, confirmations per bedside code, and
# confirmation e-mails to one person per hour.
MAX_CONFIRMATION_ATTEMPTS = 5
MAX_CONFIRMATIONS_PER_CODE = 3
MAX_CONFIRMATIONS_PER_PERSON_PER_HOUR = 6


class TeamMember(VersionedModel):
    """A member of a stagedienst's team without a Traject account (listed by the stagemeester)."""

    service = models.ForeignKey(
        "organisation.TrainingService",
        on_delete=models.CASCADE,
        related_name="team_members",
        verbose_name=_("stagedienst"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    function = models.CharField(
        _("function"), max_length=100, blank=True, help_text=_("e.g. staff member, fellow")
    )
    is_active = models.BooleanField(_("active"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("added on"), default=timezone.now)

    class Meta:
        verbose_name = _("stageteam member")
        verbose_name_plural = _("stageteam members")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["service", "email"], name="unique_team_member_email")
        ]

    def __str__(self):
        return self.name


class Usable(models.Model):
    """Something handed out once: open until used, withdrawn or expired."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        USED = "used", _("used")
        EXPIRED = "expired", _("expired")
        WITHDRAWN = "withdrawn", _("withdrawn")

    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        abstract = True

    def state(self, now: datetime.datetime | None = None) -> str:
        now = now or timezone.now()
        if self.used_at:
            return self.State.USED
        if self.withdrawn_at:
            return self.State.WITHDRAWN
        if self.expires_at <= now:
            return self.State.EXPIRED
        return self.State.OPEN

    @property
    def is_open(self) -> bool:
        return self.state() == self.State.OPEN


class BedsideCode(Usable):
    """The ASO shows a QR code; a member of their stageteam scans it and gives feedback."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="bedside_codes",
        verbose_name=_("ASO"),
    )
    moment_date = models.DateField(_("date of the moment"))
    what = models.CharField(_("what happened"), max_length=300)
    role = models.CharField(_("role"), max_length=16, blank=True)
    epa = models.ForeignKey(
        "portfolio.Epa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("EPA"),
    )
    feedback = models.OneToOneField(
        "portfolio.Feedback",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bedside_code",
        verbose_name=_("feedback"),
    )

    class Meta:
        verbose_name = _("bedside code")
        verbose_name_plural = _("bedside codes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.trainee}: {self.what}"


class Confirmation(models.Model):
    """A 6-digit code e-mailed to the supervisor who chose their name at the bedside."""

    bedside_code = models.ForeignKey(
        BedsideCode,
        on_delete=models.CASCADE,
        related_name="confirmations",
        verbose_name=_("bedside code"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    team_member = models.ForeignKey(
        TeamMember, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("sent to"))
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("identity confirmation")
        verbose_name_plural = _("identity confirmations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, team_member__isnull=True)
                | models.Q(user__isnull=True, team_member__isnull=False),
                name="confirmation_one_person",
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.bedside_code_id})"

    @property
    def person(self):
        return self.user or self.team_member

    @property
    def is_usable(self) -> bool:
        return self.expires_at > timezone.now() and self.attempts < MAX_CONFIRMATION_ATTEMPTS


class FeedbackLink(Usable):
    """A one-time link in the e-mail of a feedback request: opens the form without a log-in."""

    request = models.ForeignKey(
        "portfolio.FeedbackRequest",
        on_delete=models.CASCADE,
        related_name="links",
        verbose_name=_("feedback request"),
    )

    class Meta:
        verbose_name = _("one-time link")
        verbose_name_plural = _("one-time links")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.request} ({self.state()})"
