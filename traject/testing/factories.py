"""factory_boy factories for the foundation models, shared by every app's tests."""

import datetime

import factory
from factory.django import DjangoModelFactory

from traject.accounts.models import User
from traject.mentoring.models import MentorGroup
from traject.organisation.models import (
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
)
from traject.portfolio.models import Course

PASSWORD = "test-password-123"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    language = "nl"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class UniversityFactory(DjangoModelFactory):
    class Meta:
        model = University
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"uni{n}")
    name = factory.Sequence(lambda n: f"Universiteit {n}")


class HospitalFactory(DjangoModelFactory):
    class Meta:
        model = Hospital

    name = factory.Sequence(lambda n: f"Ziekenhuis {n}")
    city = "Gent"
    university = factory.SubFactory(UniversityFactory)


def specialty(code: str = "inwendige-geneeskunde") -> Specialty:
    """Return one of the specialties loaded by the data migration.

    Tests with ``transaction=True`` flush the tables, data from migrations included; reload then.
    """
    if not Specialty.objects.filter(code=code).exists():
        from traject.organisation.models import Region
        from traject.organisation.reference_data import load_regions, load_specialties

        load_specialties(Specialty)
        load_regions(Region)
    return Specialty.objects.get(code=code)


class TrainingServiceFactory(DjangoModelFactory):
    class Meta:
        model = TrainingService

    hospital = factory.SubFactory(HospitalFactory)
    specialty = factory.LazyFunction(specialty)
    name = factory.Sequence(lambda n: f"Dienst {n}")


class ServiceRecognitionFactory(DjangoModelFactory):
    class Meta:
        model = ServiceRecognition

    service = factory.SubFactory(TrainingServiceFactory)
    start = datetime.date(2022, 1, 1)
    end = datetime.date(2026, 12, 31)


class TrainerRecognitionFactory(DjangoModelFactory):
    class Meta:
        model = TrainerRecognition

    trainer = factory.SubFactory(UserFactory)
    service = factory.SubFactory(TrainingServiceFactory)
    start = datetime.date(2022, 1, 1)
    end = datetime.date(2026, 12, 31)
    capacity = 3


class TraineeFactory(DjangoModelFactory):
    class Meta:
        model = Trainee

    user = factory.SubFactory(UserFactory)
    specialty = factory.LazyFunction(specialty)
    university = factory.SubFactory(UniversityFactory)
    training_start = datetime.date(2023, 10, 1)


class StageFactory(DjangoModelFactory):
    class Meta:
        model = Stage

    trainee = factory.SubFactory(TraineeFactory)
    service = factory.SubFactory(TrainingServiceFactory)
    stagemeester = factory.SubFactory(UserFactory)
    start = datetime.date(2026, 1, 1)
    end = datetime.date(2026, 12, 31)


class MentorGroupFactory(DjangoModelFactory):
    class Meta:
        model = MentorGroup

    mentor = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Mentorgroep {n}")
    university = factory.SubFactory(UniversityFactory)
    start_year = 2023


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    code = factory.Sequence(lambda n: f"msg-{n}")
    name = factory.Sequence(lambda n: f"Cursus {n}")
    level = Course.Level.EXPERT
    university = factory.SubFactory(UniversityFactory)
    titularis = factory.SubFactory(UserFactory)


class HospitalCoordinatorFactory(DjangoModelFactory):
    class Meta:
        model = HospitalCoordinator

    user = factory.SubFactory(UserFactory)
    hospital = factory.SubFactory(HospitalFactory)


def give_second_factor(user) -> None:
    """Give a person a TOTP authenticator with the test secret (officers must have one)."""
    from traject.accounts.testing import activate_test_totp

    activate_test_totp(user)


class ProgrammeAdministratorFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeAdministrator
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    university = factory.SubFactory(UniversityFactory)

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            give_second_factor(obj.user)


class MinistryOfficerFactory(DjangoModelFactory):
    class Meta:
        model = MinistryOfficer
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            give_second_factor(obj.user)
