"""Who may see or do what with working-time registrations. Deny by default.

The registration belongs to the ASO: stagemeesters, coordinators, mentors, hospitals and
programme staff never see it. An ASO may share the report of one period with one named person;
the ministry sees only aggregated statistics of groups of at least five.
"""

from django.conf import settings
from django.db.models import QuerySet

from traject.accounts.roles import MINISTRY, TRAINEE, has_role

from .models import ReportShare

MIN_GROUP = 5


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def is_trainee(user) -> bool:
    """ASO register their own hours."""
    return _authenticated(user) and has_role(user, TRAINEE)


def own_trainee(user):
    """The ASO record of the user, or None."""
    if not is_trainee(user):
        return None
    return user.trainee


def can_register(user, trainee) -> bool:
    """Only the ASO themself writes their registration."""
    return _authenticated(user) and trainee is not None and trainee.user_id == user.pk


def can_view_registration(user, trainee) -> bool:
    """Only the ASO themself reads the full registration."""
    return can_register(user, trainee)


def shares_visible_to(user) -> QuerySet[ReportShare]:
    """Shared reports this user may open: received and not revoked, or their own."""
    if not _authenticated(user):
        return ReportShare.objects.none()
    from django.db.models import Q

    return ReportShare.objects.filter(
        Q(recipient=user, revoked_at__isnull=True) | Q(trainee__user=user)
    ).select_related("trainee__user", "recipient")


def can_view_statistics(user) -> bool:
    """The ministry's officers see the aggregated anomaly statistics."""
    return _authenticated(user) and has_role(user, MINISTRY)


def minimum_group_size() -> int:
    """Smallest group reported in the statistics: the anonymity threshold, never below 5."""
    return max(MIN_GROUP, int(getattr(settings, "ANONYMITY_THRESHOLD", MIN_GROUP)))
