"""Reads of training places and the showcase: a constant number of queries per page."""

import datetime
from collections import defaultdict

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from traject.organisation.models import (
    Region,
    Specialty,
    Stage,
    TrainerRecognition,
    TrainingService,
)

from . import rules
from .models import Kind, Occupation, Place, ShowcasePage

GROUPINGS = ("region", "hospital", "specialty", "year")
BE_GROUPINGS = ("hospital", "university", "specialty", "service")


# --- NL places overview ----------------------------------------------------------------------


def place_status(place: Place, on: datetime.date) -> dict:
    occupancies = [o.as_rule() for o in place.occupations.all()]
    occupied = any(o.covers(on) for o in occupancies)
    return {
        "occupied": occupied,
        "refillable": rules.refillable(place.kind, occupancies, on=on),
    }


def nl_places(places_qs, *, year=None, region=None, hospital=None, specialty=None):
    qs = places_qs.select_related("hospital__region", "specialty").prefetch_related(
        Prefetch("occupations", queryset=Occupation.objects.order_by("start"))
    )
    if year:
        qs = qs.filter(year=year)
    if region:
        qs = qs.filter(hospital__region_id=region)
    if hospital:
        qs = qs.filter(hospital_id=hospital)
    if specialty:
        qs = qs.filter(specialty_id=specialty)
    return list(qs)


def _group_label(place: Place, by: str) -> tuple:
    if by == "region":
        region = place.hospital.region
        return (region.pk if region else 0, str(region) if region else "–")
    if by == "hospital":
        return (place.hospital_id, str(place.hospital))
    if by == "specialty":
        return (place.specialty_id, place.specialty.name)
    return (place.year, str(place.year))


def nl_overview(places: list[Place], *, on: datetime.date, by: str = "region") -> dict:
    """Assigned, occupied, vacant and refillable places per group (and in total)."""
    by = by if by in GROUPINGS else "region"
    groups: dict = {}
    total = {"assigned": 0, "occupied": 0, "vacant": 0, "refillable": 0, "instroom": 0}
    for place in places:
        key, label = _group_label(place, by)
        row = groups.setdefault(
            key,
            {
                "label": label,
                "assigned": 0,
                "occupied": 0,
                "vacant": 0,
                "refillable": 0,
                "instroom": 0,
            },
        )
        status = place_status(place, on)
        for target in (row, total):
            target["assigned"] += 1
            target["instroom"] += place.kind == Kind.INSTROOM
            if status["occupied"]:
                target["occupied"] += 1
            else:
                target["vacant"] += 1
                target["refillable"] += status["refillable"]
    rows = sorted(groups.values(), key=lambda r: str(r["label"]))
    return {"rows": rows, "total": total, "by": by}


def nl_csv_rows(overview: dict) -> list[list]:
    rows = [
        [
            pgettext("CSV column", "Group"),
            pgettext("CSV column", "Assigned"),
            pgettext("CSV column", "Instroom"),
            pgettext("CSV column", "Occupied"),
            pgettext("CSV column", "Vacant"),
            pgettext("CSV column", "Refillable"),
        ]
    ]
    for row in [*overview["rows"], {**overview["total"], "label": pgettext("CSV column", "Total")}]:
        rows.append(
            [
                row["label"],
                row["assigned"],
                row["instroom"],
                row["occupied"],
                row["vacant"],
                row["refillable"],
            ]
        )
    return rows


# --- BE places: recognised capacity ----------------------------------------------------------


def be_places_by_service(services: list[TrainingService], *, on: datetime.date) -> dict:
    """Service id -> rules.BelgianPlaces, from the recognitions and stages (two queries)."""
    coming = rules.academic_year_start(on)
    ids = [s.pk for s in services]
    windows = defaultdict(list)
    for rec in TrainerRecognition.objects.filter(
        service_id__in=ids, end__gte=on, start__lte=coming
    ).only("service_id", "start", "end", "capacity"):
        windows[rec.service_id].append(rules.Window(rec.start, rec.end, rec.capacity))
    spans = defaultdict(list)
    for stage in Stage.objects.filter(service_id__in=ids, end__gte=on, start__lte=coming).only(
        "service_id", "start", "end"
    ):
        spans[stage.service_id].append(rules.Span(stage.start, stage.end))
    return {sid: rules.belgian_places(windows[sid], spans[sid], on=on) for sid in ids}


