"""The ASO's live working-time counters on the dashboard; the ministry's statistics link."""

from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.dashboard import Section

from . import permissions


def sections(request) -> list[Section]:
    from .explanations import violation_rows
    from .selectors import counters, weekly_chart

    result = []
    trainee = permissions.own_trainee(request.user)
    if trainee is not None:
        c = counters(trainee)
        result.append(
            Section(
                title=_("My working time"),
                template="worktime/dashboard_section.html",
                context={
                    "c": c,
                    "violations": violation_rows(c.violations),
                    "chart": weekly_chart(trainee),
                    "week_url": reverse("worktime:week"),
                },
                order=10,
            )
        )
    if permissions.can_view_statistics(request.user):
        result.append(
            Section(
                title=_("Working-time anomalies"),
                template="worktime/dashboard_ministry.html",
                context={"url": reverse("worktime:statistics")},
                order=60,
            )
        )
    return result
