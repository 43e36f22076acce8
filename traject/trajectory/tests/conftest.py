import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from traject.testing import factories as f
from traject.trajectory import selectors, services
from traject.trajectory.models import AuthorityOfficer, CommissionMember, Community, PlanItem

PDF = b"%PDF-1.4\n%test\n"


def pdf(name="attest.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def path(db, settings, tmp_path):
    """A one-year training for an ASO of UGent, the people who sign and decide."""
    settings.MEDIA_ROOT = tmp_path
    return make_path()


def make_path():
    """Build the people and organisation of a one-year path (also for the browser journey)."""
    from traject.trajectory.reference_data import load_communities

    if not Community.objects.exists():
        load_communities(Community)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=30)
    university = f.UniversityFactory(code="ugent", name="Universiteit Gent")
    hospital = f.HospitalFactory(name="UZ Gent", university=university)
    specialty = f.specialty("inwendige-geneeskunde")
    service = f.TrainingServiceFactory(hospital=hospital, specialty=specialty, name="Interne")
    rec_start, rec_end = (
        start - datetime.timedelta(days=365),
        start + datetime.timedelta(days=3 * 365),
    )
    f.ServiceRecognitionFactory(service=service, start=rec_start, end=rec_end)
    stagemeester = f.UserFactory(email="sm@example.test", first_name="Sara", last_name="Meester")
    f.TrainerRecognitionFactory(
        trainer=stagemeester, service=service, start=rec_start, end=rec_end, capacity=2
    )
    unrecognised = f.UserFactory(email="nosm@example.test")
    coordinator = f.UserFactory(email="co@example.test")
    f.HospitalCoordinatorFactory(user=coordinator, hospital=hospital)
    # English, so the tests read the source messages; the journey switches to Dutch.
    aso = f.UserFactory(email="aso@example.test", first_name="Anna", last_name="Aso", language="en")
    trainee = f.TraineeFactory(
        user=aso, specialty=specialty, university=university, training_start=start
    )
    other = f.TraineeFactory(
        user=f.UserFactory(email="other@example.test"),
        specialty=specialty,
        university=university,
        training_start=start,
    )
    vl = Community.objects.get(code="vl")
    fr = Community.objects.get(code="fr")
    officer = f.UserFactory(email="officer@example.test")
    AuthorityOfficer.objects.create(user=officer, community=vl)
    foreign_officer = f.UserFactory(email="officer-fr@example.test")
    AuthorityOfficer.objects.create(user=foreign_officer, community=fr)
    member = f.UserFactory(email="commission@example.test")
    CommissionMember.objects.create(user=member, community=vl, specialty=specialty)
    other_member = f.UserFactory(email="commission-other@example.test")
    CommissionMember.objects.create(
        user=other_member, community=vl, specialty=f.specialty("heelkunde")
    )
    admin = f.UserFactory(email="admin@example.test")
    f.ProgrammeAdministratorFactory(user=admin, university=university)
    trajectory = services.trajectory_open(trainee=trainee, actor=aso)
    trajectory.nominal_months = 12
    trajectory.save()

    class P:
        pass

    p = P()
    p.__dict__.update(locals())
    p.plan = trajectory.plans.get()
    p.end = selectors.plan_end_date(trajectory).planned_end
    return p


def add_stage(p, plan=None, **overrides):
    values = {
        "plan": plan or p.plan,
        "kind": PlanItem.Kind.STAGE,
        "start": p.start,
        "end": p.end,
        "service": p.service,
        "stagemeester": p.stagemeester,
    }
    values.update(overrides)
    return services.plan_item_save(item=PlanItem(**values), actor=p.aso)


def add_evidence(p):
    from traject.trajectory.models import Evidence

    for kind in (Evidence.Kind.FACULTY_ATTEST, Evidence.Kind.AGREEMENT):
        services.evidence_upload(trajectory=p.trajectory, actor=p.aso, kind=kind, file=pdf())
    services.evidence_upload(
        trajectory=p.trajectory,
        actor=p.aso,
        kind=Evidence.Kind.ORDE,
        file=pdf("orde.pdf"),
        valid_from=p.start - datetime.timedelta(days=10),
    )


def sign_all(p, plan=None):
    plan = plan or p.plan
    services.plan_sign(plan=plan, actor=p.stagemeester, capacity="stagemeester")
    services.plan_sign(plan=plan, actor=p.coordinator, capacity="coordinator")
    services.plan_sign(plan=plan, actor=p.aso, capacity="aso")


def ready(p):
    add_stage(p)
    add_evidence(p)
    sign_all(p)
    return p.plan


@pytest.fixture(autouse=True)
def _english():
    """Assert on the English source messages."""
    from django.utils import translation

    with translation.override("en"):
        yield
