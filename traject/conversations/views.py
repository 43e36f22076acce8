"""Pages of the conversation cycle: the trainer's overview, a trainee's cycle, talks,
intensified tracks, transfer documents and the individual duration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.forms import add_service_errors, form_page
from traject.core.pdf import pdf_response, render_pdf

from . import permissions as perms
from . import selectors, services
from .forms import (
    AcknowledgeForm,
    DurationDecisionForm,
    TalkPlanForm,
    TalkReportForm,
    TrackCloseForm,
    TransferForm,
    TransferReactForm,
)
from .models import Kind


def _trainee_url(trainee):
    from django.urls import reverse

    return reverse("conversations:trainee", args=[trainee.pk])


@login_required
def index(request):
    """The trainer's group (sortable); a trainee goes to their own cycle."""
    user = request.user
    own, trainees = perms.cycle_home(user)
    if own is not None:
        return redirect("conversations:trainee", own.pk)
    sort = request.GET.get("sort", "due")
    if sort not in selectors.SORTS:
        sort = "due"
    rows = selectors.group_overview(trainees, sort=sort)
    return render(
        request,
        "conversations/index.html",
        {
            "rows": rows,
            "sort": sort,
            "sorts": [
                ("due", _("next talk")),
                ("overdue", _("overdue")),
                ("name", _("name")),
                ("year", _("training year")),
            ],
            "transfer_tasks": selectors.transfer_tasks(user),
            "today": timezone.localdate(),
        },
    )


@login_required
def trainee(request, pk):
    """A trainee's cycle: talks owed and their state, reports, the track, transfers."""
    trainee, level = perms.trainee_for(request.user, pk)
    data = selectors.trainee_cycle(trainee)
    talks_by_id = data.talks_by_id
    full = perms.can_read_full_cycle(level)
    transfers = perms.transfers_visible_to(request.user).filter(trainee=trainee)
    context = {
        "trainee": trainee,
        "level": level,
        "full": full,
        "manage": perms.can_manage_cycle(level),
        "is_self": level == perms.SELF,
        "obligations": [(o, talks_by_id.get(o.talk_id)) for o in data.state.obligations],
        "extra_talks": data.extra_talks,
        "tracks": data.tracks if full else [],
        "open_track": data.open_track if full else None,
        "stages": data.stages,
        "transfers": transfers.select_related("from_stage__service", "to_stage__service"),
        "today": timezone.localdate(),
    }
    if full:
        computation, decisions = selectors.duration_of(trainee)
        context.update(computation=computation, decisions=decisions)
    return render(request, "conversations/trainee.html", context)


