"""A small world with one person per persona, for permission tables and journeys.

The personas: an ASO, another ASO, their stagemeester, another stagemeester, the
coördinerend stagemeester of the ASO's hospital, the ASO's mentor, a titularis, a programme
administrator of the ASO's university, a ministry officer, a Dutch aios and their opleider
(in a Dutch hospital of an OOR, with a deputy and a member of the opleidingsgroep who are not
personas), and anonymous.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from traject.mentoring.models import MentorGroupMembership

from . import factories as f

PERSONAS = [
    "aso",
    "other_aso",
    "stagemeester",
    "other_stagemeester",
    "coordinator",
    "mentor",
    "titularis",
    "programme_admin",
    "ministry",
    "aios",
    "opleider",
    "anonymous",
]


@dataclass
class World:
    users: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def __getattr__(self, name):
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(name)

    def add(self, **objects) -> None:
        """Let an app add its own objects (a to-do list, a mentor note, ...) to the world.

        A name is taken once: two apps calling their object ``plan`` would have one app's rows
        aim at the other's object, and pass only while both happen to get the same id.
        """
        taken = sorted(name for name in objects if name in self.extra or name in self.__dict__)
        if taken:
            raise ValueError(f"world names already taken by another app: {', '.join(taken)}")
        self.extra.update(objects)


def ensure_reference_data() -> None:
    """Reload what the data migrations load, when a transactional test flushed it away."""
    from importlib import import_module

    from django.apps import apps

    from traject.mentoring.models import SessionTheme
    from traject.quality.models import Instrument

    f.specialty()  # reloads the specialties when needed
    f.specialty("nl-interne-geneeskunde")
    from traject.conversations.reference_data import ensure_reference_data as conversations_data

    conversations_data()
    if not SessionTheme.objects.filter(university__isnull=True).exists():
        import_module("traject.mentoring.migrations.0003_default_session_plan").seed(apps, None)
    if not Instrument.objects.exists():
        from traject.quality.instruments import load_instruments

        load_instruments()


def build_world() -> World:
    """Create the personas and the relations between them."""
    ensure_reference_data()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=60)
    end = today + datetime.timedelta(days=120)
    rec_start = today - datetime.timedelta(days=365)
    rec_end = today + datetime.timedelta(days=3 * 365)

    w = World()
    university = f.UniversityFactory(code="ugent", name="Universiteit Gent")
    other_university = f.UniversityFactory(code="kuleuven", name="KU Leuven")
    hospital = f.HospitalFactory(
        name="UZ Gent", city="Gent", university=university, is_university_hospital=True
    )
    other_hospital = f.HospitalFactory(name="AZ Brugge", city="Brugge", university=university)
    specialty = f.specialty("inwendige-geneeskunde")
    service = f.TrainingServiceFactory(
        hospital=hospital, specialty=specialty, name="Inwendige geneeskunde"
    )
    other_service = f.TrainingServiceFactory(
        hospital=other_hospital, specialty=specialty, name="Interne"
    )
    f.ServiceRecognitionFactory(service=service, start=rec_start, end=rec_end)
    f.ServiceRecognitionFactory(service=other_service, start=rec_start, end=rec_end)

    users = {
        name: f.UserFactory(
            email=f"{name.replace('_', '-')}@example.test",
            first_name=name.title(),
            last_name="Persona",
        )
        for name in PERSONAS
        if name != "anonymous"
    }
    trainee = f.TraineeFactory(user=users["aso"], specialty=specialty, university=university)
    other_trainee = f.TraineeFactory(
        user=users["other_aso"], specialty=specialty, university=university
    )
    trainer_recognition = f.TrainerRecognitionFactory(
        trainer=users["stagemeester"], service=service, start=rec_start, end=rec_end, capacity=3
    )
    other_trainer_recognition = f.TrainerRecognitionFactory(
        trainer=users["other_stagemeester"],
        service=other_service,
        start=rec_start,
        end=rec_end,
        capacity=3,
    )
    stage = f.StageFactory(
        trainee=trainee, service=service, stagemeester=users["stagemeester"], start=start, end=end
    )
    other_stage = f.StageFactory(
        trainee=other_trainee,
        service=other_service,
        stagemeester=users["other_stagemeester"],
        start=start,
        end=end,
    )
    coordinator = f.HospitalCoordinatorFactory(user=users["coordinator"], hospital=hospital)
    mentor_group = f.MentorGroupFactory(
        mentor=users["mentor"], university=university, name="Mentorgroep A"
    )
    membership = MentorGroupMembership.objects.create(group=mentor_group, trainee=trainee)
    course = f.CourseFactory(
        titularis=users["titularis"],
        university=university,
        code="msg-expert-1",
        name="Communicatie",
    )
    programme_admin = f.ProgrammeAdministratorFactory(
        user=users["programme_admin"], university=university
    )
    ministry = f.MinistryOfficerFactory(user=users["ministry"])
    nl = _dutch_world(users, start=start, end=end, rec_start=rec_start, rec_end=rec_end)

    w.users = users
    w.add(
        university=university,
        other_university=other_university,
        hospital=hospital,
        other_hospital=other_hospital,
        specialty=specialty,
        service=service,
        other_service=other_service,
        trainee=trainee,
        other_trainee=other_trainee,
        trainer_recognition=trainer_recognition,
        other_trainer_recognition=other_trainer_recognition,
        stage=stage,
        other_stage=other_stage,
        coordinator=coordinator,
        mentor_group=mentor_group,
        membership=membership,
        course=course,
        programme_admin=programme_admin,
        ministry_officer=ministry,
        **nl,
    )
    return w


def _dutch_world(users, *, start, end, rec_start, rec_end) -> dict:
    """The Dutch part: an aios on a stage with their opleider, a deputy and a group member."""
    from traject.organisation.models import Country, Region, TeamMember

    region = Region.objects.get(code="oor-utrecht")
    university = f.UniversityFactory(code="uu", name="Universiteit Utrecht", country="NL")
    hospital = f.HospitalFactory(
        name="St. Antonius",
        city="Nieuwegein",
        university=university,
        country=Country.NETHERLANDS,
        region=region,
    )
    specialty = f.specialty("nl-interne-geneeskunde")
    service = f.TrainingServiceFactory(
        hospital=hospital, specialty=specialty, name="Interne geneeskunde"
    )
    f.ServiceRecognitionFactory(service=service, start=rec_start, end=rec_end)
    f.TrainerRecognitionFactory(
        trainer=users["opleider"], service=service, start=rec_start, end=rec_end, capacity=5
    )
    aios = f.TraineeFactory(
        user=users["aios"],
        specialty=specialty,
        university=university,
        training_start=start - datetime.timedelta(days=100),
    )
    stage = f.StageFactory(
        trainee=aios, service=service, stagemeester=users["opleider"], start=start, end=end
    )
    deputy = f.UserFactory(email="deputy@example.test", first_name="Deputy", last_name="NL")
    member = f.UserFactory(email="group-member@example.test", first_name="Group", last_name="NL")
    TeamMember.objects.create(service=service, user=deputy, role=TeamMember.Role.DEPUTY)
    TeamMember.objects.create(service=service, user=member, role=TeamMember.Role.MEMBER)
    return {
        "nl_region": region,
        "nl_university": university,
        "nl_hospital": hospital,
        "nl_specialty": specialty,
        "nl_service": service,
        "aios_trainee": aios,
        "nl_stage": stage,
        "nl_deputy": deputy,
        "nl_group_member": member,
    }
