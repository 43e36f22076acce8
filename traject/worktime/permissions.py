"""Who may see or do what with working-time registrations. Deny by default.

The registration belongs to the ASO: stagemeesters, coordinators, mentors, hospitals and
programme staff never see it. An ASO may share the report of one period with one named person;
the ministry sees only aggregated statistics of groups of at least five.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from traject.accounts.roles import MINISTRY, TRAINEE, has_role
from traject.core.permissions import ensure, get_scoped_or_404, is_authenticated

from .models import LeaveDay, OptOutAgreement, ReportShare, TimeEntry

MIN_GROUP = 5


_authenticated = is_authenticated


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


# --- Access functions: the pages and the API call these, never their own check ---------------


def registering_trainee(user):
    """The signed-in ASO, whose registration this is; any other role is refused (403)."""
    trainee = own_trainee(user)
    ensure(trainee is not None, _("Only an ASO registers working time."))
    return trainee


def _own(model, user, pk):
    trainee = registering_trainee(user)
    obj = get_scoped_or_404(model.objects.filter(trainee=trainee), pk=pk)
    obj.trainee = trainee  # the same object: its settings are loaded once
    return obj


def entry_for(user, pk):
    """One of the ASO's own time entries (404 for anyone else's)."""
    return _own(TimeEntry, user, pk)


def leave_day_for(user, pk):
    """One of the ASO's own leave days (404 for anyone else's)."""
    return _own(LeaveDay, user, pk)


def opt_out_for(user, pk):
    """One of the ASO's own opt-out records (404 for anyone else's)."""
    return _own(OptOutAgreement, user, pk)


def own_share_for(user, pk):
    """One of the ASO's own shares that is still active (404 otherwise)."""
    trainee = registering_trainee(user)
    return get_scoped_or_404(
        ReportShare.objects.filter(trainee=trainee).select_related("recipient"), pk=pk
    )


def shared_report_for(user, pk):
    """A shared report its owner or its recipient opens; every read is audited (404 else)."""
    from traject.audit.services import audit_read

    share = get_scoped_or_404(shares_visible_to(user), pk=pk)
    audit_read(
        actor=user,
        subject=share.trainee.user,
        target=share,
        summary=f"worktime report {share.period_start}..{share.period_end}",
    )
    return share


def statistics_group_size_for(user) -> int:
    """The ministry's officers read the statistics (403 else); the smallest group shown."""
    ensure(can_view_statistics(user))
    return minimum_group_size()
