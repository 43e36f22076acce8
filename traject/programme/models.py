"""The programme's own offer: trainers' yearly training, course evaluations, news.

The development log and the anonymous surveys are the quality app's: an attendance points to
the ``quality.EducationalActivity`` it created, a course evaluation to its ``quality.Campaign``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from traject.core.concurrency import VersionedModel
from traject.organisation.models import Country, Hospital, Specialty, University


class Theme(models.TextChoices):
    FEEDBACK = "feedback", _("Constructive feedback")
    ASSESSMENT = "assessment", _("Assessing trainees")
    RESEARCH = "research", _("Supervising scientific work")
    COACHING = "coaching", _("Coaching and well-being of trainees")
    OTHER = "other", _("Other educational theme")


class OrganiserKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    FEDERATION = "federation", _("Federation")
    HOSPITAL = "hospital", _("Hospital")


class TrainerRole(models.TextChoices):
    STAGEMEESTER = "stagemeester", _("Stagemeester")
    COORDINATOR = "coordinator", _("Coördinerend stagemeester")
    MENTOR = "mentor", _("Mentor")


class TrainerSession(VersionedModel):
    """A training session for trainers (stagemeesters, opleiders, mentors)."""

    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    description = models.TextField(_("description"), blank=True)
    organiser_kind = models.CharField(_("organiser"), max_length=12, choices=OrganiserKind.choices)
    organiser_name = models.CharField(_("organised by"), max_length=200)
    university = models.ForeignKey(
        University,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("university"),
    )
    hospital = models.ForeignKey(
        Hospital,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hospital"),
    )
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.BELGIUM
    )
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    points = models.DecimalField(_("accreditation points"), max_digits=4, decimal_places=1)
    capacity = models.PositiveSmallIntegerField(_("places"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_on = models.DateTimeField(_("cancelled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("trainer session")
        verbose_name_plural = _("trainer sessions")
        ordering = ["starts", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="trainer_session_ends_after"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="trainer_session_capacity"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def hours(self):
        from decimal import Decimal

        seconds = (self.ends - self.starts).total_seconds()
        return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.1"))


class Registration(models.Model):
    session = models.ForeignKey(
        TrainerSession, on_delete=models.CASCADE, related_name="registrations"
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trainer_session_registrations",
        verbose_name=_("trainer"),
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    attended = models.BooleanField(_("attended"), default=False)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    activity = models.OneToOneField(
        "quality.EducationalActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainer_session_registration",
        verbose_name=_("entry in the development log"),
    )
    reminded = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session__starts", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "trainer"], name="unique_registration")
        ]

    def __str__(self):
        return f"{self.session} – {self.trainer}"


class YearlyRequirement(models.Model):
    """How many accreditation points a trainer of a role must collect per year, per country."""

    role = models.CharField(_("role"), max_length=20, choices=TrainerRole.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    points = models.DecimalField(_("points per year"), max_digits=4, decimal_places=1)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("yearly training requirement")
        verbose_name_plural = _("yearly training requirements")
        ordering = ["country", "role"]
        constraints = [
            models.UniqueConstraint(fields=["role", "country"], name="unique_yearly_requirement")
        ]

    def __str__(self):
        return f"{self.get_role_display()} ({self.country}): {self.points}"


class CourseEvaluation(models.Model):
    """The evaluation of an MSG course in one year: an anonymous survey campaign of quality."""

    course = models.ForeignKey(
        "portfolio.Course",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("course"),
    )
    campaign = models.OneToOneField(
        "quality.Campaign",
        on_delete=models.PROTECT,
        related_name="course_evaluation",
        verbose_name=_("survey campaign"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    highlight = models.TextField(_("highlight"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("course evaluation")
        verbose_name_plural = _("course evaluations")
        ordering = ["-year", "course__name"]

    def __str__(self):
        return f"{self.course} {self.year}"

    @property
    def display_name(self) -> str:
        """The campaign's name in the reader's language, rendered now (not the opener's)."""
        return _("Course evaluation: %(course)s %(year)s") % {
            "course": self.course.name,
            "year": self.year,
        }


class NewsItem(models.Model):
    class Kind(models.TextChoices):
        ANNOUNCEMENT = "announcement", _("Announcement")
        HIGHLIGHT = "highlight", _("Did you know …")

    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    important = models.BooleanField(
        _("important"), default=False, help_text=_("Also sent by e-mail.")
    )
    roles = models.JSONField(_("roles"), default=list, blank=True)  # empty: every role
    university = models.ForeignKey(
        University,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("university"),
    )
    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("specialty"),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    publish_on = models.DateField(_("shown from"))
    expires_on = models.DateField(_("shown until"))
    evaluation = models.ForeignKey(
        CourseEvaluation, on_delete=models.SET_NULL, null=True, blank=True, related_name="news"
    )
    emailed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-publish_on", "-pk"]

    def __str__(self):
        return self.title


class NewsRead(models.Model):
    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["news", "user"], name="unique_news_read")]

    def __str__(self):
        return f"{self.news_id}/{self.user_id}"
