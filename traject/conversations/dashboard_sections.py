from django.utils.translation import gettext as _

from traject.accounts.roles import TRAINEE, has_role
from traject.core.dashboard import Section
from traject.core.memo import per_request
from traject.organisation.models import Trainee

from . import permissions, selectors
from .models import Talk, TransferDocument


def sections(request) -> list[Section]:
    """The trainee's next talk and reports to read; the trainer's overdue talks and transfers."""
    user = request.user
    result = []
    own = permissions.in_cycle(Trainee.objects.filter(user=user)).select_related("specialty")
    trainee = own.first() if has_role(user, TRAINEE) else None
    if trainee is not None:
        data = selectors.trainee_cycle(trainee)
        to_read = Talk.objects.filter(
            trainee=trainee, held_on__isnull=False, acknowledged_at__isnull=True
        ).exclude(report="")
        result.append(
            Section(
                _("My conversation cycle"),
                "conversations/partials/dashboard_trainee.html",
                {
                    "trainee": trainee,
                    "next_due": data.state.next_due,
                    "overdue": len(data.state.overdue),
                    "to_read": list(to_read[:5]),
                    "track": data.open_track,
                    "transfers_to_read": list(
                        TransferDocument.objects.filter(
                            trainee=trainee,
                            status=TransferDocument.Status.WITH_TRAINEE,
                            read_by_trainee_at__isnull=True,
                        )[:3]
                    ),
                },
                order=12,
            )
        )
    group = permissions.trainees_trained_by(user)
    trains = per_request(request, "conversations.facts", lambda: permissions.cycle_facts(user))[0]
    if trains:
        rows = selectors.group_overview(group, sort="overdue")
        result.append(
            Section(
                _("Conversation cycle of my group"),
                "conversations/partials/dashboard_trainer.html",
                {
                    "count": len(rows),
                    "overdue": sum(1 for r in rows if r.overdue),
                    "due": [r for r in rows if r.next_due and r.next_due.status == "due"][:5],
                    "transfers": selectors.transfer_tasks(user),
                    "to_hand_over": list(
                        TransferDocument.objects.filter(
                            author=user,
                            status=TransferDocument.Status.WITH_TRAINEE,
                            read_by_trainee_at__isnull=False,
                        ).select_related("trainee__user")[:5]
                    ),
                },
                order=13,
            )
        )
    return result
