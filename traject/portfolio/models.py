from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from traject.core.concurrency import VersionedModel


class Role(models.TextChoices):
    """The four roles of the MSG (derived from CanMEDS)."""

    MEDICUS = "medicus", _("Medicus")
    COMMUNICATOR = "communicator", _("Communicator")
    WETENSCHAPPER = "wetenschapper", _("Wetenschapper")
    MANAGER = "manager", _("Manager")


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

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"
