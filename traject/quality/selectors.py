"""Reads for quality of training: dossier overview, register, response rates, anonymous reports."""

import datetime
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from traject.core.dates import add_years
from traject.organisation.models import (
    Hospital,
    ServiceRecognition,
    Specialty,
    TrainerRecognition,
    TrainingService,
)

from . import charts, scoring
from .anonymity import receipt_digests
from .models import (
    AnswerSet,
    Campaign,
    EducationalActivity,
    Instrument,
    Invitation,
    Item,
    ResponseReceipt,
    Theme,
)


def anonymity_threshold() -> int:
    """The smallest group a report shows; never below 3, whatever the settings say."""
    return max(3, int(getattr(settings, "ANONYMITY_THRESHOLD", 5)))


# --- Recognition ---------------------------------------------------------------------------


def development_overview(service: TrainingService, *, today: datetime.date) -> list[dict]:
    """The training group's accredited educational activities of the last five years."""
    since = add_years(today, -5)
    return [
        {
            "date": activity.date.isoformat(),
            "participant": activity.participant,
            "title": activity.title,
            "provider": activity.provider,
            "hours": str(activity.hours),
            "accreditation": activity.accreditation,
            "has_proof": bool(activity.proof),
        }
        for activity in EducationalActivity.objects.filter(
            service=service, date__gte=since
        ).order_by("-date", "title")
    ]


REGISTER_KINDS = ("service", "trainer")


def register_queryset(
    *,
    today: datetime.date,
    query: str = "",
    kind: str = "",
    hospital_id: int | None = None,
    specialty_id: int | None = None,
):
    """Current recognitions of stagediensten and stagemeesters as one ordered database query.

    A ``UNION`` of the two kinds with the same columns, sorted by hospital, kind and name in
    the database: a page of it reads only its rows, and a count is one query.
    """
    from django.db.models import CharField, F, IntegerField, Value
    from django.db.models.functions import Coalesce, Concat, NullIf, Trim

    query = (query or "").strip()
    services = ServiceRecognition.objects.filter(start__lte=today, end__gte=today)
    trainers = TrainerRecognition.objects.filter(start__lte=today, end__gte=today)
    if query:
        service_q = (
            Q(service__name__icontains=query)
            | Q(service__hospital__name__icontains=query)
            | Q(service__hospital__city__icontains=query)
            | Q(service__specialty__name_nl__icontains=query)
            | Q(service__specialty__name_fr__icontains=query)
            | Q(service__specialty__name_en__icontains=query)
            | Q(reference__icontains=query)
        )
        services = services.filter(service_q)
        trainers = trainers.filter(
            service_q
            | Q(trainer__first_name__icontains=query)
            | Q(trainer__last_name__icontains=query)
        )
    if hospital_id:
        services = services.filter(service__hospital_id=hospital_id)
        trainers = trainers.filter(service__hospital_id=hospital_id)
    if specialty_id:
        services = services.filter(service__specialty_id=specialty_id)
        trainers = trainers.filter(service__specialty_id=specialty_id)
    text = CharField()
    columns = (
        "row_kind",
        "row_name",
        "row_service",
        "row_hospital",
        "specialty_nl",
        "specialty_fr",
        "specialty_en",
        "start",
        "end",
        "row_capacity",
        "reference",
    )
    common = {
        "row_hospital": F("service__hospital__name"),
        "specialty_nl": F("service__specialty__name_nl"),
        "specialty_fr": F("service__specialty__name_fr"),
        "specialty_en": F("service__specialty__name_en"),
    }
    services = (
        services.annotate(
            row_kind=Value("service", output_field=text),
            row_name=F("service__name"),
            row_service=Value("", output_field=text),
            row_capacity=Value(None, output_field=IntegerField()),
            **common,
        )
        .order_by()
        .values(*columns)
    )
    trainers = (
        trainers.annotate(
            row_kind=Value("trainer", output_field=text),
            row_name=Coalesce(
                NullIf(
                    Trim(Concat("trainer__first_name", Value(" "), "trainer__last_name")), Value("")
                ),
                F("trainer__email"),
                output_field=text,
            ),
            row_service=F("service__name"),
            row_capacity=F("capacity"),
            **common,
        )
        .order_by()
        .values(*columns)
    )
    if kind == "service":
        combined = services
    elif kind == "trainer":
        combined = trainers
    else:
        combined = services.union(trainers, all=True)
    return combined.order_by("row_hospital", "row_kind", "row_name", "start")


