"""Training places in the JSON API: the public showcase (no login, read-only) and the places
(authenticated, the same access functions and services as the pages)."""

import datetime

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from traject.organisation.models import TrainingService

from . import permissions as perms
from . import selectors, services

PREFIX = "/places/"
MAX_ID = 2**31 - 1
router = Router(tags=["places"])


# --- The public showcase ---------------------------------------------------------------------


class PlacesThemeScoreOut(Schema):
    code: str
    name: str
    score: float | None
    national: float | None


class PlacesClimateOut(Schema):
    year: int
    responses: int
    score: float | None
    national_score: float | None
    themes: list[PlacesThemeScoreOut]


class PlacesShowcaseEntryOut(Schema):
    service_id: int
    name: str
    specialty: str
    specialty_code: str
    institution: str
    city: str
    country: str
    region: str
    free_places: int
    learning_climate: PlacesClimateOut | None
    introduction: str
    learning: str
    contact_name: str
    contact_email: str
    contact_phone: str
    photo_url: str | None
    last_updated: datetime.datetime


class PlacesShowcaseGroupOut(PlacesShowcaseEntryOut):
    supervisors: list[str]
    local_plan: list[str]


class PlacesShowcaseFilter(Schema):
    q: str = Field("", max_length=100)
    specialty: str = Field("", max_length=60)
    region: str = Field("", max_length=60)
    sort: str = Field("name", max_length=10)


def _climate(climate):
    if not climate:
        return None
    return {
        "year": climate["year"],
        "responses": climate["count"],
        "score": climate["score"],
        "national_score": climate["national_score"],
        "themes": climate["themes"],
    }


def _entry(entry) -> dict:
    page = entry["page"]
    from django.urls import reverse

    return {
        "service_id": entry["service"].pk,
        "name": entry["service"].name,
        "specialty": entry["specialty"].name,
        "specialty_code": entry["specialty"].code,
        "institution": entry["hospital"].name,
        "city": entry["hospital"].city,
        "country": entry["country"],
        "region": entry["region"],
        "free_places": entry["free"],
        "learning_climate": _climate(entry["climate"]),
        "introduction": page.introduction,
        "learning": page.learning,
        "contact_name": page.contact_name,
        "contact_email": page.contact_email,
        "contact_phone": page.contact_phone,
        "photo_url": reverse("places:showcase_photo", args=[entry["service"].pk])
        if page.photo
        else None,
        "last_updated": page.updated_at,
    }


@router.get(
    "/showcase",
    response=list[PlacesShowcaseEntryOut],
    auth=None,
    summary="The public showcase: published training groups (no login needed)",
)
def places_showcase(request, filters: Query[PlacesShowcaseFilter]):
    sort = filters.sort if filters.sort in ("name", "climate", "free") else "name"
    entries = selectors.showcase_entries(
        perms.published_pages(),
        on=timezone.localdate(),
        query=filters.q.replace("\x00", "")[:100],
        specialty=filters.specialty[:60],
        region=filters.region[:60],
        sort=sort,
    )
    return [_entry(e) for e in entries]


@router.get(
    "/showcase/{service_id}",
    response=PlacesShowcaseGroupOut,
    auth=None,
    summary="One published training group of the showcase (no login needed)",
)
def places_showcase_group(request, service_id: int):
    page = perms.public_page(service_id)
    entries = selectors.showcase_entries(
        perms.published_pages(), on=timezone.localdate(), ids=[page.service_id]
    )
    selectors.group_details(entries)
    entry = entries[0]
    return {
        **_entry(entry),
        "supervisors": entry["supervisors"],
        "local_plan": [str(i.epa) if i.epa else i.theme for i in entry["plan_items"]],
    }


# --- Places (authenticated) -----------------------------------------------------------------


class PlacesOccupationOut(Schema):
    id: int
    trainee_id: int
    start: datetime.date
    end: datetime.date | None
    stopped: bool


class PlacesPlaceOut(Schema):
    id: int
    institution_id: int
    institution: str
    region: str
    specialty_id: int
    year: int
    kind: str
    number: int
    occupied: bool
    refillable: bool
    version: int


class PlacesPlaceDetailOut(PlacesPlaceOut):
    occupations: list[PlacesOccupationOut]


class PlacesFillIn(Schema):
    trainee_id: int = Field(..., ge=1, le=MAX_ID)
    on: datetime.date
    version: int | None = Field(None, ge=1, le=MAX_ID)


class PlacesVacateIn(Schema):
    on: datetime.date
    stopped: bool = False


