"""Pages of training places (overviews, places, plans) and the public showcase."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.csvexport import csv_response
from traject.core.forms import add_service_errors
from traject.organisation.models import TrainingService

from . import charts, selectors, services
from . import permissions as perms
from .forms import (
    AddPlacesForm,
    AdvanceForm,
    FillForm,
    OverviewForm,
    PlanForm,
    PlanLineForm,
    SearchForm,
    ShowcaseForm,
    VacateForm,
)
from .models import DistributionPlan, ShowcasePage

# --- Overviews ------------------------------------------------------------------------------


def _overview(request):
    user = request.user
    perms.require_places_viewer(user)
    hospitals = perms.hospitals_in_scope(user)
    form = OverviewForm(request.GET or None, hospitals=hospitals)
    values = form.values()
    if values["country"] == "NL":
        places = selectors.nl_places(
            perms.places_visible_to(user).filter(hospital__country="NL"),
            year=values["year"],
            region=values["region"] and values["region"].pk,
            hospital=values["hospital"] and values["hospital"].pk,
            specialty=values["specialty"] and values["specialty"].pk,
        )
        overview = selectors.nl_overview(places, on=values["on"], by=values["by"])
        bars = [(r["label"], r["occupied"], r["vacant"]) for r in overview["rows"]]
    else:
        services_qs = TrainingService.objects.filter(
            hospital__in=hospitals.filter(country="BE").values("pk")
        )
        found = selectors.be_services(
            services_qs,
            hospital=values["hospital"] and values["hospital"].pk,
            specialty=values["specialty"] and values["specialty"].pk,
            university=values["university"] and values["university"].pk,
        )
        overview = selectors.be_overview(found, on=values["on"], by=values["by"])
        bars = [(r["label"], r["occupied"], r["free"]) for r in overview["rows"]]
    return form, values, overview, bars


@login_required
def overview(request):
    form, values, overview, bars = _overview(request)
    chart = charts.places_chart(
        bars,
        title=_("Occupied and vacant places"),
        occupied_label=_("occupied"),
        vacant_label=_("vacant") if values["country"] == "NL" else _("free"),
    )
    query = request.GET.urlencode()
    return render(
        request,
        "places/overview.html",
        {
            "form": form,
            "values": values,
            "overview": overview,
            "chart": chart,
            "csv_url": reverse("places:overview_csv") + (f"?{query}" if query else ""),
            "can_add": perms.can_add_places(request.user),
            "can_plans": perms.plans_visible_to(request.user).exists()
            or perms.can_create_plan(request.user),
        },
    )


@login_required
def overview_csv(request):
    form, values, overview, _bars = _overview(request)
    if values["country"] == "NL":
        rows = selectors.nl_csv_rows(overview)
    else:
        rows = selectors.be_csv_rows(overview)
    return csv_response(f"places-{values['country'].lower()}-{values['by']}.csv", rows, bom=True)


# --- Places (NL) ------------------------------------------------------------------------------


@login_required
def place_list(request):
    user = request.user
    perms.require_places_viewer(user)
    form = OverviewForm(request.GET or None, hospitals=perms.hospitals_in_scope(user))
    values = form.values()
    today = timezone.localdate()
    places = selectors.nl_places(
        perms.places_visible_to(user).filter(hospital__country="NL"),
        year=values["year"],
        region=values["region"] and values["region"].pk,
        hospital=values["hospital"] and values["hospital"].pk,
        specialty=values["specialty"] and values["specialty"].pk,
    )
    rows = [{"place": p, **selectors.place_status(p, today)} for p in places[:500]]
    return render(
        request,
        "places/place_list.html",
        {"form": form, "rows": rows, "truncated": len(places) > 500},
    )


@login_required
def place_add(request):
    user = request.user
    perms.require_place_manager(user)
    form = AddPlacesForm(request.POST or None, hospitals=perms.hospitals_managed_by(user))
    if request.method == "POST" and form.is_valid():
        hospital = perms.require_place_adder(user, form.cleaned_data["hospital"].pk)
        try:
            services.add_places(
                actor=user,
                hospital=hospital,
                specialty=form.cleaned_data["specialty"],
                year=form.cleaned_data["year"],
                kind=form.cleaned_data["kind"],
                count=form.cleaned_data["count"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The places were added."))
            return redirect("places:place_list")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Add training places"),
            "cancel_url": reverse("places:place_list"),
        },
    )


@login_required
def place_detail(request, pk):
    user = request.user
    place = perms.place_for(user, pk)
    can_fill = perms.can_fill_place(user, place)
    fill_form = FillForm(place=place)
    if request.method == "POST":
        place = perms.place_for(user, pk, for_fill=True)
        fill_form = FillForm(request.POST, place=place)
        if fill_form.is_valid():
            try:
                services.fill_place(
                    actor=user,
                    place=place,
                    trainee=fill_form.cleaned_data["trainee"],
                    on=fill_form.cleaned_data["on"],
                    expected_version=fill_form.cleaned_data["version"],
                )
            except ValidationError as error:
                add_service_errors(fill_form, error)
            else:
                messages.success(request, _("The place was filled."))
                return redirect("places:place_detail", place.pk)
    today = timezone.localdate()
    occupations = perms.occupations_seen_by(user, place)
    return render(
        request,
        "places/place_detail.html",
        {
            "place": place,
            "status": selectors.place_status(place, today),
            "occupations": occupations,
            "can_fill": can_fill,
            "fill_form": fill_form,
            "vacate_form": VacateForm(initial={"on": today}),
        },
        status=400 if fill_form.errors else 200,
    )


@login_required
@require_POST
def occupation_vacate(request, pk):
    user = request.user
    occupation = perms.occupation_for(user, pk)
    form = VacateForm(request.POST)
    if form.is_valid():
        try:
            services.vacate(
                actor=user,
                occupation=occupation,
                on=form.cleaned_data["on"],
                stopped=form.cleaned_data["stopped"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The place was vacated."))
    else:
        messages.error(request, _("Enter a valid date."))
    return redirect("places:place_detail", occupation.place_id)


# --- Distribution plans (NL) -------------------------------------------------------------------


@login_required
def plan_list(request):
    user = request.user
    perms.require_plans_viewer(user)
    form = PlanForm(request.POST or None)
    if request.method == "POST":
        perms.require_plan_creator(user)
        if form.is_valid():
            try:
                plan = services.create_plan(
                    actor=user,
                    specialty=form.cleaned_data["specialty"],
                    year=form.cleaned_data["year"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("places:plan_detail", plan.pk)
    plans = perms.plans_visible_to(user).select_related("specialty")
    return render(
        request,
        "places/plan_list.html",
        {"plans": plans, "form": form, "can_create": perms.can_create_plan(user)},
    )


@login_required
def plan_detail(request, pk):
    user = request.user
    plan = perms.plan_for(user, pk)
    line_form = PlanLineForm()
    if request.method == "POST":
        action = "wishes" if plan.state == DistributionPlan.State.WISHES else "advance"
        plan = perms.plan_for(user, pk, action=action)
        line_form = PlanLineForm(request.POST)
        if line_form.is_valid():
            try:
                services.set_line(
                    actor=user,
                    plan=plan,
                    hospital=line_form.cleaned_data["hospital"],
                    number=line_form.cleaned_data["number"],
                )
            except ValidationError as error:
                add_service_errors(line_form, error)
            else:
                return redirect("places:plan_detail", plan.pk)
    lines = list(plan.lines.select_related("hospital__region"))
    return render(
        request,
        "places/plan_detail.html",
        {
            "plan": plan,
            "lines": lines,
            "line_form": line_form,
            "can_edit": plan.state != DistributionPlan.State.DECIDED
            and (
                perms.can_record_wishes(user, plan)
                if plan.state == DistributionPlan.State.WISHES
                else perms.can_advance_plan(user)
            ),
            "can_advance": perms.can_advance_plan(user)
            and plan.state != DistributionPlan.State.DECIDED,
            "advance_form": AdvanceForm(initial={"version": plan.version}),
            "totals": {
                "wished": sum(line.wished for line in lines),
                "advised": sum(line.advised or 0 for line in lines),
                "decided": sum(line.decided or 0 for line in lines),
            },
        },
    )


@login_required
@require_POST
def plan_advance(request, pk):
    user = request.user
    plan = perms.plan_for(user, pk, action="advance")
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("places:plan_detail", plan.pk)
    try:
        services.advance_plan(actor=user, plan=plan, expected_version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The plan moved on to: %(state)s.") % {"state": plan.get_state_display()}
        )
    return redirect("places:plan_detail", plan.pk)


# --- The public showcase -------------------------------------------------------------------------


def showcase(request):
    """Everyone, no login: the published training groups, searchable and sortable."""
    specialties = selectors.specialties_in_showcase()
    form = SearchForm(
        request.GET or None, specialties=specialties, regions=selectors.region_choices()
    )
    values = form.values()
    entries = selectors.showcase_entries(perms.published_pages(), on=timezone.localdate(), **values)
    return render(
        request,
        "places/showcase.html",
        {"form": form, "entries": entries, "values": values, "max_compare": 3},
    )


def showcase_group(request, pk):
    page = perms.public_page(pk)
    entries = selectors.showcase_entries(
        perms.published_pages(), on=timezone.localdate(), ids=[page.service_id]
    )
    selectors.group_details(entries)
    return render(request, "places/showcase_group.html", {"entry": entries[0], "preview": False})


def showcase_compare(request):
    ids = []
    for value in request.GET.getlist("ids")[:3]:
        if value.isdigit() and len(value) <= 9 and int(value) not in ids:
            ids.append(int(value))
    entries = selectors.showcase_entries(perms.published_pages(), on=timezone.localdate(), ids=ids)
    selectors.group_details(entries)
    return render(request, "places/showcase_compare.html", {"entries": entries})


def showcase_photo(request, pk):
    page = perms.public_page(pk)
    if not page.photo:
        raise Http404
    response = FileResponse(page.photo.open("rb"), content_type=page.photo_type or "image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
def showcase_mine(request):
    services_qs = perms.showcase_services_of(request.user).select_related(
        "hospital", "specialty", "showcase"
    )
    return render(request, "places/showcase_mine.html", {"services": services_qs})


@login_required
def showcase_edit(request, pk):
    user = request.user
    service = perms.showcase_service_for(user, pk)
    page = ShowcasePage.objects.filter(service=service).first()
    instance = page or ShowcasePage(service=service)
    form = ShowcaseForm(
        request.POST or None, request.FILES or None, instance=instance, service=service
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data.get(name)
            for name in form.Meta.fields
            if name in form.cleaned_data
        }
        if "preview" in request.POST:
            for name, value in data.items():
                setattr(instance, name, value.strip() if isinstance(value, str) else value)
            entry = {
                "page": instance,
                "service": service,
                "hospital": service.hospital,
                "specialty": service.specialty,
                "country": service.hospital.country,
                "region": selectors.region_label(instance)
                if service.hospital.country == "NL" or instance.province
                else "",
                "free": None,
                "climate": None,
            }
            entries = [entry]
            selectors.group_details(entries)
            preview = entries[0]
        else:
            try:
                services.save_showcase(
                    actor=user,
                    service=service,
                    data=data,
                    photo=form.cleaned_data.get("photo_upload"),
                    remove_photo=form.cleaned_data.get("remove_photo", False),
                    expected_version=form.cleaned_data.get("expected_version"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The showcase page was saved."))
                return redirect("places:showcase_edit", service.pk)
    return render(
        request,
        "places/showcase_edit.html",
        {
            "form": form,
            "service": service,
            "page": page,
            "preview": preview,
        },
        status=400 if form.errors else 200,
    )
