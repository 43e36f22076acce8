"""Reads for the programme: yearly status, news addressed to a person, evaluation results."""

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from traject.accounts.roles import COORDINATOR, MENTOR, STAGEMEESTER, roles_of
from traject.organisation.models import (
    Country,
    HospitalCoordinator,
    Trainee,
    TrainerRecognition,
)

from . import agreement
from .models import NewsItem, NewsRead, Registration, YearlyRequirement

ROLE_OF = {STAGEMEESTER: "stagemeester", COORDINATOR: "coordinator", MENTOR: "mentor"}


def trainer_country(user) -> str:
    """The country whose requirement applies: of the hospital or university the trainer works for."""
    from traject.organisation.selectors import own_trainer_recognitions

    recognitions = own_trainer_recognitions(user)
    if recognitions:
        latest = max(recognitions, key=lambda r: (r.end, r.pk))
        return latest.service.hospital.country
    coordinator = HospitalCoordinator.objects.filter(user=user).select_related("hospital").first()
    if coordinator is not None:
        return coordinator.hospital.country
    from traject.mentoring.models import MentorGroup

    group = MentorGroup.objects.filter(mentor=user).select_related("university").first()
    if group is not None:
        return group.university.country
    return Country.BELGIUM


ALL_COUNTRIES = "all"


def catalogue_country(user, requested: str | None) -> str | None:
    """The country whose sessions the catalogue lists: the one asked for (``BE``, ``NL``; ``all``
    for every country), else a trainer's own country (a Dutch opleider is not shown Ghent's
    evenings first), else every country (organisers, administrators)."""
    if requested == ALL_COUNTRIES:
        return None
    if requested in Country.values:
        return requested
    from .permissions import is_trainer

    return trainer_country(user) if is_trainer(user) else None


def points_in_year(user, year: int) -> Decimal:
    total = Registration.objects.filter(
        trainer=user, attended=True, session__starts__year=year
    ).aggregate(total=Sum("session__points"))["total"]
    return total or Decimal("0")


def yearly_status(user, *, year: int | None = None, requirements=None) -> dict:
    """Points collected this year against the highest requirement of the trainer's roles."""
    year = year or timezone.localdate().year
    country = trainer_country(user)
    roles = [ROLE_OF[r] for r in roles_of(user) if r in ROLE_OF]
    if requirements is None:
        requirements = list(YearlyRequirement.objects.all())
    applicable = [r.points for r in requirements if r.country == country and r.role in roles]
    required = max(applicable) if applicable else None
    status = agreement.points_status(points_in_year(user, year), required)
    return {**status, "year": year, "country": country, "roles": roles}


def hospital_overview(user, *, year: int | None = None) -> list[dict]:
    """Each trainer of the coordinator's hospitals with their yearly status."""
    from .permissions import hospital_trainers_of

    requirements = list(YearlyRequirement.objects.all())
    rows, seen = [], set()
    for recognition in hospital_trainers_of(user):
        if recognition.trainer_id in seen:
            continue
        seen.add(recognition.trainer_id)
        rows.append(
            {
                "trainer": recognition.trainer,
                "service": recognition.service,
                **yearly_status(recognition.trainer, year=year, requirements=requirements),
            }
        )
    return rows


# --- News --------------------------------------------------------------------------------


def _context_of(user) -> dict:
    """The universities, specialties and countries a person belongs to (for news targeting).

    Each relation is read only when the user holds the role it gives (the roles are known
    already, once per request): a person with one role costs one query here, not six.
    """
    from traject.accounts.roles import PROGRAMME_ADMIN, TITULARIS, TRAINEE

    roles = roles_of(user)
    universities, specialties, countries = set(), set(), set()
    if TRAINEE in roles:
        from traject.organisation.selectors import own_trainee_record

        for t in filter(None, [own_trainee_record(user)]):
            universities.add(t.university_id)
            specialties.add(t.specialty_id)
            countries.add(t.specialty.country)
    if STAGEMEESTER in roles:
        from traject.organisation.selectors import own_trainer_recognitions

        for r in own_trainer_recognitions(user):
            universities.add(r.service.hospital.university_id)
            specialties.add(r.service.specialty_id)
            countries.add(r.service.hospital.country)
    if COORDINATOR in roles:
        for c in HospitalCoordinator.objects.filter(user=user).select_related("hospital"):
            universities.add(c.hospital.university_id)
            countries.add(c.hospital.country)
    if PROGRAMME_ADMIN in roles:
        from traject.organisation.permissions import admin_scope

        for role in admin_scope(user):
            universities.add(role["university_id"])
            if role["specialty_id"]:
                specialties.add(role["specialty_id"])
    if TITULARIS in roles:
        from traject.portfolio.models import Course

        for course in Course.objects.filter(titularis=user).select_related("university"):
            universities.add(course.university_id)
            countries.add(course.university.country)
    if MENTOR in roles:
        from traject.mentoring.models import MentorGroup

        for group in MentorGroup.objects.filter(mentor=user).select_related("university"):
            universities.add(group.university_id)
            countries.add(group.university.country)
    universities.discard(None)
    return {"universities": universities, "specialties": specialties, "countries": countries}


