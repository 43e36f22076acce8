"""The organisation part of the demo world: universities, hospitals, stagediensten, people, stages.

Dates are relative to today so the demo stays current. The personas (one login per role) are
fixed; everyone else is generated from a seeded random generator with Dutch and French names.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from faker import Faker

from traject.accounts.models import User
from traject.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, DemoContext
from traject.mentoring.models import MentorGroup, MentorGroupMembership

from .models import (
    Hospital,
    HospitalCoordinator,
    MinistryOfficer,
    ProgrammeAdministrator,
    ServiceRecognition,
    Specialty,
    Stage,
    Trainee,
    TrainerRecognition,
    TrainingService,
    University,
    recognition_end,
)

UNIVERSITIES = [
    ("ugent", "Universiteit Gent", "nl"),
    ("uclouvain", "Université catholique de Louvain", "fr"),
]
HOSPITALS = [
    ("UZ Gent", "Gent", "ugent", True),
    ("AZ Sint-Jan Brugge", "Brugge", "ugent", False),
    ("AZ Groeninge", "Kortrijk", "ugent", False),
    ("AZ Maria Middelares", "Gent", "ugent", False),
    ("Cliniques universitaires Saint-Luc", "Bruxelles", "uclouvain", True),
    ("CHU UCL Namur", "Yvoir", "uclouvain", False),
]
COMMON_SPECIALTIES = [
    "inwendige-geneeskunde",
    "heelkunde",
    "kindergeneeskunde",
    "anesthesiologie",
    "cardiologie",
    "gynaecologie",
    "urgentiegeneeskunde",
    "psychiatrie",
    "neurologie",
    "radiologie",
    "orthopedie",
    "pneumologie",
]
PERSONAS = [
    # key, label, first name, last name, language
    ("aso", "ASO", "Lotte", "Verhaegen", "nl"),
    ("other_aso", "ASO (other)", "Camille", "Dubois", "fr"),
    ("stagemeester", "Stagemeester", "Pieter", "De Smet", "nl"),
    ("other_stagemeester", "Stagemeester (other)", "Sophie", "Lambert", "fr"),
    ("coordinator", "Coördinerend stagemeester", "Karel", "Van den Broeck", "nl"),
    ("mentor", "Mentor", "An", "Claes", "nl"),
    ("titularis", "Titularis", "Hilde", "Maes", "nl"),
    ("programme_admin", "Programme administrator", "Bart", "Peeters", "nl"),
    ("ministry", "Ministry officer", "Nathalie", "Renard", "fr"),
]
MARKER_EMAIL = f"aso@{DEMO_DOMAIN}"


def _persona_email(key: str) -> str:
    return f"{key.replace('_', '-')}@{DEMO_DOMAIN}"


def load(ctx: DemoContext) -> None:
    """Create the organisation world once; on later runs only hand it to the other loaders."""
    if not User.objects.filter(email=MARKER_EMAIL).exists():
        with transaction.atomic():
            _create_world(ctx)
        ctx.say("Organisation demo data created.")
    if ctx.national and Trainee.objects.count() < 6000:
        with transaction.atomic():
            _create_national(ctx)
        ctx.say("National-scale organisation data created.")
    _collect(ctx)


def _collect(ctx: DemoContext) -> None:
    for key, label, *_rest in PERSONAS:
        ctx.personas[key] = User.objects.get(email=_persona_email(key))
        ctx.logins.append((label, _persona_email(key)))
    ctx.logins.append(("Platform staff (Django admin)", f"beheer@{DEMO_DOMAIN}"))
    ctx.data["universities"] = list(University.objects.all())
    ctx.data["hospitals"] = list(Hospital.objects.all())
    ctx.data["services"] = list(TrainingService.objects.select_related("hospital", "specialty"))
    ctx.data["trainees"] = list(
        Trainee.objects.select_related("user", "specialty", "university").order_by("pk")[
            : 400 if not ctx.national else None
        ]
    )
    ctx.data["stagemeesters"] = list(
        User.objects.filter(trainer_recognitions__isnull=False).distinct()
    )
    ctx.data["mentor_groups"] = list(MentorGroup.objects.all())
    ctx.data.setdefault("courses", [])


def _person(
    fake: Faker, password_hash: str, email: str, language: str, first=None, last=None
) -> User:
    return User(
        email=email,
        first_name=first or fake.first_name(),
        last_name=last or fake.last_name(),
        language=language,
        password=password_hash,
    )


def _create_world(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    fakers = {"nl": Faker("nl_BE"), "fr": Faker("fr_BE")}
    for index, faker in enumerate(fakers.values()):
        faker.seed_instance(ctx.seed + index)
    password_hash = make_password(DEMO_PASSWORD)

    universities = {
        code: University.objects.create(code=code, name=name) for code, name, _lang in UNIVERSITIES
    }
    university_language = {code: lang for code, _name, lang in UNIVERSITIES}
    hospitals = [
        Hospital.objects.create(
            name=name, city=city, university=universities[uni], is_university_hospital=academic
        )
        for name, city, uni, academic in HOSPITALS
    ]
    specialties = {s.code: s for s in Specialty.objects.all()}

    # Personas first, with fixed e-mail addresses.
    personas = {}
    for key, _label, first, last, language in PERSONAS:
        user = _person(fakers[language], password_hash, _persona_email(key), language, first, last)
        user.save()
        personas[key] = user
    User.objects.create_superuser(
        email=f"beheer@{DEMO_DOMAIN}",
        password=DEMO_PASSWORD,
        first_name="Platform",
        last_name="Beheer",
    )

    # Stagediensten: the common specialties in every hospital, some more in the university hospitals.
    services = []
    for hospital in hospitals:
        language = university_language[hospital.university.code]
        codes = COMMON_SPECIALTIES[:6] + rng.sample(COMMON_SPECIALTIES[6:], 1)
        if hospital.is_university_hospital:
            codes = COMMON_SPECIALTIES[:]
        for code in codes:
            specialty = specialties[code]
            name = specialty.name_fr if language == "fr" else specialty.name_nl
            services.append(
                TrainingService.objects.create(hospital=hospital, specialty=specialty, name=name)
            )
    service_start, service_end = {}, {}
    for service in services:
        # Recognitions started up to five years ago; a few end within six months.
        start = today - datetime.timedelta(days=rng.randint(200, 1750))
        recognition = ServiceRecognition.objects.create(
            service=service,
            start=start,
            end=recognition_end(start),
            reference=f"FOD-D-{service.pk:05d}",
        )
        service_start[service.pk], service_end[service.pk] = recognition.start, recognition.end

    # Stagemeesters: one or two per service, recognised for the service with a capacity.
    trainer_slots = []  # [trainer, service, capacity, valid until, valid from]
    for index, service in enumerate(services):
        count = 2 if index % 3 == 0 else 1
        for n in range(count):
            language = university_language[service.hospital.university.code]
            if index == 0 and n == 0:
                trainer = personas["stagemeester"]
            elif (
                service.hospital.name == "AZ Sint-Jan Brugge"
                and service.specialty.code == "inwendige-geneeskunde"
                and n == 0
            ):
                trainer = personas["other_stagemeester"]
            else:
                faker = fakers[language]
                trainer = _person(
                    faker, password_hash, f"stagemeester{service.pk}-{n}@{DEMO_DOMAIN}", language
                )
                trainer.first_name, trainer.last_name = faker.first_name(), faker.last_name()
                trainer.save()
            start = today - datetime.timedelta(days=rng.randint(100, 1750))
            capacity = rng.randint(3, 5)
            recognition = TrainerRecognition.objects.create(
                trainer=trainer,
                service=service,
                start=start,
                end=recognition_end(start),
                capacity=capacity,
                reference=f"FOD-S-{service.pk:05d}-{n}",
            )
            # A stage may only run while both recognitions are valid.
            valid_from = max(recognition.start, service_start[service.pk])
            valid_until = min(recognition.end, service_end[service.pk])
            trainer_slots.append([trainer, service, capacity, valid_until, valid_from])

    # Coördinerend stagemeesters, programme administrators, ministry officers.
    HospitalCoordinator.objects.create(user=personas["coordinator"], hospital=hospitals[0])
    for hospital in hospitals[1:]:
        language = university_language[hospital.university.code]
        user = _person(
            fakers[language], password_hash, f"coordinator{hospital.pk}@{DEMO_DOMAIN}", language
        )
        user.save()
        HospitalCoordinator.objects.create(user=user, hospital=hospital)
    ProgrammeAdministrator.objects.create(
        user=personas["programme_admin"], university=universities["ugent"]
    )
    uclouvain_admin = _person(fakers["fr"], password_hash, f"admin-uclouvain@{DEMO_DOMAIN}", "fr")
    uclouvain_admin.save()
    ProgrammeAdministrator.objects.create(
        user=uclouvain_admin, university=universities["uclouvain"]
    )
    MinistryOfficer.objects.create(
        user=personas["ministry"], department="DG Gezondheidszorg – Erkenningen"
    )

    # ASO: about 200, spread over training years, each on a current stage within capacity.
    trainees = []
    load_by_slot = {id(slot): 0 for slot in trainer_slots}
    previous_load: dict[int, int] = {}
    stage_start = today - datetime.timedelta(days=rng.randint(20, 80))
    stage_end = stage_start + datetime.timedelta(days=182)
    slots_by_specialty = {}
    for slot in trainer_slots:
        slots_by_specialty.setdefault(slot[1].specialty_id, []).append(slot)

    def take_slot(specialty_id, university_id=None):
        candidates = [
            s for s in slots_by_specialty.get(specialty_id, []) if load_by_slot[id(s)] < s[2]
        ]
        if university_id is not None:
            preferred = [s for s in candidates if s[1].hospital.university_id == university_id]
            candidates = preferred or candidates
        if not candidates:
            return None
        slot = rng.choice(candidates)
        load_by_slot[id(slot)] += 1
        return slot

    def add_trainee(user, specialty, university, years_ago, slot):
        trainee = Trainee.objects.create(
            user=user,
            specialty=specialty,
            university=university,
            training_start=datetime.date(
                today.year - years_ago - (1 if today.month < 10 else 0), 10, 1
            ),
            riziv_number=f"1-{rng.randint(10000, 99999)}-{rng.randint(10, 99)}-{rng.randint(100, 999)}",
        )
        if slot is not None:
            trainer, service, _capacity, valid_until, _valid_from = slot
            Stage.objects.create(
                trainee=trainee,
                service=service,
                stagemeester=trainer,
                start=stage_start,
                end=min(stage_end, valid_until),
            )
            # A finished earlier stage elsewhere gives the ASO a history.
            previous_start = stage_start - datetime.timedelta(days=183)
            previous = [
                s
                for s in slots_by_specialty.get(specialty.pk, [])
                if s[1] != service and s[4] <= previous_start and previous_load.get(id(s), 0) < s[2]
            ]
            if previous and years_ago >= 1:
                chosen = rng.choice(previous)
                previous_load[id(chosen)] = previous_load.get(id(chosen), 0) + 1
                p_trainer, p_service, *_rest = chosen
                Stage.objects.create(
                    trainee=trainee,
                    service=p_service,
                    stagemeester=p_trainer,
                    start=previous_start,
                    end=stage_start - datetime.timedelta(days=1),
                )
        trainees.append(trainee)
        return trainee

    inwendige = specialties["inwendige-geneeskunde"]
    persona_slot = next(s for s in trainer_slots if s[0] == personas["stagemeester"])
    load_by_slot[id(persona_slot)] += 1
    add_trainee(personas["aso"], inwendige, universities["ugent"], 1, persona_slot)
    other_slot = next(s for s in trainer_slots if s[0] == personas["other_stagemeester"])
    load_by_slot[id(other_slot)] += 1
    add_trainee(personas["other_aso"], inwendige, universities["ugent"], 3, other_slot)

    for index in range(198):
        university = universities["ugent"] if index % 3 else universities["uclouvain"]
        language = university_language[university.code]
        code = COMMON_SPECIALTIES[index % len(COMMON_SPECIALTIES)]
        user = _person(
            fakers[language], password_hash, f"aso{index + 1:03d}@{DEMO_DOMAIN}", language
        )
        user.save()
        add_trainee(
            user,
            specialties[code],
            university,
            rng.randint(0, 5),
            take_slot(specialties[code].pk, university.pk),
        )

    # Mentor groups of at most eight, per university; the persona ASO is in the persona mentor's group.
    by_university = {}
    for trainee in trainees:
        by_university.setdefault(trainee.university_id, []).append(trainee)
    group_number = 0
    for university_id, members in by_university.items():
        university = next(u for u in universities.values() if u.pk == university_id)
        language = university_language[university.code]
        for start in range(0, len(members), 8):
            group_number += 1
            chunk = members[start : start + 8]
            if group_number == 1:
                mentor = personas["mentor"]
            else:
                mentor = _person(
                    fakers[language],
                    password_hash,
                    f"mentor{group_number:02d}@{DEMO_DOMAIN}",
                    language,
                )
                mentor.save()
            group = MentorGroup.objects.create(
                mentor=mentor,
                name=f"{'Mentorgroep' if language == 'nl' else 'Groupe de mentorat'} {group_number:02d}",
                university=university,
                start_year=min(t.training_start.year for t in chunk),
            )
            MentorGroupMembership.objects.bulk_create(
                MentorGroupMembership(group=group, trainee=t) for t in chunk
            )


def _create_national(ctx: DemoContext) -> None:
    """Add ~300 services, ~1,500 stagemeesters and ~6,000 ASO with bulk inserts (minutes, not hours)."""
    rng = ctx.rng
    today = timezone.localdate()
    faker = Faker(["nl_BE", "fr_BE"])
    faker.seed_instance(ctx.seed + 99)
    password_hash = make_password(DEMO_PASSWORD)
    universities = list(University.objects.all())
    specialties = list(Specialty.objects.all())

    hospitals = Hospital.objects.bulk_create(
        Hospital(
            name=f"Ziekenhuis {faker.city()} {n:03d}",
            city=faker.city(),
            university=universities[n % len(universities)],
        )
        for n in range(40)
    )
    services = TrainingService.objects.bulk_create(
        TrainingService(
            hospital=hospitals[n % len(hospitals)],
            specialty=specialties[n % len(specialties)],
            name=f"Dienst {n:03d}",
        )
        for n in range(300)
    )
    ServiceRecognition.objects.bulk_create(
        ServiceRecognition(
            service=s,
            start=today - datetime.timedelta(days=400),
            end=recognition_end(today - datetime.timedelta(days=400)),
        )
        for s in services
    )
    trainers = User.objects.bulk_create(
        User(
            email=f"n-stagemeester{n:04d}@{DEMO_DOMAIN}",
            first_name=faker.first_name(),
            last_name=faker.last_name(),
            password=password_hash,
        )
        for n in range(1500)
    )
    start = today - datetime.timedelta(days=300)
    TrainerRecognition.objects.bulk_create(
        TrainerRecognition(
            trainer=t,
            service=services[n % len(services)],
            start=start,
            end=recognition_end(start),
            capacity=5,
        )
        for n, t in enumerate(trainers)
    )
    users = User.objects.bulk_create(
        User(
            email=f"n-aso{n:05d}@{DEMO_DOMAIN}",
            first_name=faker.first_name(),
            last_name=faker.last_name(),
            password=password_hash,
        )
        for n in range(6000)
    )
    trainees = Trainee.objects.bulk_create(
        Trainee(
            user=u,
            specialty=services[n % len(services)].specialty,
            university=universities[n % len(universities)],
            training_start=datetime.date(today.year - rng.randint(0, 5), 10, 1),
        )
        for n, u in enumerate(users)
    )
    stage_start = today - datetime.timedelta(days=30)
    Stage.objects.bulk_create(
        Stage(
            trainee=t,
            service=services[(n // 4) % len(services)],
            stagemeester=trainers[(n // 4) % len(trainers)],
            start=stage_start,
            end=stage_start + datetime.timedelta(days=182),
        )
        for n, t in enumerate(trainees)
    )
