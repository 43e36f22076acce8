"""The quality home page and the shared form page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from traject.organisation.permissions import is_ministry_officer

from .. import permissions
from ..selectors import open_invitations_to_answer


def _form_page(request, form, *, title, cancel_url=None, submit_label=None, intro=None):
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "submit_label": submit_label,
            "intro": intro,
        },
    )


@login_required
def home(request):
    """What quality of training offers this person."""
    user = request.user
    invitations = open_invitations_to_answer(user)
    return render(
        request,
        "quality/home.html",
        {
            "open_invitations": invitations,
            "can_apply": permissions.can_apply_for_recognition(user),
            "is_ministry": is_ministry_officer(user),
            "can_view_register": permissions.can_view_register(user),
            "can_open_campaign": permissions.can_open_campaign(user),
            "can_view_reports": permissions.can_view_reports(user),
            "can_self_evaluate": permissions.can_self_evaluate(user),
            "can_log_activities": permissions.can_log_activities(user) or is_ministry_officer(user),
        },
    )
