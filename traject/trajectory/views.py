"""Pages of the path to recognition: the ASO's path, the plan and its versions, the authority."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.crud import Crud
from traject.core.forms import add_service_errors, form_page
from traject.core.pdf import pdf_response, render_pdf

from . import permissions as perms
from . import selectors, services
from . import stageboekje as boekjes
from .forms import (
    AdviceForm,
    BoekjeDecisionForm,
    CandidateNumberForm,
    ChangeForm,
    ContactForm,
    DecisionForm,
    EvaluationForm,
    EvidenceForm,
    InterruptionForm,
    PlanItemForm,
    StageboekjeGenerateForm,
    StepForm,
    SupplementForm,
)
from .models import Contact, Interruption, PlanItem, PlanVersion, Trajectory


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def home(request):
    """The ASO's own path; administrators and the authority land on their overview."""
    where, own = perms.path_home(request.user)
    if where == "own":
        return redirect("trajectory:detail", own.pk)
    if where == "start":
        return render(request, "trajectory/start.html")
    return redirect("trajectory:overview")


@login_required
@require_POST
def open_path(request):
    trainee = perms.trainee_opening_path(request.user)
    trajectory = services.trajectory_open(trainee=trainee, actor=request.user)
    return redirect("trajectory:detail", trajectory.pk)


@login_required
def detail(request, pk):
    trajectory = perms.get_trajectory(request.user, pk)
    user = request.user
    plans = list(trajectory.plans.order_by("-number"))
    steps = selectors.timeline(trajectory)
    private = perms.can_view_interruptions(user, trajectory)
    context = {
        "trajectory": trajectory,
        "plans": plans,
        "steps": steps,
        "next_step": selectors.next_action(steps),
        "end": selectors.plan_end_date(trajectory) if private else None,
        "interruptions": trajectory.interruptions.all() if private else None,
        "evidence": trajectory.evidence.all()
        if perms.can_view_evidence(user, trajectory)
        else None,
        "evidence_form": EvidenceForm() if perms.can_upload_evidence(user, trajectory) else None,
        "can_record_interruption": perms.can_record_interruption(user, trajectory),
        "can_change": perms.can_start_change(user, trajectory)
        and bool(plans)
        and plans[0].state in (PlanVersion.State.APPROVED, PlanVersion.State.REFUSED),
        "outside": selectors.stages_outside_plan(trajectory),
        "stageboekjes": list(trajectory.stageboekjes.all()),
        "generate_form": StageboekjeGenerateForm(
            initial={
                "year": min(trajectory.trainee.training_year or 1, boekjes.max_year(trajectory))
            }
        )
        if perms.is_owner(user, trajectory)
        else None,
        "can_view_final": perms.can_view_evidence(user, trajectory),
    }
    return render(request, "trajectory/detail.html", context)


@login_required
def plan_detail(request, pk):
    plan = perms.get_plan(request.user, pk)
    user = request.user
    items = selectors._items(plan)
    previous = plan.trajectory.plans.filter(number__lt=plan.number).order_by("-number").first()
    slots = selectors.required_signatures(plan)
    officer = perms.can_handle_as_officer(user, plan)
    context = {
        "plan": plan,
        "trajectory": plan.trajectory,
        "items": items,
        "slots": slots,
        "my_slots": [s for s in slots if user.pk in s.eligible and not s.done]
        if plan.editable
        else [],
        "problems": selectors.plan_problems(plan) if plan.editable else [],
        "can_edit": perms.can_edit_plan(user, plan),
        "can_submit": perms.can_submit_plan(user, plan),
        "can_appeal": perms.can_appeal(user, plan),
        "steps": plan.steps.select_related("actor"),
        "previous": previous,
        "diff": selectors.plan_diff(previous, plan) if previous else None,
        "officer": officer,
        "supplement_form": SupplementForm(prefix="s")
        if officer and plan.state in (PlanVersion.State.SUBMITTED, PlanVersion.State.AT_COMMISSION)
        else None,
        "candidate_form": CandidateNumberForm(prefix="c")
        if officer and plan.state == PlanVersion.State.SUBMITTED
        else None,
        "decision_form": DecisionForm(prefix="d")
        if officer and plan.state in (PlanVersion.State.ADVISED, PlanVersion.State.APPEAL)
        else None,
        "advice_form": AdviceForm(prefix="a") if perms.can_advise(user, plan) else None,
        "appeal_form": StepForm(prefix="p") if perms.can_appeal(user, plan) else None,
        "decision_due": selectors.decision_due(plan),
    }
    return render(request, "trajectory/plan_detail.html", context)