def register_row(values: dict) -> dict:
    """One row of ``register_queryset`` as the page, the CSV and the API show it."""
    from django.utils.translation import get_language

    language = (get_language() or "nl")[:2]
    is_service = values["row_kind"] == "service"
    return {
        "kind": _("stagedienst") if is_service else _("stagemeester"),
        "kind_code": values["row_kind"],
        "name": values["row_name"],
        "service": values["row_service"] or None,
        "hospital": values["row_hospital"],
        "specialty": values.get(f"specialty_{language}") or values["specialty_nl"],
        "start": values["start"],
        "end": values["end"],
        "capacity": "" if values["row_capacity"] is None else values["row_capacity"],
        "reference": values["reference"],
    }


# --- Campaigns -----------------------------------------------------------------------------


def rate_band(responded: int, invited: int) -> str:
    """A response rate as a 20-point band: an exact 100 % would say that everyone answered."""
    lower = min(80, int(100 * responded / invited) // 20 * 20) if invited else 0
    return f"{lower}–{lower + 20}%"


def responded_user_ids(campaign: Campaign) -> set:
    """Who responded: the flags of a closed campaign, the keyed-hash receipts of an open one."""
    flagged = set(
        Invitation.objects.filter(campaign=campaign, responded=True).values_list(
            "user_id", flat=True
        )
    )
    digests = set(
        ResponseReceipt.objects.filter(campaign=campaign).values_list("digest", flat=True)
    )
    if not digests:
        return flagged
    return flagged | {
        user_id
        for user_id in Invitation.objects.filter(campaign=campaign).values_list(
            "user_id", flat=True
        )
        if digests.intersection(receipt_digests(campaign.pk, user_id))
    }


def open_invitations_to_answer(user, *, today: datetime.date | None = None) -> list:
    """The person's invitations to open campaigns they have not answered yet."""
    invitations = Invitation.objects.filter(
        user=user, campaign__status=Campaign.Status.OPEN, responded=False
    )
    if today is not None:
        invitations = invitations.filter(campaign__opens__lte=today, campaign__closes__gte=today)
    invitations = list(
        invitations.select_related("campaign__course_evaluation__course").order_by(
            "campaign__closes"
        )
    )
    if not invitations:
        return []
    digests = set(
        ResponseReceipt.objects.filter(
            campaign_id__in=[i.campaign_id for i in invitations]
        ).values_list("digest", flat=True)
    )
    return [
        i for i in invitations if not digests.intersection(receipt_digests(i.campaign_id, user.pk))
    ]


def response_rates(campaign: Campaign) -> dict:
    """Invited and a response-rate band per group of at least the threshold of invitees."""
    threshold = anonymity_threshold()
    dimension = "hospital" if campaign.instrument.audience == "coordinator" else "service"
    rows = Invitation.objects.filter(campaign=campaign).values_list(f"{dimension}_id", "user_id")
    who = responded_user_ids(campaign)
    invited: Counter = Counter()
    responded: Counter = Counter()
    for key, user_id in rows:
        invited[key] += 1
        responded[key] += int(user_id in who)
    model = Hospital if dimension == "hospital" else TrainingService
    names = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=[k for k in invited if k])}
    groups, small_invited, small_responded = [], 0, 0
    for key, count in invited.items():
        if key is not None and count >= threshold:
            groups.append(
                {
                    "name": names.get(key, "?"),
                    "invited": count,
                    "band": rate_band(responded[key], count),
                }
            )
        else:
            small_invited += count
            small_responded += responded[key]
    groups.sort(key=lambda g: g["name"])
    total_invited = sum(invited.values())
    total_responded = sum(responded.values())
    return {
        "groups": groups,
        "small": {"invited": small_invited, "band": rate_band(small_responded, small_invited)}
        if small_invited
        else None,
        "total": {
            "invited": total_invited,
            "responded": total_responded,
            "rate": round(100 * total_responded / total_invited) if total_invited else 0,
        },
        "threshold": threshold,
    }


# --- Reports -------------------------------------------------------------------------------


def item_theme_map(instrument: Instrument) -> dict:
    return dict(
        Item.objects.filter(theme__instrument=instrument).values_list("code", "theme__code")
    )


def _responses(campaigns) -> list[scoring.Response]:
    return [
        scoring.Response(
            service=a.service_id,
            hospital=a.hospital_id,
            specialty=a.specialty_id,
            year=a.training_year,
            scores=a.scores,
            free_text=a.free_text,
        )
        for a in AnswerSet.objects.filter(campaign__in=campaigns, filled=True)
    ]


def campaign_results(campaign: Campaign) -> dict:
    """The shown groups of a closed campaign (empty while it is open: no report grows live)."""
    if campaign.is_open:
        return {}
    threshold = anonymity_threshold()
    filled = AnswerSet.objects.filter(campaign=campaign, filled=True).count()
    key = f"quality:results:{campaign.pk}:{campaign.version}:{campaign.closed_on}:{filled}:{threshold}"
    results = cache.get(key)
    if results is None:
        results = scoring.aggregate(
            _responses([campaign]), item_theme_map(campaign.instrument), threshold
        )
        cache.set(key, results, 3600)
    return results