@login_required
def talk_plan(request, pk):
    trainee, _level = perms.trainee_for(request.user, pk, manage=True)
    stage = perms.current_stage(trainee)
    trainers = services.trainers_of_stage(stage)
    initial = {"held_by": request.user.pk, "kind": request.GET.get("kind", Kind.PROGRESS)}
    if request.GET.get("on"):
        initial["planned_on"] = request.GET["on"]
    form = TalkPlanForm(request.POST or None, trainers=trainers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            talk = services.talk_plan(
                trainee=trainee,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                planned_on=form.cleaned_data["planned_on"],
                held_by=form.cleaned_data["held_by"],
                place=form.cleaned_data["place"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The talk is planned."))
            return redirect("conversations:talk_detail", talk.pk)
    return form_page(
        request,
        form,
        title=_("Plan a talk with %(name)s") % {"name": trainee},
        cancel_url=_trainee_url(trainee),
    )


@login_required
def talk_edit(request, pk):
    talk, _level = perms.talk_for(request.user, pk, action="report")
    stage = talk.stage or perms.current_stage(talk.trainee)
    form = TalkPlanForm(
        request.POST or None,
        trainers=services.trainers_of_stage(stage),
        initial={
            "kind": talk.kind,
            "planned_on": talk.planned_on,
            "held_by": talk.held_by_id,
            "place": talk.place,
            "expected_version": talk.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.talk_plan(
                trainee=talk.trainee,
                actor=request.user,
                talk=talk,
                kind=form.cleaned_data["kind"],
                planned_on=form.cleaned_data["planned_on"],
                held_by=form.cleaned_data["held_by"],
                place=form.cleaned_data["place"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The talk is moved."))
            return redirect("conversations:talk_detail", talk.pk)
    return form_page(
        request,
        form,
        title=_("Change the planned talk"),
        cancel_url=_talk_url(talk),
    )


def _talk_url(talk):
    from django.urls import reverse

    return reverse("conversations:talk_detail", args=[talk.pk])


@login_required
def talk_detail(request, pk):
    talk, level = perms.talk_for(request.user, pk)
    checklist = selectors.checklist_for(talk.kind)
    return render(
        request,
        "conversations/talk_detail.html",
        {
            "talk": talk,
            "level": level,
            "can_read_report": perms.can_read_report(level, talk),
            "full": perms.can_read_full_cycle(level),
            "manage": perms.can_manage_cycle(level),
            "is_self": level == perms.SELF,
            "checklist": [(item, item.pk in talk.checklist) for item in checklist],
            "actions": talk.actions.select_related("goal")
            if perms.can_read_full_cycle(level)
            else [],
            "track": getattr(talk, "intensified_track", None)
            if perms.can_read_full_cycle(level)
            else None,
        },
    )


@login_required
def talk_report(request, pk):
    talk, _level = perms.talk_for(request.user, pk, action="report")
    items = selectors.checklist_for(talk.kind)
    form = TalkReportForm(
        request.POST or None,
        talk=talk,
        checklist_items=items,
        initial={
            "held_on": talk.held_on
            or min(talk.planned_on or timezone.localdate(), timezone.localdate()),
            "report": talk.report,
            "checklist": [str(pk) for pk in talk.checklist],
            "outcome": talk.outcome,
            "report_shared": talk.report_shared,
            "expected_version": talk.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.talk_report(
                talk=talk,
                actor=request.user,
                held_on=data["held_on"],
                report=data["report"],
                checklist=[int(v) for v in data["checklist"]],
                outcome=data.get("outcome", ""),
                report_shared=data["report_shared"],
                actions=form.action_lines,
                track_goals=data.get("track_goals", ""),
                track_deadline=data.get("track_deadline"),
                expected_version=data["expected_version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The report is saved; the trainee is asked to read it."))
            return redirect("conversations:talk_detail", talk.pk)
    return form_page(
        request,
        form,
        title=_("Report: %(kind)s with %(name)s")
        % {"kind": talk.get_kind_display(), "name": talk.trainee},
        cancel_url=_talk_url(talk),
    )


@login_required
def talk_acknowledge(request, pk):
    talk, _level = perms.talk_for(request.user, pk, action="react")
    form = AcknowledgeForm(request.POST or None, initial={"reaction": talk.reaction})
    if request.method == "POST" and form.is_valid():
        try:
            services.talk_acknowledge(
                talk=talk, actor=request.user, reaction=form.cleaned_data["reaction"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("You acknowledged the report."))
            return redirect("conversations:talk_detail", talk.pk)
    return form_page(
        request,
        form,
        title=_("Acknowledge the report"),
        intro=_("By acknowledging you confirm that you read the report; you may add a reaction."),
        cancel_url=_talk_url(talk),
        submit_label=_("I have read the report"),
    )


@login_required
@require_POST
def talk_cancel(request, pk):
    talk, _level = perms.talk_for(request.user, pk, action="report")
    trainee = talk.trainee
    try:
        services.talk_cancel(talk=talk, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("conversations:talk_detail", talk.pk)
    messages.success(request, _("The planned talk is removed."))
    return redirect("conversations:trainee", trainee.pk)


@login_required
def track_close(request, pk):
    track = perms.track_for(request.user, pk)
    form = TrackCloseForm(request.POST or None, initial={"expected_version": track.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.track_close(
                track=track,
                actor=request.user,
                status=form.cleaned_data["status"],
                conclusion=form.cleaned_data["conclusion"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The intensified track is concluded."))
            return redirect("conversations:trainee", track.trainee_id)
    return form_page(
        request,
        form,
        title=_("Conclude the intensified track"),
        intro=track.goals,
        cancel_url=_trainee_url(track.trainee),
    )


# Transfer documents ----------------------------------------------------------------------------


@login_required
@require_POST
def transfer_start(request, pk):
    stage = perms.transfer_stage_for(request.user, pk)
    try:
        document = services.transfer_start(from_stage=stage, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("conversations:index")
    return redirect("conversations:transfer_edit", document.pk)


@login_required
def transfer_detail(request, pk):
    document = perms.transfer_for(request.user, pk)
    return render(
        request,
        "conversations/transfer_detail.html",
        {
            "document": document,
            "can_edit": perms.can_edit_transfer(request.user, document),
            "can_react": perms.can_react_transfer(request.user, document),
        },
    )


@login_required
def transfer_edit(request, pk):
    document = perms.transfer_for(request.user, pk, action="edit")
    form = TransferForm(
        request.POST or None,
        initial={
            "summary": document.summary,
            "attention_points": document.attention_points,
            "agreed_support": document.agreed_support,
            "expected_version": document.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_save(
                document=document,
                actor=request.user,
                summary=form.cleaned_data["summary"],
                attention_points=form.cleaned_data["attention_points"],
                agreed_support=form.cleaned_data["agreed_support"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The transfer document is saved."))
            return redirect("conversations:transfer_detail", document.pk)
    return render(
        request,
        "conversations/transfer_edit.html",
        {"form": form, "document": document},
    )


def _transfer_action(request, pk, service, success):
    document = perms.transfer_for(request.user, pk)
    try:
        service(document=document, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("conversations:transfer_detail", document.pk)


@login_required
@require_POST
def transfer_share(request, pk):
    return _transfer_action(
        request, pk, services.transfer_share, _("The trainee can now read the document.")
    )


@login_required
@require_POST
def transfer_hand_over(request, pk):
    return _transfer_action(
        request,
        pk,
        services.transfer_hand_over,
        _("The document is handed over; the next trainer reads it from the start of the stage."),
    )


@login_required
def transfer_react(request, pk):
    document = perms.transfer_for(request.user, pk, action="react")
    form = TransferReactForm(request.POST or None, initial={"reaction": document.trainee_reaction})
    if request.method == "POST" and form.is_valid():
        services.transfer_react(
            document=document, actor=request.user, reaction=form.cleaned_data["reaction"]
        )
        messages.success(request, _("Thank you; your trainer can hand the document over."))
        return redirect("conversations:transfer_detail", document.pk)
    return form_page(
        request,
        form,
        title=_("Read and react"),
        intro=_("Confirm that you read the transfer document; you may add a reaction."),
        cancel_url=f"/conversations/transfers/{document.pk}/",
        submit_label=_("I have read the document"),
    )


@login_required
def transfer_pdf(request, pk):
    document = perms.transfer_for(request.user, pk)
    pdf = render_pdf("conversations/transfer_pdf.html", {"document": document}, request=request)
    return pdf_response(pdf, f"overdrachtsdocument-{document.pk}.pdf")


# Individual duration ---------------------------------------------------------------------------


@login_required
def duration_decide(request, pk):
    trainee, _level = perms.trainee_for(request.user, pk, manage=True)
    form = DurationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.duration_decide(
                trainee=trainee,
                actor=request.user,
                kind=data["kind"],
                months=data["months"] or 0,
                start=data["start"],
                end=data["end"],
                percentage=data["percentage"] or 100,
                reason=data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded; the expected end is updated."))
            return redirect("conversations:trainee", trainee.pk)
    return form_page(
        request,
        form,
        title=_("Decide on the training duration of %(name)s") % {"name": trainee},
        intro=_("An extension is at most 12 months in total (Kaderbesluit CGS, B.18)."),
        cancel_url=_trainee_url(trainee),
    )


# Local training plans --------------------------------------------------------------------------


@login_required
def local_plans(request):
    """The local plans, those of the user's own region first."""
    plans = perms.local_plans_visible_to(request.user).select_related(
        "specialty", "hospital__region"
    )
    return render(
        request,
        "conversations/local_plans.html",
        {
            "plans": plans.filter(specialty__cycle_rules__isnull=False)[:200],
            "can_create": perms.services_led_by(request.user).exists(),
        },
    )


@login_required
def local_plan_create(request):
    from .forms import LocalPlanCreateForm

    led = perms.services_to_plan_for(request.user)
    form = LocalPlanCreateForm(request.POST or None, services=led)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.local_plan_create(
                service=form.cleaned_data["service"],
                actor=request.user,
                introduction=form.cleaned_data["introduction"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("conversations:local_plan", plan.pk)
    return form_page(
        request, form, title=_("New local training plan"), cancel_url="/conversations/plans/"
    )


@login_required
def local_plan(request, pk):
    plan = perms.local_plan_for(request.user, pk)
    return render(
        request,
        "conversations/local_plan.html",
        {
            "plan": plan,
            "items": plan.items.select_related("epa"),
            "revisions": plan.revisions.select_related("changed_by")[:20],
            "can_edit": perms.can_maintain_local_plan(request.user, plan),
        },
    )


@login_required
def local_plan_add_item(request, pk):
    from .forms import LocalPlanItemForm

    plan = perms.local_plan_for(request.user, pk, manage=True)
    form = LocalPlanItemForm(
        request.POST or None, plan=plan, initial={"expected_version": plan.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.local_plan_add_item(
                plan=plan,
                actor=request.user,
                epa=data["epa"],
                theme=data["theme"],
                period=data["period"],
                assessment=data["assessment"],
                expected_version=data["expected_version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The local plan has a new version."))
            return redirect("conversations:local_plan", plan.pk)
    return form_page(
        request,
        form,
        title=_("Add to the local plan of %(plan)s") % {"plan": plan},
        cancel_url=f"/conversations/plans/{plan.pk}/",
    )


@login_required
@require_POST
def local_plan_remove_item(request, pk, item_pk):
    item = perms.local_plan_item_for(request.user, pk, item_pk)
    services.local_plan_remove_item(item=item, actor=request.user)
    messages.success(request, _("The local plan has a new version."))
    return redirect("conversations:local_plan", item.plan_id)


@login_required
def goal_places(request, pk):
    """Where in the region the trainee's IOP goals can be met (through their EPAs)."""
    trainee, _level = perms.trainee_for(request.user, pk, full=True)
    region_id, rows = selectors.where_goals_can_be_met(trainee)
    return render(
        request,
        "conversations/goal_places.html",
        {"trainee": trainee, "rows": rows, "has_region": region_id is not None},
    )


# The deputy opleider and the opleidingsgroep ------------------------------------------------


@login_required
def teams(request):
    """The groups of the user: the opleider keeps the deputy and the members, the others read."""
    groups = list(
        perms.teams_for(request.user).prefetch_related("team__user").order_by("hospital__name")
    )
    led = set(perms.teams_led_by(request.user).values_list("pk", flat=True))
    return render(
        request,
        "conversations/teams.html",
        {"groups": [(group, group.pk in led) for group in groups]},
    )


@login_required
def team_add(request, pk):
    from .forms import TeamMemberForm

    service = perms.team_for(request.user, pk, manage=True)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.team_member_add(
                actor=request.user,
                service=service,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is in the group now.") % {"name": member.user})
            return redirect("conversations:teams")
    return form_page(
        request,
        form,
        title=_("Add to the group of %(service)s") % {"service": service},
        intro=_(
            "A deputy trainer holds and reports talks like you; a member of the training group reads the outcomes of the talks, and a report only when you share it."
        ),
        cancel_url=reverse("conversations:teams"),
    )


@login_required
@require_POST
def team_member_remove(request, pk):
    member = perms.team_member_for(request.user, pk)
    services.team_member_remove(
        actor=request.user, member=member, expected_version=request.POST.get("version")
    )
    messages.success(request, _("%(name)s is no longer in the group.") % {"name": member.user})
    return redirect("conversations:teams")
