"""Pages of work-floor feedback: the ASO's QR code, the supervisor's pages without a log-in,
and the stagemeester's team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from traject.core.forms import add_service_errors

from . import forms, qr, selectors, services, throttle
from . import permissions as perms
from .models import Confirmation

_SESSION_KEY = "workfloor_confirmations"


# --- The ASO ---------------------------------------------------------------------------------


@login_required
@never_cache
def ask_now(request):
    """Vraag feedback nu: choose the moment, then show the QR code (once, on this screen)."""
    trainee = perms.own_trainee(request.user)
    form = forms.BedsideCodeForm(request.POST or None, trainee=trainee)
    if request.method == "POST" and form.is_valid():
        try:
            code, token = services.bedside_code_create(
                actor=request.user, trainee=trainee, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            url = request.build_absolute_uri(reverse("workfloor:bedside", args=[token]))
            return render(
                request,
                "workfloor/show_code.html",
                {"code": code, "url": url, "qr": qr.svg(url, _("QR code to give feedback"))},
            )
    return render(
        request,
        "workfloor/ask_now.html",
        {"form": form, "team": selectors.stageteam(trainee)},
    )


@login_required
def code_status(request, pk):
    """The ASO's screen asks every few seconds whether the feedback arrived (htmx)."""
    code = perms.bedside_code_of_aso(request.user, pk)
    return render(request, "workfloor/partials/code_status.html", {"code": code})


@login_required
@require_POST
def code_withdraw(request, pk):
    code = perms.bedside_code_of_aso(request.user, pk)
    services.bedside_code_withdraw(actor=request.user, code=code)
    messages.info(request, _("The QR code was withdrawn."))
    return redirect("portfolio:feedback_timeline")


@login_required
@require_POST
def link_withdraw(request, pk):
    link = perms.link_of_aso(request.user, pk)
    services.link_withdraw(actor=request.user, link=link)
    messages.info(request, _("The link was withdrawn: it no longer opens the form."))
    return redirect("portfolio:feedback_timeline")


@login_required
@require_POST
def link_resend(request, pk):
    """Send the request's e-mail again with a new one-time link (the old one stops working)."""
    feedback_request = perms.feedback_request_of_aso(request.user, pk)
    try:
        services.link_resend(actor=request.user, request=feedback_request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("A new link was sent to %(name)s; the previous link no longer works.")
            % {"name": feedback_request.asked_of},
        )
    return redirect("portfolio:feedback_timeline")


# --- The supervisor, without a log-in --------------------------------------------------------


def _closed(request, state: str, *, status=410, trainee=None):
    """Why the code or link no longer works, in the words of the trainee's country."""
    country = trainee.country if trainee is not None else "BE"
    return render(
        request, "workfloor/closed.html", {"state": state, "country": country}, status=status
    )


def _too_many(request):
    """429: this address sent too many requests to the pages without a log-in."""
    message = _("Too many requests from your network. Wait a few minutes and try again.")
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = _closed(request, "throttled", status=429)
    _limit, window = throttle.limit()
    response["Retry-After"] = str(window)
    return response


def _confirmation_in_session(request, code):
    pk = request.session.get(_SESSION_KEY, {}).get(str(code.pk))
    if pk is None:
        return None
    return Confirmation.objects.filter(pk=pk, bedside_code=code).first()


