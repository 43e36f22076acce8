"""The stageplan through the pages: compose, sign by three people, submit, the authority decides."""

import datetime

from django.urls import reverse

from traject.audit.models import AuditEvent
from traject.trajectory.models import Interruption, PlanVersion

from .conftest import add_evidence


def test_the_whole_flow_in_the_browser_pages(client, path):
    plan = path.plan
    client.force_login(path.aso)
    response = client.get(reverse("trajectory:home"))
    assert response.status_code == 302
    page = client.get(reverse("trajectory:plan_detail", args=[plan.pk]))
    assert "The plan has no stages yet." in page.content.decode()
    response = client.post(
        reverse("trajectory:item_create", args=[plan.pk]),
        {
            "kind": "stage",
            "start": path.start.isoformat(),
            "end": path.end.isoformat(),
            "service": path.service.pk,
            "stagemeester": path.stagemeester.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    add_evidence(path)
    for user, capacity in (
        (path.stagemeester, "stagemeester"),
        (path.coordinator, "coordinator"),
        (path.aso, "aso"),
    ):
        client.force_login(user)
        client.post(reverse("trajectory:plan_sign", args=[plan.pk]), {"capacity": capacity})
    client.force_login(path.aso)
    client.post(reverse("trajectory:plan_submit", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.state == PlanVersion.State.SUBMITTED
    client.force_login(path.officer)
    client.post(reverse("trajectory:plan_supplement", args=[plan.pk]), {"s-note": "Diploma?"})
    plan.refresh_from_db()
    assert plan.state == PlanVersion.State.SUPPLEMENT_ASKED
    client.force_login(path.aso)
    client.post(reverse("trajectory:plan_submit", args=[plan.pk]))
    client.force_login(path.officer)
    client.post(reverse("trajectory:plan_candidate", args=[plan.pk]), {"c-number": "12345678901"})
    client.force_login(path.member)
    client.post(reverse("trajectory:plan_advice", args=[plan.pk]), {"a-advice": "positive"})
    client.force_login(path.officer)
    client.post(reverse("trajectory:plan_decision", args=[plan.pk]), {"d-approved": "1"})
    plan.refresh_from_db()
    assert plan.state == PlanVersion.State.APPROVED
    client.force_login(path.aso)
    detail = client.get(reverse("trajectory:detail", args=[path.trajectory.pk])).content.decode()
    assert "approved" in detail
    pdf = client.get(reverse("trajectory:plan_pdf", args=[plan.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_stage_beyond_recognition_is_a_form_error(client, path):
    client.force_login(path.aso)
    response = client.post(
        reverse("trajectory:item_create", args=[path.plan.pk]),
        {
            "kind": "stage",
            "start": path.start.isoformat(),
            "end": path.end.isoformat(),
            "service": path.service.pk,
            "stagemeester": path.unrecognised.pk,
        },
    )
    assert response.status_code == 400
    assert path.plan.items.count() == 0


def test_an_interruption_that_moves_the_end_date_says_so(client, path):
    path.aso.language = "en"
    path.aso.save()
    client.force_login(path.aso)
    response = client.post(
        reverse("trajectory:interruption_create", args=[path.trajectory.pk]),
        {
            "kind": "sick",
            "start": (path.start + datetime.timedelta(days=1)).isoformat(),
            "end": (path.start + datetime.timedelta(days=18 * 7)).isoformat(),
        },
        follow=True,
    )
    body = response.content.decode()
    assert "moved from" in body
    assert Interruption.objects.filter(trajectory=path.trajectory).count() == 1
    assert "extension 21 days" in body


def test_the_stagemeester_sees_the_plan_but_not_the_evidence_and_the_read_is_audited(client, path):
    from .conftest import add_stage

    add_stage(path)
    add_evidence(path)
    client.force_login(path.stagemeester)
    page = client.get(reverse("trajectory:detail", args=[path.trajectory.pk]))
    assert page.status_code == 200
    assert "attest.pdf" not in page.content.decode()
    evidence = path.trajectory.evidence.first()
    assert (
        client.get(reverse("trajectory:evidence_download", args=[evidence.pk])).status_code == 403
    )
    assert AuditEvent.objects.filter(
        actor=path.stagemeester, action="read", subject=path.aso
    ).exists()


def test_the_foreign_officer_and_another_aso_do_not_find_the_path(client, path):
    for user in (path.foreign_officer, path.other.user, path.other_member):
        client.force_login(user)
        assert (
            client.get(reverse("trajectory:detail", args=[path.trajectory.pk])).status_code == 404
        )


def test_the_dashboard_shows_the_next_step(client, path):
    path.aso.language = "en"
    path.aso.save()
    client.force_login(path.aso)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Submit the stageplan" in body
    assert reverse("trajectory:plan_detail", args=[path.plan.pk]) in body


def test_where_to_go_shows_the_contacts_of_the_aso_university_only(client, path):
    from traject.testing import factories as f
    from traject.trajectory.models import Contact

    Contact.objects.create(
        university=path.university, role="trust", name="Vertrouwenspersoon UGent"
    )
    elsewhere = f.UniversityFactory(code="ulb", name="ULB")
    Contact.objects.create(university=elsewhere, role="trust", name="Personne de confiance ULB")
    client.force_login(path.aso)
    body = client.get(reverse("trajectory:help")).content.decode()
    assert "Vertrouwenspersoon UGent" in body
    assert "ULB" not in body
    assert path.coordinator.email not in body  # no stage yet in that hospital


def test_an_administrator_cannot_add_a_contact_for_another_university(client, path):
    from traject.testing import factories as f
    from traject.trajectory.models import Contact

    elsewhere = f.UniversityFactory(code="ulb", name="ULB")
    client.force_login(path.admin)
    response = client.post(
        reverse("trajectory:contact_create"),
        {"university": elsewhere.pk, "role": "trust", "name": "X"},
    )
    assert response.status_code == 200
    assert not Contact.objects.filter(university=elsewhere).exists()
    client.post(
        reverse("trajectory:contact_create"),
        {"university": path.university.pk, "role": "trust", "name": "Vertrouwenspersoon"},
    )
    assert Contact.objects.filter(university=path.university).count() == 1


def test_the_overview_takes_the_same_number_of_queries_for_more_aso(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from traject.testing import factories as f
    from traject.trajectory import services
    from traject.trajectory.models import PlanVersion

    def add(n):
        for _ in range(n):
            trainee = f.TraineeFactory(
                specialty=path.specialty, university=path.university, training_start=path.start
            )
            trajectory = services.trajectory_open(trainee=trainee, actor=trainee.user)
            PlanVersion.objects.filter(trajectory=trajectory).update(
                state="submitted", submitted_on=path.start
            )

    def count(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("trajectory:overview")).status_code == 200
        return len(queries)

    add(2)
    officer_small, admin_small = count(path.officer), count(path.admin)
    add(20)
    assert count(path.officer) == officer_small
    assert count(path.admin) == admin_small
    body = client.get(reverse("trajectory:overview")).content.decode()
    assert body.count("<tr>") >= 23


def test_the_authority_finds_waiting_plans_one_tap_from_the_dashboard(client, path):
    from .conftest import ready

    plan = ready(path)
    from traject.trajectory import services

    services.plan_submit(plan=PlanVersion.objects.get(pk=plan.pk), actor=path.aso)
    link = reverse("trajectory:plan_detail", args=[plan.pk])
    client.force_login(path.officer)
    assert link in client.get(reverse("core:dashboard")).content.decode()
    client.force_login(path.foreign_officer)
    assert link not in client.get(reverse("core:dashboard")).content.decode()
    client.force_login(path.member)  # not yet at the commission
    assert link not in client.get(reverse("core:dashboard")).content.decode()
