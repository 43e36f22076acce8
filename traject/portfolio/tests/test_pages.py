import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from traject.audit.models import AuditEvent
from traject.portfolio import services
from traject.portfolio.models import Course, ItemKind, TodoList

from .helpers import complete_list, course_with_items, pdf, todo_list_of

pytestmark = pytest.mark.django_db


def test_the_aso_uploads_a_file_and_only_the_aso_downloads_it_before_submission(client, world):
    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind=ItemKind.UPLOAD)
    client.force_login(world.users["aso"])
    response = client.post(
        reverse("portfolio:todo_item", args=[item.pk]),
        {"file": pdf(), "note": "", "version": item.version},
    )
    assert response.status_code == 302
    attached = item.files.get()
    assert not attached.file.name.startswith("/")
    download = client.get(reverse("portfolio:item_file", args=[attached.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]
    client.force_login(world.users["titularis"])
    assert client.get(reverse("portfolio:item_file", args=[attached.pk])).status_code == 404


def test_a_wrong_file_type_shows_an_error_on_the_page(client, world):
    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind=ItemKind.UPLOAD)
    client.force_login(world.users["aso"])
    response = client.post(
        reverse("portfolio:todo_item", args=[item.pk]),
        {"file": pdf("x.exe", b"MZ"), "done": "on", "version": item.version},
    )
    assert response.status_code == 200
    assert not item.files.exists()
    assert response.context["form"].errors["file"]
    item.refresh_from_db()
    assert not item.is_done


def test_choosing_a_file_ticking_done_and_saving_once_finishes_the_item(client, world):
    """The natural way (one form, one Save) once gave a 500."""
    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind=ItemKind.UPLOAD)
    client.force_login(world.users["aso"])
    response = client.post(
        reverse("portfolio:todo_item", args=[item.pk]),
        {"file": pdf(), "done": "on", "note": "signed", "version": item.version},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_done and item.note == "signed" and item.files.count() == 1


def test_a_stale_version_with_a_file_keeps_nothing(client, world):
    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind=ItemKind.UPLOAD)
    client.force_login(world.users["aso"])
    response = client.post(
        reverse("portfolio:todo_item", args=[item.pk]),
        {"file": pdf(), "done": "on", "version": item.version - 1},
    )
    assert response.status_code == 200
    assert not item.files.exists()


