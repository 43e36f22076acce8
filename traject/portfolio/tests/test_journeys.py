"""Browser journeys: the submission cycle with the titularis, and feedback on a phone."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from traject.portfolio import services
from traject.portfolio.models import Epa, Feedback, ItemKind, Submission, TodoList
from traject.testing.browser import login, screenshot
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world

from .helpers import PDF_BYTES, course_with_items, todo_list_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch(page, url, user):
    page.context.clear_cookies()
    login(page, url, user.email, PASSWORD)


def _decide(page, live_server, titularis, decision, feedback=""):
    _switch(page, live_server.url, titularis)
    page.goto(f"{live_server.url}/portfolio/submissions/?status=pending")
    page.locator("table a[href*='/portfolio/submissions/']").first.click()
    page.check(f"input[name=decision][value={decision}]")
    if feedback:
        page.fill("textarea[name=feedback]", feedback)
    page.locator("form.decision-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_aso_submits_titularis_returns_aso_resubmits_titularis_accepts(
    phone_page, live_server, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    course_with_items(world.course)
    todo = todo_list_of(world)
    report = tmp_path / "verslag.pdf"
    report.write_bytes(PDF_BYTES)
    page = phone_page
    aso, titularis = world.users["aso"], world.users["titularis"]

    login(page, live_server.url, aso.email, PASSWORD)
    page.goto(f"{live_server.url}/portfolio/")
    page.locator(f"a[href='/portfolio/todo/{todo.pk}/']").first.click()
    for item in todo.items.order_by("position"):
        page.locator(f"a[href='/portfolio/todo/items/{item.pk}/']").click()
        if item.kind == ItemKind.UPLOAD:
            # The natural way: choose the file, tick done, press the one big Save (once a 500).
            page.set_input_files("input[name=file]", str(report))
        if item.kind == ItemKind.REFLECTION:
            page.fill(
                "textarea[name=reflection]",
                "Ik leerde stiltes te laten vallen.\n\nVolgende keer vraag ik eerst wat de patiënt weet.",
            )
        page.check("input[name=done]")
        page.locator("form:has(input[name=done]) button[type=submit]").click()
        page.wait_for_load_state("networkidle")
    screenshot(page, "portfolio-todo-list-ready-phone")
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    todo.refresh_from_db()
    assert todo.status == TodoList.Status.SUBMITTED

    _decide(page, live_server, titularis, "returned", "Voeg een besluit toe aan je reflectie.")
    todo.refresh_from_db()
    assert todo.status == TodoList.Status.RETURNED

    _switch(page, live_server.url, aso)
    # The dashboard marks the returned list and shows the titularis' feedback, one tap from it.
    returned = page.locator("li.returned")
    assert returned.get_by_text("Voeg een besluit toe aan je reflectie.").is_visible()
    screenshot(page, "portfolio-aso-dashboard-returned-phone")
    returned.get_by_role("link").first.click()
    expect(page.get_by_text("Voeg een besluit toe aan je reflectie.").first).to_be_visible()
    screenshot(page, "portfolio-todo-list-returned-phone")
    reflection = todo.items.get(kind=ItemKind.REFLECTION)
    page.locator(f"a[href='/portfolio/todo/items/{reflection.pk}/']").click()
    page.fill(
        "textarea[name=reflection]",
        "Ik leerde stiltes te laten vallen.\n\nBesluit: ik vraag eerst wat de patiënt weet.",
    )
    page.locator("form:has(input[name=done]) button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    todo.refresh_from_db()
    assert todo.status == TodoList.Status.SUBMITTED

    # The titularis sees what changed since the returned submission.
    _switch(page, live_server.url, titularis)
    page.goto(f"{live_server.url}/portfolio/submissions/?status=pending")
    page.locator("table a[href*='/portfolio/submissions/']").first.click()
    changed = page.locator(f"article.changed[data-item='{reflection.pk}']")
    expect(changed.locator("ins").get_by_text("Besluit: ik vraag eerst")).to_be_visible()
    expect(changed.locator("del").get_by_text("Volgende keer vraag ik")).to_be_visible()
    screenshot(page, "portfolio-resubmission-diff-phone")
    _decide(page, live_server, titularis, "accepted")
    screenshot(page, "portfolio-titularis-dashboard-phone")
    todo.refresh_from_db()
    assert todo.status == TodoList.Status.ACCEPTED
    assert list(todo.submissions.order_by("number").values_list("decision", flat=True)) == [
        Submission.Decision.RETURNED,
        Submission.Decision.ACCEPTED,
    ]


def test_a_supervisor_completes_a_feedback_request_on_a_phone(phone_page, live_server):
    world = build_world()
    epa = Epa.objects.create(specialty=world.specialty, code="IG-1", title="Acute opname")
    request = services.feedback_request_create(
        trainee=world.trainee,
        actor=world.users["aso"],
        supervisor=world.users["stagemeester"],
        moment_date=timezone.localdate(),
        what="Opname patiënt met dyspnoe",
        epa=epa,
    )
    page = phone_page
    login(page, live_server.url, world.users["stagemeester"].email, PASSWORD)
    page.locator(f"a[href='/portfolio/feedback/requests/{request.pk}/']").first.click()
    screenshot(page, "portfolio-feedback-form-phone")
    submit = page.locator("form.quick-form button[type=submit]")
    page.fill("textarea[name=went_well]", "Gestructureerde anamnese.")
    page.fill("textarea[name=to_improve]", "Sneller beslissen over bijkomend onderzoek.")
    page.check("input[name=entrustment_level][value='3']")
    submit.click()
    page.wait_for_load_state("networkidle")
    feedback = Feedback.objects.get(request=request)
    assert feedback.entrustment_level == 3 and feedback.author == world.users["stagemeester"]


def test_the_stagemeester_acts_on_every_pending_task_one_tap_from_the_dashboard(
    desktop_page, live_server
):
    from traject.portfolio.models import LearningGoal

    world = build_world()
    goal = services.goal_save(
        goal=LearningGoal(trainee=world.trainee, title="Echo zelfstandig"),
        actor=world.users["aso"],
    )
    epa = Epa.objects.create(specialty=world.specialty, code="IG-1", title="Acute opname")
    services.feedback_give(
        trainee=world.trainee,
        actor=world.users["stagemeester"],
        moment_date=timezone.localdate(),
        what="Opname",
        went_well="Anamnese",
        to_improve="Tempo",
        epa=epa,
        entrustment_level=3,
    )
    page = desktop_page
    login(page, live_server.url, world.users["stagemeester"].email, PASSWORD)
    screenshot(page, "dashboard-stagemeester-tasks-desktop")
    page.locator("[data-tasks=goals] a").first.click()
    page.locator(f"form[action='/portfolio/iop/{goal.pk}/agree/'] button").click()
    page.wait_for_load_state("networkidle")
    goal.refresh_from_db()
    assert goal.is_agreed
    page.goto(live_server.url + "/")
    assert page.locator("[data-tasks=goals]").count() == 0
    page.locator("[data-tasks=epa] a").first.click()
    assert page.locator("select[name=epa]").input_value() == str(epa.pk)
    page.check("input[name=level][value='3']")
    page.fill("textarea[name=rationale]", "Zelfstandig onder toezicht op afstand.")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    # The EPA level chart draws its dots (a decimal comma once made them vanish).
    # (Chromium also logs "attribute cx: Expected length" as a console error, which fails too.)
    dots = page.locator("svg.level-chart circle")
    assert dots.count() >= 1
    assert dots.evaluate_all(
        "cs => cs.every(c => ['cx', 'cy'].every(a => /^[0-9.]+$/.test(c.getAttribute(a))))"
    )
    # The ASO's page offers the way on to the same actions.
    page.goto(f"{live_server.url}/organisation/trainees/{world.trainee.pk}/")
    links = page.locator("nav.trainee-links")
    assert links.get_by_text("EPA-beslissing vastleggen").is_visible()
    assert links.get_by_text("IOP", exact=True).is_visible()
