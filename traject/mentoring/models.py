from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from traject.core.concurrency import VersionedModel

MAX_GROUP_SIZE = 8


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
