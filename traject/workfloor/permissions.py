"""The one way in to work-floor feedback. Deny by default.

Access functions fetch, check, audit and return the object, or raise Http404 (no relation, or a
token whose signature or hash does not match) / PermissionDenied (related, but not allowed).

- The ASO creates, follows and withdraws their own bedside codes and one-time links.
- Whoever holds a bedside code's QR token may open its page, but only a person of the ASO's
  current stageteam, identified by a 6-digit code to their registered e-mail address (or signed
  in), may give feedback through it.
- Whoever holds a one-time link may give the feedback of that one request, once.
- A stagemeester (a recognised trainer of the stagedienst today, or a current stagemeester
  there) lists the stagedienst's members without an account and sees its feedback counts.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from traject.core.permissions import get_scoped_or_404
from traject.portfolio.permissions import trainee_of

from . import selectors, tokens
from .models import BedsideCode, FeedbackLink, TeamMember


def own_trainee(user):
    """The ASO record of the user, or PermissionDenied (these pages are for ASO)."""
    trainee = trainee_of(user)
    if trainee is None:
        raise PermissionDenied
    return trainee


def bedside_code_of_aso(user, pk) -> BedsideCode:
    """An ASO's own bedside code; anyone else gets 404."""
    trainee = trainee_of(user)
    if trainee is None:
        raise Http404
    return get_scoped_or_404(
        BedsideCode.objects.filter(trainee=trainee).select_related("feedback", "epa"), pk=pk
    )


def bedside_code_by_token(token: str) -> BedsideCode:
    """The bedside code a scanned QR token opens (in any state), or 404."""
    digest = tokens.hash_of_signed("bedside", token)
    if digest is None:
        raise Http404
    return get_scoped_or_404(
        BedsideCode.objects.select_related("trainee__user", "epa"), token_hash=digest
    )


def link_by_token(token: str) -> FeedbackLink:
    """The one-time link a token opens (in any state), or 404."""
    digest = tokens.hash_of_signed("link", token)
    if digest is None:
        raise Http404
    return get_scoped_or_404(
        FeedbackLink.objects.select_related(
            "request__trainee__user", "request__supervisor", "request__team_member", "request__epa"
        ),
        token_hash=digest,
    )


def services_of_stagemeester(user):
    return selectors.services_led_by(user)


def team_keeper(user) -> list:
    """The stagediensten whose team the user keeps; PermissionDenied for whoever keeps none."""
    from django.utils.translation import gettext as _

    services_led = list(selectors.services_led_by(user))
    if not services_led:
        raise PermissionDenied(_("Only a stagemeester keeps a stageteam."))
    return services_led


def team_service(user, pk):
    """A stagedienst whose team the user keeps; 404 for any other."""
    return get_scoped_or_404(selectors.services_led_by(user), pk=pk)


def team_member(user, pk) -> TeamMember:
    """A member of a team the user keeps; else 404."""
    return get_scoped_or_404(
        TeamMember.objects.filter(service__in=selectors.services_led_by(user)).select_related(
            "service"
        ),
        pk=pk,
    )


def feedback_request_of_aso(user, pk):
    """One of the ASO's own feedback requests (to send its link again); anyone else gets 404."""
    from traject.portfolio.models import FeedbackRequest

    trainee = trainee_of(user)
    if trainee is None:
        raise Http404
    return get_scoped_or_404(
        FeedbackRequest.objects.filter(trainee=trainee).select_related("trainee__user"), pk=pk
    )


def link_of_aso(user, pk) -> FeedbackLink:
    """A one-time link of one of the ASO's own requests; anyone else gets 404."""
    trainee = trainee_of(user)
    if trainee is None:
        raise Http404
    return get_scoped_or_404(
        FeedbackLink.objects.filter(request__trainee=trainee).select_related("request__trainee"),
        pk=pk,
    )