def be_services(services_qs, *, hospital=None, specialty=None, university=None):
    qs = services_qs.select_related("hospital__university", "specialty")
    if hospital:
        qs = qs.filter(hospital_id=hospital)
    if specialty:
        qs = qs.filter(specialty_id=specialty)
    if university:
        qs = qs.filter(hospital__university_id=university)
    return list(qs)


def be_overview(
    services: list[TrainingService], *, on: datetime.date, by: str = "hospital"
) -> dict:
    by = by if by in BE_GROUPINGS else "hospital"
    places = be_places_by_service(services, on=on)
    fields = (
        "recognised",
        "occupied",
        "free",
        "coming_recognised",
        "coming_occupied",
        "coming_free",
    )
    groups: dict = {}
    total = dict.fromkeys(fields, 0)
    for service in services:
        if by == "hospital":
            key, label = service.hospital_id, str(service.hospital)
        elif by == "university":
            uni = service.hospital.university
            key, label = (uni.pk if uni else 0), (str(uni) if uni else "–")
        elif by == "specialty":
            key, label = service.specialty_id, service.specialty.name
        else:
            key, label = service.pk, f"{service.name} ({service.hospital})"
        row = groups.setdefault(key, {"label": label, **dict.fromkeys(fields, 0)})
        p = places[service.pk]
        for target in (row, total):
            for name in fields:
                target[name] += getattr(p, name)
    rows = sorted(groups.values(), key=lambda r: str(r["label"]))
    return {"rows": rows, "total": total, "by": by, "coming": rules.academic_year_start(on)}


def be_csv_rows(overview: dict) -> list[list]:
    coming = {"date": overview["coming"].isoformat()}
    rows = [
        [
            pgettext("CSV column", "Group"),
            pgettext("CSV column", "Recognised"),
            pgettext("CSV column", "Occupied"),
            pgettext("CSV column", "Free"),
            pgettext("CSV column", "Recognised on %(date)s") % coming,
            pgettext("CSV column", "Occupied on %(date)s") % coming,
            pgettext("CSV column", "Free on %(date)s") % coming,
        ]
    ]
    for row in [*overview["rows"], {**overview["total"], "label": pgettext("CSV column", "Total")}]:
        rows.append(
            [
                row["label"],
                row["recognised"],
                row["occupied"],
                row["free"],
                row["coming_recognised"],
                row["coming_occupied"],
                row["coming_free"],
            ]
        )
    return rows


# --- The learning climate (quality's anonymous reports, never computed a second way) --------


def climate_by_service(service_ids) -> dict:
    """Service id -> the latest shown report of the ASO learning-climate survey, with the
    national figure of that year. Only groups the quality app shows (at or above the
    anonymity threshold, after its secondary suppression) appear."""
    from traject.quality.instruments import ASO_INSTRUMENT, get_instrument
    from traject.quality.models import Campaign, Theme
    from traject.quality.selectors import campaign_results, national_figure

    wanted = set(service_ids)
    if not wanted:
        return {}
    instrument = get_instrument(ASO_INSTRUMENT)
    themes = list(Theme.objects.filter(instrument=instrument).order_by("order"))
    latest: dict = {}
    for campaign in Campaign.objects.filter(
        instrument=instrument, status=Campaign.Status.CLOSED
    ).order_by("opens", "pk"):
        for (kind, key), result in campaign_results(campaign).items():
            if kind == "service" and key in wanted:
                latest[key] = (campaign.year, result)
    national_cache: dict = {}
    climate = {}
    for sid, (year, result) in latest.items():
        if year not in national_cache:
            national_cache[year] = national_figure(instrument, year)
        national = (national_cache[year] or {}).get("themes", {})
        climate[sid] = {
            "year": year,
            "count": result.count,
            "score": rules.climate_score(result.themes),
            "national_score": rules.climate_score(national),
            "themes": [
                {
                    "code": t.code,
                    "name": t.name,
                    "score": result.themes.get(t.code),
                    "national": national.get(t.code),
                }
                for t in themes
            ],
        }
    return climate


# --- The showcase ----------------------------------------------------------------------------


def region_choices() -> list[tuple[str, str]]:
    """The regions to filter by: Dutch OORs and Belgian provinces."""
    nl = [(f"oor:{r.code}", r.name) for r in Region.objects.all()]
    be = [
        (f"prov:{code}", name)
        for code, name in sorted(rules.PROVINCES.items(), key=lambda kv: kv[1])
    ]
    return nl + be


def region_label(page: ShowcasePage) -> str:
    hospital = page.service.hospital
    if hospital.country == "NL":
        return str(hospital.region) if hospital.region_id else ""
    return rules.PROVINCES.get(page.province, "")