@login_required
def plan_pdf(request, pk):
    plan = perms.get_plan(request.user, pk)
    trajectory = plan.trajectory
    evidence = (
        list(trajectory.evidence.all()) if perms.can_view_evidence(request.user, trajectory) else []
    )
    pdf = render_pdf(
        "trajectory/plan_pdf.html",
        {
            "plan": plan,
            "trajectory": trajectory,
            "items": selectors._items(plan),
            "slots": selectors.required_signatures(plan),
            "steps": plan.steps.all(),
            "evidence": evidence,
        },
        request=request,
    )
    return pdf_response(pdf, f"stageplan-v{plan.number}.pdf")


def _item_form(request, item, *, title, success, delete_url=None):
    plan = item.plan
    form = PlanItemForm(request.POST or None, instance=item, trainee=plan.trajectory.trainee)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item_save(
                item=form.instance,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("trajectory:plan_detail", plan.pk)
    return form_page(
        request,
        form,
        title=title,
        cancel_url=reverse("trajectory:plan_detail", args=[plan.pk]),
        delete_url=delete_url,
        delete_version=plan.version if delete_url else None,
        status=400 if form.errors else 200,
    )


@login_required
def item_create(request, pk):
    plan = perms.get_plan_to_edit(request.user, pk)
    return _item_form(
        request,
        PlanItem(plan=plan),
        title=_("Add a period to the stageplan"),
        success=_("The period was added to the plan."),
    )


@login_required
def item_edit(request, pk):
    item = perms.item_to_edit_for(request.user, pk)
    return _item_form(
        request,
        item,
        title=_("Change a period of the stageplan"),
        success=_("The period was changed. Signatures are asked again."),
        delete_url=reverse("trajectory:item_delete", args=[item.pk]),
    )


@login_required
@require_POST
def item_delete(request, pk):
    item = perms.item_to_edit_for(request.user, pk)
    plan_pk = item.plan_id
    services.plan_item_delete(
        item=item, actor=request.user, expected_version=request.POST.get("version")
    )
    messages.success(request, _("The period was removed from the plan."))
    return redirect("trajectory:plan_detail", plan_pk)


@login_required
@require_POST
def plan_sign(request, pk):
    plan = perms.get_plan(request.user, pk)
    capacity = request.POST.get("capacity", "")
    try:
        services.plan_sign(plan=plan, actor=request.user, capacity=capacity)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("You signed version %(n)s of the plan.") % {"n": plan.number})
    return redirect("trajectory:plan_detail", plan.pk)


@login_required
@require_POST
def plan_submit(request, pk):
    plan = perms.get_plan(request.user, pk)
    try:
        services.plan_submit(plan=plan, actor=request.user)
    except ValidationError as error:
        messages.error(request, _("The plan cannot be submitted yet:"))
        _refused(request, error)
    else:
        messages.success(request, _("The plan was submitted to the administration."))
    return redirect("trajectory:plan_detail", plan.pk)


def _authority_action(request, pk, form_class, prefix, call, allowed):
    plan = perms.plan_for(request.user, pk, allowed)
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("trajectory:plan_detail", plan.pk)
    try:
        call(plan, form.cleaned_data)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The step was recorded; the ASO is notified."))
    return redirect("trajectory:plan_detail", plan.pk)


@login_required
@require_POST
def plan_supplement(request, pk):
    return _authority_action(
        request,
        pk,
        SupplementForm,
        "s",
        lambda plan, data: services.plan_ask_supplement(
            plan=plan, actor=request.user, request=data["note"], on=data["on"]
        ),
        perms.can_handle_as_officer,
    )


@login_required
@require_POST
def plan_candidate(request, pk):
    return _authority_action(
        request,
        pk,
        CandidateNumberForm,
        "c",
        lambda plan, data: services.plan_record_candidate_number(
            plan=plan, actor=request.user, number=data["number"], on=data["on"]
        ),
        perms.can_handle_as_officer,
    )


@login_required
@require_POST
def plan_advice(request, pk):
    return _authority_action(
        request,
        pk,
        AdviceForm,
        "a",
        lambda plan, data: services.plan_give_advice(
            plan=plan, actor=request.user, advice=data["advice"], note=data["note"], on=data["on"]
        ),
        perms.can_advise,
    )


@login_required
@require_POST
def plan_decision(request, pk):
    def call(plan, data):
        if plan.state == PlanVersion.State.APPEAL:
            return services.plan_decide_appeal(
                plan=plan,
                actor=request.user,
                granted=data["approved"],
                note=data["note"],
                on=data["on"],
            )
        return services.plan_decide(
            plan=plan,
            actor=request.user,
            approved=data["approved"],
            note=data["note"],
            on=data["on"],
        )

    return _authority_action(request, pk, DecisionForm, "d", call, perms.can_handle_as_officer)


@login_required
@require_POST
def plan_appeal(request, pk):
    return _authority_action(
        request,
        pk,
        StepForm,
        "p",
        lambda plan, data: services.plan_appeal(
            plan=plan, actor=request.user, note=data["note"], on=data["on"]
        ),
        perms.can_appeal,
    )