def test_the_titularis_sees_the_submission_but_not_the_rest_of_the_portfolio(client, world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    complete_list(todo, world.users["aso"])
    submission = services.todo_list_submit(todo_list=todo, actor=world.users["aso"])
    client.force_login(world.users["titularis"])
    page = client.get(reverse("portfolio:submissions"))
    assert str(world.trainee) in page.content.decode()
    detail = client.get(reverse("portfolio:submission_detail", args=[submission.pk]))
    body = detail.content.decode()
    assert "I learned <strong>a lot</strong>" in body and "<script>alert" not in body
    assert AuditEvent.objects.filter(actor=world.users["titularis"], action="read").exists()
    assert (
        client.get(reverse("portfolio:trainee_overview", args=[world.trainee.pk])).status_code
        == 404
    )
    assert client.get(reverse("portfolio:iop", args=[world.trainee.pk])).status_code == 404


def test_the_titularis_dashboard_filters_by_status(client, world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    complete_list(todo, world.users["aso"])
    services.todo_list_submit(todo_list=todo, actor=world.users["aso"])
    client.force_login(world.users["titularis"])
    assert (
        len(
            client.get(reverse("portfolio:submissions") + "?status=pending")
            .context["page"]
            .object_list
        )
        == 1
    )
    assert (
        len(
            client.get(reverse("portfolio:submissions") + "?status=accepted")
            .context["page"]
            .object_list
        )
        == 0
    )
    assert (
        len(client.get(reverse("portfolio:submissions") + "?year=1").context["page"].object_list)
        == 0
    )


def test_the_mentor_sees_status_but_no_content(client, world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    complete_list(todo, world.users["aso"])
    client.force_login(world.users["mentor"])
    page = client.get(reverse("portfolio:trainee_status", args=[world.trainee.pk])).content.decode()
    assert "Communicatie" in page and "3/3" in page
    assert "learned" not in page
    assert client.get(reverse("portfolio:todo_list", args=[todo.pk])).status_code == 404


def test_the_export_holds_the_whole_portfolio(client, world):
    course_with_items(world.course)
    complete_list(todo_list_of(world), world.users["aso"])
    client.force_login(world.users["aso"])
    data = json.loads(client.get(reverse("portfolio:export_json")).content)
    assert data["format"] == "traject-portfolio"
    assert data["todo_lists"][0]["items"][2]["files"][0]["name"] == "verslag.pdf"
    response = client.get(reverse("portfolio:export_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Communicatie" in text


def test_a_programme_administrator_creates_a_course_and_the_aso_get_a_list(client, world):
    client.force_login(world.users["programme_admin"])
    response = client.post(
        reverse("portfolio:course_create"),
        {
            "code": "msg-ebm",
            "name": "Evidence-based medicine",
            "level": "expert",
            "university": world.university.pk,
            "titularis": world.users["titularis"].email,
            "roles": ["wetenschapper"],
            "training_years": [],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    course = Course.objects.get(code="msg-ebm")
    assert course.roles == ["wetenschapper"]
    assert TodoList.objects.filter(course=course, trainee=world.trainee).exists()
    response = client.post(
        reverse("portfolio:course_item_create", args=[course.pk]),
        {"title": "Critical appraisal", "kind": "upload", "required": "on", "position": 1},
    )
    assert response.status_code == 302
    assert TodoList.objects.get(course=course, trainee=world.trainee).items.count() == 1


def test_an_expert_plus_course_needs_a_specialty(client, world):
    client.force_login(world.users["programme_admin"])
    response = client.post(
        reverse("portfolio:course_create"),
        {
            "code": "msg-x",
            "name": "X",
            "level": "expert_plus",
            "university": world.university.pk,
            "titularis": world.users["titularis"].email,
        },
    )
    assert response.status_code == 200
    assert "specialty" in response.context["form"].errors


def test_the_supervisor_completes_a_request_from_the_link(client, world):
    from django.utils import timezone

    request = services.feedback_request_create(
        trainee=world.trainee,
        actor=world.users["aso"],
        supervisor=world.users["stagemeester"],
        moment_date=timezone.localdate(),
        what="Consult",
    )
    client.force_login(world.users["stagemeester"])
    url = reverse("portfolio:feedback_request_complete", args=[request.pk])
    response = client.post(url, {"went_well": "", "to_improve": "x"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(url, {"went_well": "Rustig", "to_improve": "Sneller"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.feedback.went_well == "Rustig"


def test_the_titularis_dashboard_counts_per_status(client, world):
    course_with_items(world.course)
    for trainee_user in ("aso", "other_aso"):
        todo = TodoList.objects.get(trainee__user=world.users[trainee_user], course=world.course)
        complete_list(todo, world.users[trainee_user])
        services.todo_list_submit(todo_list=todo, actor=world.users[trainee_user])
    client.force_login(world.users["titularis"])
    counts = {
        c["value"]: c["count"]
        for c in client.get(reverse("portfolio:submissions")).context["counts"]
    }
    assert counts == {"pending": 2, "accepted": 0, "returned": 0}


def test_the_overviews_show_epa_levels_over_time(client, world):
    import datetime

    from django.utils import timezone

    from .helpers import epa

    the_epa = epa(world)
    today = timezone.localdate()
    for days_ago, level in ((40, 2), (5, 3)):
        services.entrustment_decide(
            trainee=world.trainee,
            epa=the_epa,
            actor=world.users["stagemeester"],
            level=level,
            decided_on=today - datetime.timedelta(days=days_ago),
            rationale="Observaties",
        )
    client.force_login(world.users["aso"])
    page = client.get(reverse("portfolio:overview")).content.decode()
    # The ASO reads the overview in Dutch, the house language.
    assert "<polyline" in page and "3 – voert uit onder indirecte supervisie" in page
    history = client.get(reverse("portfolio:epa_history", args=[world.trainee.pk, the_epa.pk]))
    assert history.content.decode().count("vervangen") >= 1
    client.force_login(world.users["stagemeester"])
    table = client.get(reverse("portfolio:stagemeester_table")).content.decode()
    assert "EPA1: 3" in table
