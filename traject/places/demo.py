"""Training places and showcase pages for the demo world, in both countries.

Belgium: most stagediensten present themselves in the showcase (a few chose not to publish);
their free places come from the recognised capacity and the stages already in the demo.
The Netherlands: a decided distribution plan of the year for Interne geneeskunde over the
OOR Utrecht institutions, with instroom and doorstroom places, aios on some of them, one
instroom place vacated this year (refillable) and one vacated doorstroom place (not refillable);
an OOR board member (``oor-bestuur@demo.traject.nl``) who manages them.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from traject.accounts.models import User
from traject.core.demo import DEMO_PASSWORD, DemoContext
from traject.organisation.models import (
    Hospital,
    Region,
    Specialty,
    Stage,
    Trainee,
    TrainingService,
)

from . import rules
from .models import (
    DistributionPlan,
    Kind,
    Occupation,
    Place,
    PlanLine,
    RegionBoardMember,
    ShowcasePage,
)

BOARD_EMAIL = "oor-bestuur@demo.traject.nl"

INTRO_NL = (
    "Een hecht team dat elke dag samen leert: dagelijkse overdracht met onderwijs, een vaste "
    "supervisor per week en ruimte voor eigen interesses."
)
INTRO_FR = (
    "Une équipe soudée qui apprend chaque jour : transmission quotidienne avec enseignement, un "
    "superviseur fixe par semaine et de la place pour vos propres intérêts."
)
LEARNING_NL = "Brede algemene interne geneeskunde, spoedopvang, consultatieve taken en poli."
LEARNING_FR = "Médecine interne générale, urgences, avis et consultations."


def load(ctx: DemoContext) -> None:
    if not ShowcasePage.objects.exists():
        with transaction.atomic():
            _showcase(ctx)
        ctx.say("Showcase pages created.")
    if (
        not User.objects.filter(email=BOARD_EMAIL).exists()
        and Hospital.objects.filter(country="NL", region__isnull=False).exists()
    ):
        with transaction.atomic():
            _dutch_places(ctx)
        ctx.say("Dutch training places created.")
    if User.objects.filter(email=BOARD_EMAIL).exists():
        ctx.personas["oor_board"] = User.objects.get(email=BOARD_EMAIL)
        ctx.logins.append(("OOR board (NL)", BOARD_EMAIL))


def _showcase(ctx: DemoContext) -> None:
    now = timezone.now()
    services = list(
        TrainingService.objects.select_related("hospital", "specialty").order_by("pk")[:120]
    )
    pages = []
    for index, service in enumerate(services):
        french = service.hospital.country == "BE" and service.hospital.city in (
            "Bruxelles",
            "Yvoir",
            "Namur",
            "Liège",
        )
        pages.append(
            ShowcasePage(
                service=service,
                published=index % 7 != 3,  # a few groups chose not to publish
                introduction=INTRO_FR if french else INTRO_NL,
                learning=LEARNING_FR if french else LEARNING_NL,
                contact_name="Secretariaat" if not french else "Secrétariat",
                contact_email=f"opleiding{service.pk}@example.org",
                province=rules.province_of(service.hospital.city)
                if service.hospital.country == "BE"
                else "",
                updated_at=now - datetime.timedelta(days=ctx.rng.randint(1, 200)),
            )
        )
    ShowcasePage.objects.bulk_create(pages)


def _dutch_places(ctx: DemoContext) -> None:
    today = timezone.localdate()
    board = User.objects.create(
        email=BOARD_EMAIL,
        first_name="Ingrid",
        last_name="Hoekstra",
        language="nl",
        password=make_password(DEMO_PASSWORD),
    )
    specialty = Specialty.objects.filter(code="nl-interne-geneeskunde").first()
    hospitals = list(Hospital.objects.filter(country="NL", region__isnull=False).order_by("name"))
    for region in Region.objects.filter(pk__in=[h.region_id for h in hospitals]):
        RegionBoardMember.objects.create(user=board, region=region)
    if specialty is None:
        return
    home = {h.pk for h in hospitals}  # the board member's region: the Dutch demo's hospitals
    # Other OORs get an institution too, so the national overview has more than one region.
    for region in Region.objects.exclude(pk__in=[h.region_id for h in hospitals])[:4]:
        hospitals.append(
            Hospital.objects.get_or_create(
                name=f"Opleidingsziekenhuis {region.name.replace('OOR ', '')}",
                defaults={"city": region.umc or "–", "country": "NL", "region": region},
            )[0]
        )
    for year in (today.year - 1, today.year):
        plan = DistributionPlan.objects.create(specialty=specialty, year=year)
        for i, hospital in enumerate(hospitals):
            wished = 2 + (i % 3)
            PlanLine.objects.create(
                plan=plan,
                hospital=hospital,
                wished=wished,
                advised=wished,
                decided=wished - (i % 2),
            )
            for number in range(1, wished - (i % 2) + 1):
                Place.objects.create(
                    hospital=hospital,
                    specialty=specialty,
                    year=year,
                    kind=Kind.INSTROOM,
                    number=number,
                    plan=plan,
                )
            # Doorstroom: the demo region's hospitals carry its aios of year 2 and later.
            for number in range(1, 5 if hospital.pk in home else 3):
                Place.objects.create(
                    hospital=hospital,
                    specialty=specialty,
                    year=year,
                    kind=Kind.DOORSTROOM,
                    number=number,
                )
        plan.state = DistributionPlan.State.DECIDED
        plan.decided_on = datetime.date(year - 1, 11, 15)
        plan.save()
    DistributionPlan.objects.create(
        specialty=specialty, year=today.year + 1, state=DistributionPlan.State.WISHES
    )
    # Occupy some of this year's places with the demo aios.
    trainees = list(Trainee.objects.filter(specialty=specialty).order_by("training_start"))
    places = list(
        Place.objects.filter(year=today.year, specialty=specialty).order_by(
            "hospital__name", "kind", "number"
        )
    )
    instroom = [p for p in places if p.kind == Kind.INSTROOM]
    doorstroom = [p for p in places if p.kind == Kind.DOORSTROOM]
    jan = today.replace(month=1, day=1)
    # Each aios on a place of the institution of their current stage (their OOR's), not on the
    # first free place of the country.
    hospital_of = dict(
        Stage.objects.filter(trainee__in=trainees, start__lte=today, end__gte=today).values_list(
            "trainee_id", "service__hospital_id"
        )
    )
    for trainee in trainees:
        pool = instroom if rules.is_instromer(trainee.training_start, today) else doorstroom
        place = next((p for p in pool if p.hospital_id == hospital_of.get(trainee.pk)), None)
        if place is None:
            continue
        pool.remove(place)
        Occupation.objects.create(
            place=place, trainee=trainee, start=max(trainee.training_start, jan)
        )
    # A vacated instroom place (refillable this calendar year) and a vacated doorstroom place.
    earlier = list(Trainee.objects.filter(specialty=specialty).order_by("-training_start")[:1])
    # In the board member's region, so that their dashboard has one to refill.
    instroom = [p for p in instroom if p.hospital_id in home] or instroom
    doorstroom = [p for p in doorstroom if p.hospital_id in home] or doorstroom
    if earlier and instroom and doorstroom:
        Occupation.objects.create(
            place=instroom[0], trainee=earlier[0], start=jan, end=jan, stopped=True
        )
        Occupation.objects.create(
            place=doorstroom[0], trainee=earlier[0], start=jan, end=jan, stopped=True
        )