@login_required
def change_start(request, pk):
    trajectory = perms.trajectory_for(request.user, pk, perms.can_start_change)
    form = ChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_change_start(
                trajectory=trajectory, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("A new version of the plan was started."))
            return redirect("trajectory:plan_detail", plan.pk)
    return form_page(
        request,
        form,
        title=_("Change the stageplan"),
        intro=_(
            "A change is a new version of the plan: it is signed and decided like the first one."
        ),
        cancel_url=reverse("trajectory:detail", args=[trajectory.pk]),
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def evidence_upload(request, pk):
    trajectory = perms.trajectory_for(request.user, pk, perms.can_upload_evidence)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_upload(
                trajectory=trajectory,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
                valid_from=form.cleaned_data["valid_from"],
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The document was added."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("trajectory:detail", trajectory.pk)


@login_required
def evidence_download(request, pk):
    evidence = perms.evidence_for(request.user, pk)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = perms.evidence_for(request.user, pk)
    trajectory_pk = evidence.trajectory_id
    services.evidence_delete(evidence=evidence, actor=request.user)
    messages.success(request, _("The document was removed."))
    return redirect("trajectory:detail", trajectory_pk)


@login_required
def interruption_create(request, pk):
    trajectory = perms.trajectory_for(request.user, pk, perms.can_record_interruption)
    form = InterruptionForm(request.POST or None, instance=Interruption(trajectory=trajectory))
    return _interruption_form(request, form, trajectory, _("Record an interruption"))


def _interruption_form(request, form, trajectory, title, delete_url=None):
    if request.method == "POST" and form.is_valid():
        before = selectors.plan_end_date(trajectory).expected_end
        try:
            services.interruption_save(
                interruption=form.instance,
                actor=request.user,
                expected_version=form.cleaned_data.get("expected_version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            after = selectors.plan_end_date(trajectory).expected_end
            if after != before:
                messages.warning(
                    request,
                    _(
                        "The expected end of the training moved from %(before)s to %(after)s: the plan must be changed."
                    )
                    % {
                        "before": date_format(before, "j F Y"),
                        "after": date_format(after, "j F Y"),
                    },
                )
            else:
                messages.success(request, _("The interruption was recorded."))
            return redirect("trajectory:detail", trajectory.pk)
    return form_page(
        request,
        form,
        title=title,
        cancel_url=reverse("trajectory:detail", args=[trajectory.pk]),
        delete_url=delete_url,
        delete_version=form.instance.version if delete_url else None,
        status=400 if form.errors else 200,
    )


@login_required
def interruption_edit(request, pk):
    interruption = perms.interruption_for(request.user, pk)
    form = InterruptionForm(request.POST or None, instance=interruption)
    return _interruption_form(
        request,
        form,
        interruption.trajectory,
        _("Change an interruption"),
        delete_url=reverse("trajectory:interruption_delete", args=[interruption.pk]),
    )


@login_required
@require_POST
def interruption_delete(request, pk):
    interruption = perms.interruption_for(request.user, pk)
    trajectory_pk = interruption.trajectory_id
    services.interruption_delete(
        interruption=interruption,
        actor=request.user,
        expected_version=request.POST.get("version"),
    )
    messages.success(request, _("The interruption was removed."))
    return redirect("trajectory:detail", trajectory_pk)


@login_required
def overview(request):
    """The administrator's and the authority's paths by state, with overdue steps."""
    scoped = perms.overview_for(request.user)
    state = request.GET.get("state", "")
    rows = selectors.overview_rows(scoped, state=state)
    return render(
        request,
        "trajectory/overview.html",
        {
            "counts": selectors.overview_by_state(scoped),
            "rows": rows,
            "state": state,
            "states": PlanVersion.State.choices,
        },
    )


def trajectory_for_trainee(trainee) -> Trajectory | None:
    return Trajectory.objects.filter(trainee=trainee).first()


@login_required
def help_page(request):
    """Where to go in case of difficulties: the contacts of the ASO's university and hospitals."""
    context = perms.where_to_go_for(request.user)
    context["can_manage"] = perms.can_manage_contacts(request.user)
    return render(request, "trajectory/help.html", context)


def _contact_queryset(user):
    from traject.organisation.permissions import administered_universities

    from .models import Contact

    return Contact.objects.filter(university__in=administered_universities(user)).select_related(
        "university", "hospital"
    )


CONTACTS = Crud(
    key="contact",
    model=Contact,
    form_class=ContactForm,
    title=lambda: _("Contacts in case of difficulties"),
    columns=[
        (lambda: _("Name"), lambda o: o.name),
        (lambda: _("Role"), lambda o: o.get_role_display()),
        (lambda: _("University"), lambda o: o.university),
        (lambda: _("Hospital"), lambda o: o.hospital or ""),
        (lambda: _("E-mail address"), lambda o: o.email),
    ],
    can_view=perms.can_manage_contacts,
    can_edit=perms.can_manage_contacts,
    save=services.contact_save,
    delete=services.contact_delete,
    queryset=_contact_queryset,
    search_fields=["name", "email"],
    namespace="trajectory",
)


# The yearly stageboekje and the final dossier ---------------------------------------------


@login_required
@require_POST
def stageboekje_generate(request, pk):
    trajectory = perms.trajectory_for(request.user, pk, perms.is_owner)
    form = StageboekjeGenerateForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("trajectory:detail", trajectory.pk)
    try:
        boekje = boekjes.stageboekje_generate(
            trajectory=trajectory,
            year=form.cleaned_data["year"],
            actor=request.user,
            worktime_consent=form.cleaned_data["worktime_consent"],
        )
    except ValidationError as error:
        _refused(request, error)
        return redirect("trajectory:detail", trajectory.pk)
    messages.success(request, _("The stageboekje was generated."))
    return redirect("trajectory:stageboekje", boekje.pk)


@login_required
def stageboekje_detail(request, pk):
    boekje = perms.stageboekje_for(request.user, pk)
    user = request.user
    State = boekje.State
    context = {
        "boekje": boekje,
        "trajectory": boekje.trajectory,
        "content": boekje.content,
        "evaluation_form": EvaluationForm(initial={"evaluation": boekje.evaluation})
        if boekje.state == State.DRAFT and boekjes.is_evaluator(user, boekje)
        else None,
        "can_submit": boekje.state == State.SIGNED and perms.is_owner(user, boekje.trajectory),
        "can_regenerate": boekje.state in (State.DRAFT, State.SIGNED, State.MORE_ASKED)
        and perms.is_owner(user, boekje.trajectory),
        "decision_form": BoekjeDecisionForm()
        if boekje.state == State.SUBMITTED
        and perms.is_commission_member_of(user, boekje.trajectory)
        else None,
    }
    return render(request, "trajectory/stageboekje.html", context)


def _boekje_action(request, pk, call):
    boekje = perms.stageboekje_for(request.user, pk)
    try:
        call(boekje)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("trajectory:stageboekje", boekje.pk)


@login_required
@require_POST
def stageboekje_evaluate(request, pk):
    form = EvaluationForm(request.POST)
    evaluation = form.data.get("evaluation", "")
    return _boekje_action(
        request,
        pk,
        lambda b: boekjes.stageboekje_evaluate(boekje=b, actor=request.user, evaluation=evaluation),
    )


@login_required
@require_POST
def stageboekje_submit(request, pk):
    return _boekje_action(
        request, pk, lambda b: boekjes.stageboekje_submit(boekje=b, actor=request.user)
    )


@login_required
@require_POST
def stageboekje_decide(request, pk):
    form = BoekjeDecisionForm(request.POST)
    approved = form.data.get("approved") == "1"
    note = form.data.get("note", "")
    return _boekje_action(
        request,
        pk,
        lambda b: boekjes.stageboekje_decide(
            boekje=b, actor=request.user, approved=approved, note=note
        ),
    )


@login_required
def stageboekje_pdf(request, pk):
    boekje = perms.stageboekje_for(request.user, pk)
    pdf = render_pdf(
        "trajectory/stageboekje_pdf.html",
        {"boekje": boekje, "trajectory": boekje.trajectory, "content": boekje.content},
        request=request,
    )
    return pdf_response(pdf, f"stageboekje-{boekje.year}.pdf")


@login_required
def stageboekje_json(request, pk):
    from django.http import JsonResponse

    boekje = perms.stageboekje_for(request.user, pk)
    response = JsonResponse(boekjes.as_json(boekje), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="stageboekje-{boekje.year}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def final_dossier(request, pk):
    as_pdf = request.GET.get("format") == "pdf"
    trajectory, checklist, complete = perms.final_dossier_for(request.user, pk, pdf=as_pdf)
    if as_pdf:
        from .selectors import approved_plan

        plan = approved_plan(trajectory)
        pdf = render_pdf(
            "trajectory/final_pdf.html",
            {
                "trajectory": trajectory,
                "checklist": checklist,
                "plan": plan,
                "items": selectors._items(plan),
                "boekjes": trajectory.stageboekjes.all(),
                "evidence": trajectory.evidence.all(),
                "end": selectors.plan_end_date(trajectory),
            },
            request=request,
        )
        return pdf_response(pdf, "erkenningsdossier.pdf")
    return render(
        request,
        "trajectory/final.html",
        {"trajectory": trajectory, "checklist": checklist, "complete": complete},
    )