class PlacesOverviewRowOut(Schema):
    label: str
    assigned: int = 0
    instroom: int = 0
    occupied: int = 0
    vacant: int = 0
    refillable: int = 0
    recognised: int = 0
    free: int = 0
    coming_recognised: int = 0
    coming_occupied: int = 0
    coming_free: int = 0


class PlacesOverviewOut(Schema):
    country: str
    by: str
    on: datetime.date
    rows: list[PlacesOverviewRowOut]
    total: PlacesOverviewRowOut


class PlacesOverviewFilter(Schema):
    country: str = Field("NL", max_length=2)
    by: str = Field("", max_length=20)
    year: int | None = Field(None, ge=2000, le=2100)
    on: datetime.date | None = None
    specialty_id: int | None = Field(None, ge=1, le=MAX_ID)
    institution_id: int | None = Field(None, ge=1, le=MAX_ID)


class PlacesListFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    institution_id: int | None = Field(None, ge=1, le=MAX_ID)


def _place(place, today) -> dict:
    status = selectors.place_status(place, today)
    return {
        "id": place.pk,
        "institution_id": place.hospital_id,
        "institution": place.hospital.name,
        "region": str(place.hospital.region or ""),
        "specialty_id": place.specialty_id,
        "year": place.year,
        "kind": place.kind,
        "number": place.number,
        "occupied": status["occupied"],
        "refillable": status["refillable"],
        "version": place.version,
    }


@router.get(
    "/overview", response=PlacesOverviewOut, summary="Places per group (NL or BE), as the page"
)
def places_overview(request, filters: Query[PlacesOverviewFilter]):
    user = request.user
    perms.require_places_viewer(user)
    on = filters.on or timezone.localdate()
    hospitals = perms.hospitals_in_scope(user)
    if filters.country == "BE":
        found = selectors.be_services(
            TrainingService.objects.filter(
                hospital__in=hospitals.filter(country="BE").values("pk")
            ),
            hospital=filters.institution_id,
            specialty=filters.specialty_id,
        )
        overview = selectors.be_overview(found, on=on, by=filters.by or "hospital")
    else:
        places = selectors.nl_places(
            perms.places_visible_to(user).filter(hospital__country="NL"),
            year=filters.year,
            hospital=filters.institution_id,
            specialty=filters.specialty_id,
        )
        overview = selectors.nl_overview(places, on=on, by=filters.by or "region")
    return {
        "country": "BE" if filters.country == "BE" else "NL",
        "by": overview["by"],
        "on": on,
        "rows": overview["rows"],
        "total": {**overview["total"], "label": "total"},
    }


@router.get("/places", response=list[PlacesPlaceOut], summary="The Dutch places you may see")
def places_list(request, filters: Query[PlacesListFilter]):
    user = request.user
    perms.require_places_viewer(user)
    today = timezone.localdate()
    places = selectors.nl_places(
        perms.places_visible_to(user), year=filters.year, hospital=filters.institution_id
    )
    return [_place(p, today) for p in places[:1000]]


@router.get(
    "/places/{place_id}", response=PlacesPlaceDetailOut, summary="A place and its occupations"
)
def places_detail(request, place_id: int):
    place = perms.place_for(request.user, place_id)
    return {
        **_place(place, timezone.localdate()),
        "occupations": [
            {
                "id": o.pk,
                "trainee_id": o.trainee_id,
                "start": o.start,
                "end": o.end,
                "stopped": o.stopped,
            }
            for o in place.occupations.all()
        ],
    }


@router.post(
    "/places/{place_id}/fill",
    response={201: PlacesOccupationOut},
    summary="Fill a place; a refusal (400) names the rule and the date",
)
def places_fill(request, place_id: int, payload: PlacesFillIn):
    place = perms.place_for(request.user, place_id, for_fill=True)
    trainee = perms.trainee_for_place(place, payload.trainee_id)
    occupation = services.fill_place(
        actor=request.user,
        place=place,
        trainee=trainee,
        on=payload.on,
        expected_version=payload.version,
    )
    return Status(
        201,
        {
            "id": occupation.pk,
            "trainee_id": occupation.trainee_id,
            "start": occupation.start,
            "end": occupation.end,
            "stopped": occupation.stopped,
        },
    )


@router.post(
    "/occupations/{occupation_id}/vacate", response=PlacesOccupationOut, summary="Vacate a place"
)
def places_vacate(request, occupation_id: int, payload: PlacesVacateIn):
    occupation = perms.occupation_for(request.user, occupation_id)
    services.vacate(
        actor=request.user, occupation=occupation, on=payload.on, stopped=payload.stopped
    )
    return {
        "id": occupation.pk,
        "trainee_id": occupation.trainee_id,
        "start": occupation.start,
        "end": occupation.end,
        "stopped": occupation.stopped,
    }