def _nl_free(pairs: set, *, on: datetime.date) -> dict:
    """(hospital id, specialty id) -> places free to fill this year and next (NL)."""
    if not pairs:
        return {}
    q = Q(pk__in=[])
    for hospital_id, specialty_id in pairs:
        q |= Q(hospital_id=hospital_id, specialty_id=specialty_id)
    free: dict = defaultdict(int)
    places = (
        Place.objects.filter(q, year__in=[on.year, on.year + 1])
        .prefetch_related("occupations")
        .only("pk", "hospital_id", "specialty_id", "kind", "year")
    )
    for place in places:
        if rules.refillable(place.kind, [o.as_rule() for o in place.occupations.all()], on=on):
            free[(place.hospital_id, place.specialty_id)] += 1
    return free


def showcase_entries(
    pages_qs,
    *,
    on: datetime.date,
    query: str = "",
    specialty: str = "",
    region: str = "",
    sort: str = "name",
    ids=None,
) -> list[dict]:
    """The published showcase pages with free places and learning climate (no trainee data)."""
    pages = pages_qs.select_related("service__hospital__region", "service__specialty")
    if ids is not None:
        pages = pages.filter(service_id__in=ids)
    query = (query or "").strip()[:100]
    if query:
        pages = pages.filter(
            Q(service__name__icontains=query)
            | Q(service__hospital__name__icontains=query)
            | Q(service__hospital__city__icontains=query)
            | Q(introduction__icontains=query)
        )
    if specialty:
        pages = pages.filter(service__specialty__code=specialty)
    if region.startswith("oor:"):
        pages = pages.filter(service__hospital__region__code=region[4:])
    elif region.startswith("prov:"):
        pages = pages.filter(province=region[5:], service__hospital__country="BE")
    pages = list(pages)
    be_services_list = [p.service for p in pages if p.service.hospital.country == "BE"]
    be_free = be_places_by_service(be_services_list, on=on) if be_services_list else {}
    nl_free = _nl_free(
        {
            (p.service.hospital_id, p.service.specialty_id)
            for p in pages
            if p.service.hospital.country == "NL"
        },
        on=on,
    )
    climate = climate_by_service([p.service_id for p in pages])
    entries = []
    for page in pages:
        service = page.service
        if service.hospital.country == "BE":
            free = be_free[service.pk].coming_free
        else:
            free = nl_free.get((service.hospital_id, service.specialty_id), 0)
        entries.append(
            {
                "page": page,
                "service": service,
                "hospital": service.hospital,
                "specialty": service.specialty,
                "country": service.hospital.country,
                "region": region_label(page),
                "free": free,
                "climate": climate.get(service.pk),
            }
        )
    if sort == "climate":
        entries.sort(
            key=lambda e: (
                e["climate"] is None,
                -(e["climate"]["score"] or 0) if e["climate"] else 0,
                str(e["service"]),
            )
        )
    elif sort == "free":
        entries.sort(key=lambda e: (-e["free"], str(e["service"])))
    else:
        entries.sort(key=lambda e: (str(e["hospital"]), e["service"].name))
    return entries


def group_details(entries: list[dict]) -> None:
    """Add the supervisors and what can be learned (local training plan) to the entries."""
    from traject.conversations.models import LocalPlan

    if not entries:
        return
    today = datetime.date.today()
    service_ids = [e["service"].pk for e in entries]
    supervisors = defaultdict(list)
    for rec in (
        TrainerRecognition.objects.filter(
            service_id__in=service_ids, start__lte=today, end__gte=today
        )
        .select_related("trainer")
        .order_by("trainer__last_name")
    ):
        name = rec.trainer.get_full_name()
        if name and name not in supervisors[rec.service_id]:
            supervisors[rec.service_id].append(name)
    q = Q(pk__in=[])
    for e in entries:
        q |= Q(hospital_id=e["hospital"].pk, specialty_id=e["specialty"].pk)
    plans = {
        (p.hospital_id, p.specialty_id): p
        for p in LocalPlan.objects.filter(q).prefetch_related("items__epa")
    }
    for e in entries:
        e["supervisors"] = supervisors.get(e["service"].pk, [])
        plan = plans.get((e["hospital"].pk, e["specialty"].pk))
        e["plan"] = plan
        e["plan_items"] = list(plan.items.all()) if plan else []


def specialties_in_showcase() -> list[Specialty]:
    return list(
        Specialty.objects.filter(services__showcase__published=True).distinct().order_by("name_nl")
    )


def ungrouped_label() -> str:
    return _("Total")
