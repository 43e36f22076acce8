from django.utils import timezone
from django.utils.translation import gettext as _

from traject.core.dashboard import Section
from traject.organisation.permissions import is_ministry_officer

from . import permissions
from .models import RecognitionApplication
from .selectors import open_invitations_to_answer


def sections(request) -> list[Section]:
    """Open surveys to answer, dossiers to review, self-evaluation and reports for trainers."""
    user = request.user
    today = timezone.localdate()
    out = []
    invitations = open_invitations_to_answer(user, today=today)
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
        pending = RecognitionApplication.objects.filter(
            status__in=[
                RecognitionApplication.Status.SUBMITTED,
                RecognitionApplication.Status.UNDER_REVIEW,
            ]
        )
        waiting = pending.count()
        out.append(
            Section(
                title=_("Recognition applications"),
                template="quality/dashboard_applications.html",
                context={
                    "waiting": waiting,
                    # The oldest first, each one tap from its review.
                    "oldest": pending.select_related("service__hospital", "trainer").order_by(
                        "submitted_on", "pk"
                    )[:8]
                    if waiting
                    else [],
                },
                order=40,
            )
        )
    reports, selfeval = permissions.can_view_reports(user), permissions.can_self_evaluate(user)
    if reports or selfeval:
        out.append(
            Section(
                title=_("Quality of training"),
                template="quality/dashboard_quality.html",
                context={"reports": reports, "selfeval": selfeval},
                order=60,
            )
        )
    return out
