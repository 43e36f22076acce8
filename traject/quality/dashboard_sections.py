from django.utils import timezone
from django.utils.translation import gettext as _

from traject.core.dashboard import Section
from traject.organisation.permissions import is_ministry_officer

from . import permissions
from .models import Campaign, Invitation, RecognitionApplication


def sections(request) -> list[Section]:
    """Open surveys to answer, dossiers to review, self-evaluation and reports for trainers."""
    user = request.user
    today = timezone.localdate()
    out = []
    invitations = list(
        Invitation.objects.filter(
            user=user,
            responded=False,
            campaign__status=Campaign.Status.OPEN,
            campaign__opens__lte=today,
            campaign__closes__gte=today,
        ).select_related("campaign")
    )
    if invitations:
        out.append(
            Section(
                title=_("Survey on the quality of training"),
                template="quality/dashboard_surveys.html",
                context={"invitations": invitations},
                order=20,
            )
        )
    if is_ministry_officer(user):
        waiting = RecognitionApplication.objects.filter(
            status__in=[
                RecognitionApplication.Status.SUBMITTED,
                RecognitionApplication.Status.UNDER_REVIEW,
            ]
        ).count()
        out.append(
            Section(
                title=_("Recognition applications"),
                template="quality/dashboard_applications.html",
                context={"waiting": waiting},
                order=40,
            )
        )
    if permissions.can_view_reports(user) or permissions.can_self_evaluate(user):
        out.append(
            Section(
                title=_("Quality of training"),
                template="quality/dashboard_quality.html",
                context={
                    "reports": permissions.can_view_reports(user),
                    "selfeval": permissions.can_self_evaluate(user),
                },
                order=60,
            )
        )
    return out
