import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from traject.core.concurrency import Revision, VersionedModel

# A feedback request not completed within this many days is flagged to both people.
FEEDBACK_REQUEST_FLAG_DAYS = 14


class Role(models.TextChoices):
    """The four roles of the MSG (derived from CanMEDS)."""

    MEDICUS = "medicus", _("Medicus")
    COMMUNICATOR = "communicator", _("Communicator")
    WETENSCHAPPER = "wetenschapper", _("Wetenschapper")
    MANAGER = "manager", _("Manager")


def role_labels(values) -> list[str]:
    """Translate a list of role values into their labels, in the canonical order."""
    return [str(label) for value, label in Role.choices if value in (values or [])]


def validate_roles(value) -> None:
    if not isinstance(value, list) or any(v not in Role.values for v in value):
        raise ValidationError(_("Choose roles from the list."))


def validate_training_years(value) -> None:
    if not isinstance(value, list) or any(not isinstance(v, int) or not 1 <= v <= 6 for v in value):
        raise ValidationError(_("Training years are whole numbers from 1 to 6."))


class Course(VersionedModel):
    """A course of the Master Specialistische Geneeskunde with its titularis."""

    class Level(models.TextChoices):
        EXPERT = "expert", _("Expert (common to all specialties)")
        EXPERT_PLUS = "expert_plus", _("Expert plus (specific to a specialty)")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    university = models.ForeignKey(
        "organisation.University",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("university"),
    )
    specialty = models.ForeignKey(
        "organisation.Specialty",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("specialty"),
        help_text=_("Only for expert plus courses."),
    )
    titularis = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="courses_held",
        verbose_name=_("titularis"),
    )
    description = models.TextField(_("description"), blank=True)
    roles = models.JSONField(_("roles"), default=list, blank=True, validators=[validate_roles])
    training_years = models.JSONField(
        _("training years"),
        default=list,
        blank=True,
        validators=[validate_training_years],
        help_text=_("The ASO in these years of training follow the course; none means every year."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.level == self.Level.EXPERT_PLUS and self.specialty_id is None:
            raise ValidationError({"specialty": _("An expert plus course belongs to a specialty.")})
        if self.level == self.Level.EXPERT and self.specialty_id is not None:
            raise ValidationError(
                {"specialty": _("An expert course is common to all specialties: leave it empty.")}
            )

    def applies_to(self, trainee) -> bool:
        """Whether this course gives the ASO a to-do list."""
        if not self.is_active or trainee.university_id != self.university_id:
            return False
        if self.specialty_id and self.specialty_id != trainee.specialty_id:
            return False
        return not self.training_years or trainee.training_year in self.training_years

    @property
    def role_labels(self) -> list[str]:
        return role_labels(self.roles)


class ItemKind(models.TextChoices):
    ATTEND = "attend", _("Attend a session")
    UPLOAD = "upload", _("Upload a document")
    REFLECTION = "reflection", _("Write a reflection")
    SIGNATURE = "signature", _("Get a form signed")


class CourseItem(VersionedModel):
    """One item of a course's to-do list, as the programme defines it."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="items", verbose_name=_("course")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices)
    roles = models.JSONField(_("roles"), default=list, blank=True, validators=[validate_roles])
    due_date = models.DateField(_("due date"), null=True, blank=True)
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("course item")
        verbose_name_plural = _("course items")
        ordering = ["course", "position", "pk"]

    def __str__(self):
        return self.title


class TodoList(VersionedModel):
    """The to-do list a course gives one ASO; submitted to the titularis when done."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        SUBMITTED = "submitted", _("Submitted to the titularis")
        RETURNED = "returned", _("Returned with feedback")
        ACCEPTED = "accepted", _("Accepted")

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="todo_lists",
        verbose_name=_("ASO"),
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="todo_lists", verbose_name=_("course")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(pgettext_lazy("portfolio", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("to-do list")
        verbose_name_plural = _("to-do lists")
        ordering = ["course__code"]
        constraints = [
            models.UniqueConstraint(fields=["trainee", "course"], name="one_todo_list_per_course")
        ]

    def __str__(self):
        return f"{self.course.name} – {self.trainee}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.RETURNED)


class TodoItem(VersionedModel):
    """One item of an ASO's to-do list."""

    todo_list = models.ForeignKey(
        TodoList, on_delete=models.CASCADE, related_name="items", verbose_name=_("to-do list")
    )
    course_item = models.ForeignKey(
        CourseItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="todo_items",
        verbose_name=_("course item"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices)
    roles = models.JSONField(_("roles"), default=list, blank=True, validators=[validate_roles])
    due_date = models.DateField(_("due date"), null=True, blank=True)
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    done_at = models.DateTimeField(pgettext_lazy("portfolio", "done on"), null=True, blank=True)
    note = models.TextField(pgettext_lazy("portfolio", "note"), blank=True)
    reflection = models.TextField(_("reflection"), blank=True, help_text=_("Sanitised HTML."))

    class Meta:
        verbose_name = _("to-do item")
        verbose_name_plural = _("to-do items")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue_on(self, day: datetime.date) -> bool:
        return not self.is_done and self.due_date is not None and self.due_date < day

    @property
    def role_labels(self) -> list[str]:
        return role_labels(self.roles)


def _upload_to(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"portfolio/{instance.item.todo_list.trainee_id}/{uuid.uuid4().hex}{suffix}"


class ItemFile(VersionedModel):
    """A file the ASO attached to a to-do item; served only through a permission-checked view."""

    item = models.ForeignKey(
        TodoItem, on_delete=models.CASCADE, related_name="files", verbose_name=_("to-do item")
    )
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class Submission(models.Model):
    """One submission of a to-do list to the titularis, and the titularis' decision on it."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned with feedback")

    todo_list = models.ForeignKey(
        TodoList, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("to-do list")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    submitted_at = models.DateTimeField(
        pgettext_lazy("portfolio", "submitted"), default=timezone.now
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    snapshot = models.JSONField(_("items at submission"), default=list)
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=Decision.choices,
        default=Decision.PENDING,
        db_index=True,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("portfolio", "decided by"),
    )
    feedback = models.TextField(_("feedback from the titularis"), blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["todo_list", "number"], name="unique_submission_number")
        ]
        # The titularis' page reads the newest first, a page at a time: in this index's order.
        indexes = [models.Index(fields=["submitted_at", "id"], name="portfolio_submission_at_idx")]

    def __str__(self):
        return f"{self.todo_list} #{self.number}"


class ReminderSent(models.Model):
    """Marks a reminder as sent so the daily run never repeats it."""

    key = models.CharField(max_length=100, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self):
        return self.key


class EntrustmentLevel(models.IntegerChoices):
    OBSERVES = 1, _("1 – observes")
    DIRECT = 2, _("2 – acts under direct supervision")
    INDIRECT = 3, _("3 – acts under indirect supervision")
    INDEPENDENT = 4, _("4 – acts independently")
    SUPERVISES = 5, _("5 – supervises others")


class Epa(VersionedModel):
    """An Entrustable Professional Activity of a specialty's catalogue."""

    specialty = models.ForeignKey(
        "organisation.Specialty",
        on_delete=models.PROTECT,
        related_name="epas",
        verbose_name=_("specialty"),
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    roles = models.JSONField(_("roles"), default=list, blank=True, validators=[validate_roles])
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("EPA")
        verbose_name_plural = _("EPAs")
        ordering = ["specialty", "code"]
        constraints = [
            models.UniqueConstraint(fields=["specialty", "code"], name="unique_epa_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class FeedbackRequest(models.Model):
    """An ASO asks a supervisor for feedback on one moment on the work floor."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="feedback_requests",
        verbose_name=_("ASO"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_requests_received",
        verbose_name=_("asked of"),
    )
    team_member = models.ForeignKey(
        "workfloor.TeamMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_requests",
        verbose_name=_("asked of (stageteam member without an account)"),
    )
    moment_date = models.DateField(_("date of the moment"))
    what = models.CharField(_("what happened"), max_length=300)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    epa = models.ForeignKey(
        Epa,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("EPA"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(_("asked on"), default=timezone.now)
    flagged_at = models.DateTimeField(_("flagged as late on"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(supervisor__isnull=False, team_member__isnull=True)
                | models.Q(supervisor__isnull=True, team_member__isnull=False),
                name="feedback_request_one_supervisor",
            )
        ]

    def __str__(self):
        return f"{self.trainee}: {self.what}"

    @property
    def asked_of(self):
        """The supervisor with an account, or the stageteam member without one."""
        return self.supervisor or self.team_member

    @property
    def is_late(self) -> bool:
        return self.status == self.Status.OPEN and self.created_at < timezone.now() - (
            datetime.timedelta(days=FEEDBACK_REQUEST_FLAG_DAYS)
        )


class Feedback(models.Model):
    """Structured feedback on one moment: asked for by the ASO or given unasked."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("ASO"),
    )

    class Channel(models.TextChoices):
        SIGNED_IN = "signed_in", _("signed in")
        BEDSIDE = "bedside", _("code at the bedside")
        LINK = "link", _("one-time link")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_given",
        verbose_name=_("given by"),
    )
    team_member = models.ForeignKey(
        "workfloor.TeamMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_given",
        verbose_name=_("given by (stageteam member without an account)"),
    )
    channel = models.CharField(
        _("given through"), max_length=10, choices=Channel.choices, default=Channel.SIGNED_IN
    )
    request = models.OneToOneField(
        FeedbackRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("request"),
    )
    moment_date = models.DateField(_("date of the moment"))
    what = models.CharField(_("what happened"), max_length=300)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    epa = models.ForeignKey(
        Epa,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("EPA"),
    )
    went_well = models.TextField(_("what went well"))
    to_improve = models.TextField(_("what to improve"))
    entrustment_level = models.PositiveSmallIntegerField(
        _("entrustment level"), choices=EntrustmentLevel.choices, null=True, blank=True
    )
    created_at = models.DateTimeField(_("given on"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-moment_date", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(author__isnull=False, team_member__isnull=True)
                | models.Q(author__isnull=True, team_member__isnull=False),
                name="feedback_one_author",
            )
        ]

    def __str__(self):
        return f"{self.trainee} – {self.what} ({self.moment_date})"

    @property
    def giver(self):
        """Who gave the feedback: an account, or a stageteam member without one."""
        return self.author or self.team_member

    @property
    def unasked(self) -> bool:
        """Given on the stagemeester's own initiative (a bedside code is the ASO asking)."""
        return self.request_id is None and self.channel != self.Channel.BEDSIDE

    def clean(self):
        if self.entrustment_level is not None and self.epa_id is None:
            raise ValidationError(
                {"entrustment_level": _("An entrustment level needs an EPA to apply to.")}
            )


class FeedbackShare(models.Model):
    """The ASO shares one piece of feedback with their mentor, to reflect on it together."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="shares", verbose_name=_("feedback")
    )
    shared_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feedback_shared_with_me",
        verbose_name=_("shared with"),
    )
    shared_at = models.DateTimeField(_("shared on"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("shared feedback")
        verbose_name_plural = _("shared feedback")
        ordering = ["-shared_at"]

    def __str__(self):
        return f"{self.feedback} → {self.shared_with}"


class EntrustmentDecision(models.Model):
    """A bekwaamverklaring: never changed, only superseded by a newer decision."""

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="entrustment_decisions",
        verbose_name=_("ASO"),
    )
    epa = models.ForeignKey(
        Epa, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("EPA")
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=EntrustmentLevel.choices)
    decided_on = models.DateField(pgettext_lazy("portfolio", "decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="entrustment_decisions_made",
        verbose_name=pgettext_lazy("portfolio", "decided by"),
    )
    rationale = models.TextField(_("rationale"))
    evidence = models.ManyToManyField(
        Feedback, blank=True, related_name="supports_decisions", verbose_name=_("evidence")
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    superseded_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )

    class Meta:
        verbose_name = _("entrustment decision")
        verbose_name_plural = _("entrustment decisions")
        ordering = ["-decided_on", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.trainee} – {self.epa.code}: {self.level}"

    @property
    def is_current(self) -> bool:
        return self.superseded_by_id is None


class LearningGoal(VersionedModel):
    """A learning goal of the ASO's individual training plan (IOP)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    trainee = models.ForeignKey(
        "organisation.Trainee",
        on_delete=models.CASCADE,
        related_name="learning_goals",
        verbose_name=_("ASO"),
    )
    title = models.CharField(_("learning goal"), max_length=200)
    planning = models.TextField(_("planning"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    roles = models.JSONField(_("roles"), default=list, blank=True, validators=[validate_roles])
    epas = models.ManyToManyField(Epa, blank=True, related_name="+", verbose_name=_("EPAs"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(pgettext_lazy("portfolio", "created"), default=timezone.now)
    agreed_version = models.PositiveIntegerField(_("agreed version"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed by"),
    )
    agreed_at = models.DateTimeField(_("agreed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("learning goal")
        verbose_name_plural = _("learning goals")
        ordering = ["status", "created_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_agreed(self) -> bool:
        """The stagemeester agreed with the goal as it stands now."""
        return self.agreed_version is not None and self.agreed_version == self.version

    @property
    def role_labels(self) -> list[str]:
        return role_labels(self.roles)


class LearningGoalRevision(Revision):
    """A frozen copy of a learning goal after each change, so the plan's growth can be read."""

    goal = models.ForeignKey(
        LearningGoal, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("goal")
    )

    class Meta(Revision.Meta):
        verbose_name = _("learning goal version")
        verbose_name_plural = _("learning goal versions")
        constraints = [
            models.UniqueConstraint(fields=["goal", "version"], name="unique_goal_revision")
        ]

    def __str__(self):
        return f"{self.goal} v{self.version}"


class GoalComment(models.Model):
    """A comment of the stagemeester (or the ASO) on a learning goal."""

    goal = models.ForeignKey(
        LearningGoal, on_delete=models.CASCADE, related_name="comments", verbose_name=_("goal")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    goal_version = models.PositiveIntegerField(_("on version"))
    created_at = models.DateTimeField(_("written on"), default=timezone.now)

    class Meta:
        verbose_name = _("comment on a learning goal")
        verbose_name_plural = _("comments on learning goals")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]