def service_visible_in(campaign: Campaign, service: TrainingService) -> bool:
    return ("service", service.pk) in campaign_results(campaign)


def national_figure(instrument: Instrument, year: int) -> dict | None:
    """Theme means over the closed campaigns of a year whose total is itself reportable."""
    campaigns = [
        c
        for c in Campaign.objects.filter(
            instrument=instrument, status=Campaign.Status.CLOSED, opens__year=year
        )
        if scoring.ALL in campaign_results(c)
    ]
    if not campaigns:
        return None
    responses = _responses(campaigns)
    return {
        "count": len(responses),
        "themes": scoring.pooled_means(responses, item_theme_map(instrument)),
    }


GROUP_FIELDS = {
    "service": "service_id",
    "hospital": "hospital_id",
    "specialty": "specialty_id",
    "year": "training_year",
}


def group_object(kind: str, key: int):
    if kind == "service":
        return TrainingService.objects.select_related("hospital").get(pk=key)
    if kind == "hospital":
        return Hospital.objects.get(pk=key)
    if kind == "specialty":
        return Specialty.objects.get(pk=key)
    if kind == "year" and 1 <= key <= 10:
        return key
    raise TrainingService.DoesNotExist


def group_label(kind: str, obj) -> str:
    if kind == "year":
        return _("Year of training %(year)s") % {"year": obj}
    return str(obj)


def group_report(instrument: Instrument, kind: str, key: int) -> dict:
    """Every closed campaign that addressed the group: its scores when reportable, else nothing."""
    themes = list(Theme.objects.filter(instrument=instrument).order_by("order"))
    campaigns = Campaign.objects.filter(
        instrument=instrument,
        status=Campaign.Status.CLOSED,
        pk__in=Invitation.objects.filter(**{GROUP_FIELDS[kind]: key}).values("campaign_id"),
    ).order_by("opens", "pk")
    editions = []
    for campaign in campaigns:
        result = campaign_results(campaign).get((kind, key))
        national = national_figure(instrument, campaign.year)
        edition = {
            "campaign": campaign,
            "label": f"{campaign.year}",
            "title": campaign.name
            if str(campaign.year) in campaign.name
            else f"{campaign.name} ({campaign.year})",
            "shown": result is not None,
            "count": result.count if result else None,
            "themes": result.themes if result else {},
            "national": national["themes"] if national else {},
            "free_text": result.free_text if result else [],
            "rows": [],
        }
        for theme in themes:
            edition["rows"].append(
                {
                    "theme": theme,
                    "score": edition["themes"].get(theme.code),
                    "national": edition["national"].get(theme.code),
                }
            )
        editions.append(edition)
    shown = [e for e in editions if e["shown"]]
    latest = shown[-1] if shown else None
    report = {
        "instrument": instrument,
        "themes": themes,
        "editions": editions,
        "latest": latest,
        "any_shown": bool(shown),
        "threshold": anonymity_threshold(),
        "bar_chart": "",
        "line_chart": "",
        "trend_rows": [],
    }
    if latest:
        report["bar_chart"] = charts.bar_chart(
            [
                (t.name, r["score"], r["national"])
                for t, r in zip(themes, latest["rows"], strict=True)
            ],
            group_label=_("This group"),
            national_label=_("National"),
            title=_("Scores per theme, %(year)s") % {"year": latest["label"]},
            number=lambda value: floatformat(value, 1),
        )
        report["line_chart"] = charts.line_chart(
            [
                (t.name, [e["themes"].get(t.code) if e["shown"] else None for e in editions])
                for t in themes
            ],
            [e["label"] for e in editions],
            title=_("Scores per theme over the years"),
        )
        report["trend_rows"] = [
            {
                "theme": t,
                "values": [e["themes"].get(t.code) if e["shown"] else None for e in editions],
            }
            for t in themes
        ]
    return report


def report_csv_rows(report: dict, label: str) -> list[list]:
    rows = [
        [
            pgettext("CSV column", "Group"),
            pgettext("CSV column", "Year"),
            pgettext("CSV column", "Campaign"),
            pgettext("CSV column", "Theme"),
            pgettext("CSV column", "Score"),
            pgettext("CSV column", "National average"),
            pgettext("CSV column", "Responses"),
        ]
    ]
    for edition in report["editions"]:
        if not edition["shown"]:
            continue
        for row in edition["rows"]:
            rows.append(
                [
                    label,
                    edition["label"],
                    edition["campaign"].name,
                    row["theme"].name,
                    "" if row["score"] is None else f"{row['score']:.2f}",
                    "" if row["national"] is None else f"{row['national']:.2f}",
                    edition["count"],
                ]
            )
    return rows
