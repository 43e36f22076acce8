"""Writes for mentor groups."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from traject.accounts.roles import forget_roles
from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import save_versioned

from . import permissions
from .models import MAX_GROUP_SIZE, MentorGroup, MentorGroupMembership


def mentor_group_save(*, group: MentorGroup, actor, expected_version=None) -> MentorGroup:
    """Create or change a mentor group."""
    if not permissions.can_manage_mentor_groups(actor) or (
        group.university_id and not permissions.can_manage_mentor_group(actor, group)
    ):
        raise PermissionDenied
    created = group.pk is None
    with transaction.atomic():
        save_versioned(group, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=group,
        )
    forget_roles(group.mentor)
    return group


def mentor_group_add_trainee(*, group: MentorGroup, trainee, actor) -> MentorGroupMembership:
    """Add an ASO to a mentor group; a ninth member is refused."""
    if not permissions.can_manage_mentor_group(actor, group):
        raise PermissionDenied
    with transaction.atomic():
        # Lock the group row so two simultaneous additions cannot both take the eighth place.
        locked = MentorGroup.objects.select_for_update().get(pk=group.pk)
        existing = (
            MentorGroupMembership.objects.filter(trainee=trainee).select_related("group").first()
        )
        if existing is not None:
            if existing.group_id == locked.pk:
                raise ValidationError(
                    _("%(trainee)s is already in this group.") % {"trainee": trainee}
                )
            raise ValidationError(
                _("%(trainee)s already belongs to mentor group %(group)s.")
                % {"trainee": trainee, "group": existing.group}
            )
        size = locked.memberships.count()
        if size >= MAX_GROUP_SIZE:
            raise ValidationError(
                _(
                    "Mentor group %(group)s already has %(size)d ASO; a mentor accompanies at most %(max)d."
                )
                % {"group": locked, "size": size, "max": MAX_GROUP_SIZE},
                code="group_full",
            )
        membership = MentorGroupMembership.objects.create(group=locked, trainee=trainee)
        audit_record(
            actor=actor, action=AuditEvent.Action.CREATE, target=membership, subject=trainee.user
        )
    return membership


def mentor_group_remove_trainee(*, membership: MentorGroupMembership, actor) -> None:
    """Take an ASO out of a mentor group."""
    if not permissions.can_manage_mentor_group(actor, membership.group):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            target=membership,
            subject=membership.trainee.user,
        )
        membership.delete()