def news_for(user, *, today: datetime.date | None = None, include_read: bool = False) -> list:
    """The news items addressed to the user, shown now, unread unless asked otherwise."""
    today = today or timezone.localdate()
    items = NewsItem.objects.filter(publish_on__lte=today, expires_on__gte=today)
    if not include_read:
        items = items.exclude(pk__in=NewsRead.objects.filter(user=user).values("news_id"))
    items = list(
        items.select_related("university", "specialty").order_by(
            "-important", "-publish_on", "-pk"
        )[:50]
    )
    if not items:
        return []
    ctx = _context_of(user)
    roles = set(roles_of(user))
    return [
        n
        for n in items
        if (not n.roles or roles & set(n.roles))
        and (n.university_id is None or n.university_id in ctx["universities"])
        and (n.specialty_id is None or n.specialty_id in ctx["specialties"])
        and (not n.country or n.country in ctx["countries"])
    ]


def _belonging(*, university=None, specialty=None, country=None):
    """Users whose news context (``_context_of``) holds this university, specialty or country:
    the same relations, as subqueries."""
    from django.db.models import Q

    from traject.mentoring.models import MentorGroup
    from traject.organisation.models import ProgrammeAdministrator
    from traject.portfolio.models import Course

    if university is not None:
        sources = [
            Trainee.objects.filter(university_id=university).values("user_id"),
            TrainerRecognition.objects.filter(service__hospital__university_id=university).values(
                "trainer_id"
            ),
            HospitalCoordinator.objects.filter(hospital__university_id=university).values(
                "user_id"
            ),
            ProgrammeAdministrator.objects.filter(university_id=university).values("user_id"),
            Course.objects.filter(university_id=university).values("titularis_id"),
            MentorGroup.objects.filter(university_id=university).values("mentor_id"),
        ]
    elif specialty is not None:
        sources = [
            Trainee.objects.filter(specialty_id=specialty).values("user_id"),
            TrainerRecognition.objects.filter(service__specialty_id=specialty).values("trainer_id"),
            ProgrammeAdministrator.objects.filter(specialty_id=specialty).values("user_id"),
        ]
    else:
        sources = [
            Trainee.objects.filter(specialty__country=country).values("user_id"),
            TrainerRecognition.objects.filter(service__hospital__country=country).values(
                "trainer_id"
            ),
            HospitalCoordinator.objects.filter(hospital__country=country).values("user_id"),
            Course.objects.filter(university__country=country).values("titularis_id"),
            MentorGroup.objects.filter(university__country=country).values("mentor_id"),
        ]
    q = Q(pk__in=[])
    for source in sources:
        q |= Q(pk__in=source)
    return q


def news_recipients(item: NewsItem):
    """Everyone an item addresses (for the e-mail of an important item): the targeting rules of
    ``news_for`` as one query in the database, not a loop over every user."""
    from django.db.models import Q

    from traject.accounts.models import User
    from traject.accounts.roles import holding

    users = User.objects.filter(is_active=True)
    if item.roles:
        held = Q(pk__in=[])
        for role in item.roles:
            held |= Q(holding(role))
        users = users.filter(held)
    if item.university_id is not None:
        users = users.filter(_belonging(university=item.university_id))
    if item.specialty_id is not None:
        users = users.filter(_belonging(specialty=item.specialty_id))
    if item.country:
        users = users.filter(_belonging(country=item.country))
    return users.order_by("pk")


# --- Course evaluation results ----------------------------------------------------------------


def evaluation_results(evaluation) -> dict:
    """Per item the % agreeing, once the campaign is closed and has enough responses."""
    from traject.quality.models import AnswerSet, Item
    from traject.quality.selectors import anonymity_threshold

    threshold = anonymity_threshold()
    campaign = evaluation.campaign
    items = list(
        Item.objects.filter(theme__instrument_id=campaign.instrument_id).order_by(
            "theme__order", "order"
        )
    )
    out = {
        "threshold": threshold,
        "closed": not campaign.is_open,
        "shown": False,
        "count": None,
        "items": [],
    }
    if campaign.is_open:
        return out
    scores = AnswerSet.objects.filter(campaign=campaign, filled=True).values_list(
        "scores", flat=True
    )
    result = agreement.percent_agreeing(list(scores), [i.code for i in items], threshold)
    if result is None:
        return out
    out.update(
        shown=True,
        count=result["count"],
        items=[{"code": i.code, "text": i.text, "percent": result["items"][i.code]} for i in items],
    )
    return out