@never_cache
def bedside(request, token):
    """The scanned QR code: choose your name, confirm with the e-mailed code, give feedback."""
    if throttle.is_throttled(request):
        return _too_many(request)
    code = perms.bedside_code_by_token(token)
    if not code.is_open:
        return _closed(request, code.state(), trainee=code.trainee)
    signed_in = selectors.user_in_stageteam(code.trainee, request.user)
    confirmation = None if signed_in else _confirmation_in_session(request, code)
    action = request.POST.get("action", "")
    context = {"code": code, "signed_in": signed_in, "confirmation": confirmation}

    if signed_in or (confirmation and confirmation.confirmed_at):
        form = forms.QuickFeedbackForm(
            request.POST if action == "send" else None, with_level=code.epa_id is not None
        )
        if action == "send" and form.is_valid():
            try:
                services.bedside_feedback_give(
                    code=code,
                    confirmation=confirmation,
                    signed_in_user=request.user if signed_in else None,
                    **form.cleaned_data,
                )
            except services.Closed as exc:
                return _closed(request, exc.state, trainee=code.trainee)
            except PermissionDenied:
                return _closed(request, "not_in_team", status=403, trainee=code.trainee)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                request.session.pop(_SESSION_KEY, None)
                return render(request, "workfloor/thanks.html", {"trainee": code.trainee})
        giver = signed_in.name if signed_in else confirmation.person
        return render(
            request, "workfloor/bedside_form.html", {**context, "form": form, "giver": giver}
        )

    awaiting_digits = (
        confirmation is not None
        and action != "choose"
        and (confirmation.is_usable or action == "confirm")
    )
    if awaiting_digits:
        form = forms.DigitsForm(request.POST if action == "confirm" else None)
        if action == "confirm" and form.is_valid():
            try:
                services.confirmation_check(
                    confirmation=confirmation, digits=form.cleaned_data["digits"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(request.path)
        return render(request, "workfloor/bedside_confirm.html", {**context, "form": form})

    people = selectors.stageteam(code.trainee)
    form = forms.ChooseNameForm(request.POST if action == "choose" else None, people=people)
    if action == "choose" and form.is_valid():
        try:
            confirmation = services.confirmation_start(
                code=code, person_key=form.cleaned_data["person"]
            )
        except services.Closed as exc:
            return _closed(request, exc.state, trainee=code.trainee)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session[_SESSION_KEY] = {str(code.pk): confirmation.pk}
            return redirect(request.path)
    return render(request, "workfloor/bedside_choose.html", {**context, "form": form})


@never_cache
def link(request, token):
    """The one-time link of a feedback request: the form, no log-in."""
    if throttle.is_throttled(request):
        return _too_many(request)
    one_time = perms.link_by_token(token)
    fr = one_time.request
    if not one_time.is_open:
        return _closed(request, one_time.state(), trainee=fr.trainee)
    if fr.status != fr.Status.OPEN:
        state = "withdrawn" if fr.status == fr.Status.WITHDRAWN else "used"
        return _closed(request, state, trainee=fr.trainee)
    form = forms.QuickFeedbackForm(request.POST or None, with_level=fr.epa_id is not None)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_feedback_give(link=one_time, **form.cleaned_data)
        except services.Closed as exc:
            return _closed(request, exc.state, trainee=fr.trainee)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(request, "workfloor/thanks.html", {"trainee": fr.trainee})
    return render(request, "workfloor/link_form.html", {"fr": fr, "form": form})


# --- The stagemeester's team -----------------------------------------------------------------


@login_required
def team(request):
    services_led = perms.team_keeper(request.user)
    return render(
        request,
        "workfloor/team.html",
        {"teams": [(s, selectors.team_overview(s)) for s in services_led]},
    )


@login_required
def team_member_add(request, service_pk):
    service = perms.team_service(request.user, service_pk)
    form = forms.TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_add(actor=request.user, service=service, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Added to the team."))
            return redirect("workfloor:team")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Add a team member to %(service)s") % {"service": service},
            "intro": _(
                "Members without an account give feedback through a QR code or a one-time "
                "link, confirmed with a code sent to this e-mail address. They never need a "
                "password."
            ),
            "cancel_url": reverse("workfloor:team"),
            "submit_label": _("Add"),
        },
    )


@login_required
@require_POST
def team_member_remove(request, pk):
    member = perms.team_member(request.user, pk)
    services.team_member_remove(
        actor=request.user, member=member, expected_version=request.POST.get("version")
    )
    messages.success(request, _("%(name)s is no longer on the team.") % {"name": member.name})
    return redirect("workfloor:team")
