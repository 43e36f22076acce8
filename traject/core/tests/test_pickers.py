"""People pickers (core.pickers): search and pick only among whom the user may pick; limited,
paged and audited; the forms work without JavaScript (a typed e-mail address)."""

import pytest
from django.urls import reverse

from traject.audit.models import AuditEvent
from traject.core import pickers
from traject.mentoring.models import MentorGroup
from traject.portfolio.models import Course
from traject.testing import factories as f

pytestmark = pytest.mark.django_db


def _search(client, scope, field, text, **extra):
    return client.get(
        reverse("core:people_search"),
        {"scope": scope, "field": field, f"{field}__q": text, **extra},
    )


def _pick(client, scope, field, pk):
    return client.get(reverse("core:people_pick"), {"scope": scope, "field": field, "pk": pk})


def test_the_administrator_finds_their_aso_and_not_another_universitys(client, world):
    outsider = f.TraineeFactory(university=world.other_university, specialty=world.specialty)
    outsider.user.last_name = world.trainee.user.last_name = "Janssens"
    outsider.user.save()
    world.trainee.user.save()
    client.force_login(world.users["programme_admin"])
    page = _search(client, "stage_trainee", "trainee", "janss").content.decode()
    assert world.trainee.user.email in page and outsider.user.email not in page
    form = client.get(reverse("organisation:stage_create")).content.decode()
    assert 'name="trainee__q"' in form and '<select name="trainee"' not in form
    assert '<select name="stagemeester"' not in form
    picked = _pick(client, "stage_trainee", "trainee", world.trainee.pk)
    assert picked.status_code == 200 and f'value="{world.trainee.pk}"' in picked.content.decode()
    assert world.trainee.user.get_full_name() in picked.content.decode()
    assert _pick(client, "stage_trainee", "trainee", outsider.pk).status_code == 404


def test_showing_people_is_audited_and_an_empty_search_is_not(client, world):
    admin = world.users["programme_admin"]
    client.force_login(admin)
    before = AuditEvent.objects.filter(actor=admin, action=AuditEvent.Action.READ).count()
    _search(client, "stage_trainee", "trainee", "zzzz-nobody")
    _search(client, "stage_trainee", "trainee", "a")  # too short: nothing searched
    assert AuditEvent.objects.filter(actor=admin, action="read").count() == before
    _search(client, "stage_trainee", "trainee", world.trainee.user.email)
    event = AuditEvent.objects.filter(actor=admin, action="read").latest("pk")
    assert "stage_trainee" in event.summary and str(world.trainee.pk) in event.summary


def test_results_come_in_pages_of_ten_and_stop_after_three(client, world):
    for number in range(35):
        f.TraineeFactory(
            university=world.university,
            specialty=world.specialty,
            user=f.UserFactory(last_name="Peeters", first_name=f"P{number:02d}"),
        )
    client.force_login(world.users["programme_admin"])
    first = _search(client, "stage_trainee", "trainee", "peeters").content.decode()
    assert first.count("people/pick/") == pickers.PAGE_SIZE and "page=2" in first
    third = _search(client, "stage_trainee", "trainee", "peeters", page=3).content.decode()
    assert third.count("people/pick/") == pickers.PAGE_SIZE
    assert "page=4" not in third and "type more" in third.lower() or "typ" in third.lower()
    assert (
        _search(client, "stage_trainee", "trainee", "peeters", page=4).content.count(
            b"people/pick/"
        )
        == 0
    )


def test_others_are_refused_and_bad_input_is_refused(client, world):
    client.force_login(world.users["aso"])
    response = _search(client, "stagemeester", "stagemeester", "persona")
    assert response.status_code == 403
    assert world.users["stagemeester"].email not in response.content.decode()
    assert _search(client, "mentor", "mentor", "persona").status_code == 403
    assert _search(client, "course_titularis", "titularis", "persona").status_code == 403
    assert _pick(client, "mentor", "mentor", world.users["mentor"].pk).status_code == 403
    client.force_login(world.users["programme_admin"])
    assert _search(client, "no_such_scope", "x", "a").status_code == 404
    assert _search(client, "stagemeester", "bad field!", "a").status_code == 404
    assert _search(client, "stagemeester", "stagemeester", "x" * 5000).status_code == 200
    assert _search(client, "stagemeester", "stagemeester", "ab", page="x").status_code == 200
    # A NUL byte is refused centrally as bad input (core.input_guard), before the picker runs.
    assert _search(client, "stagemeester", "stagemeester", "a\x00" * 100).status_code == 400
    assert _pick(client, "stagemeester", "stagemeester", "1 OR 1=1").status_code == 404
    # An ASO cannot be chosen as mentor or titularis.
    assert _pick(client, "mentor", "mentor", world.users["aso"].pk).status_code == 404
    assert _pick(client, "course_titularis", "titularis", world.users["aso"].pk).status_code == 404


def test_the_stage_form_refuses_a_trainee_outside_the_scope(client, world):
    outsider = f.TraineeFactory(university=world.other_university, specialty=world.specialty)
    client.force_login(world.users["programme_admin"])
    response = client.post(
        reverse("organisation:stage_create"),
        {
            "trainee": outsider.pk,
            "service": world.service.pk,
            "stagemeester": world.users["stagemeester"].pk,
            "start": "2030-01-01",
            "end": "2030-03-31",
        },
    )
    assert response.status_code == 200  # the form again, with an error on the trainee
    assert response.context["form"].errors["trainee"]


def test_the_mentor_group_form_picks_a_mentor_by_search_or_by_typed_email(client, world):
    client.force_login(world.users["programme_admin"])
    page = client.get(reverse("mentoring:group_create")).content.decode()
    assert 'name="mentor__q"' in page and 'type="email"' not in page
    found = _search(client, "mentor", "mentor", world.users["titularis"].last_name)
    assert world.users["titularis"].email in found.content.decode()
    data = {"name": "Groep Z", "university": world.university.pk, "start_year": 2026}
    # Without JavaScript: the full e-mail address typed in the search field.
    typed = client.post(
        reverse("mentoring:group_create"),
        {**data, "mentor": "", "mentor__q": world.users["titularis"].email.upper()},
    )
    assert typed.status_code == 302
    assert MentorGroup.objects.get(name="Groep Z").mentor == world.users["titularis"]
    # With JavaScript: the picked person's id in the hidden field.
    picked = client.post(
        reverse("mentoring:group_create"),
        {**data, "name": "Groep Y", "mentor": world.users["titularis"].pk, "mentor__q": ""},
    )
    assert picked.status_code == 302
    # A name that is not chosen, an ASO, an unknown address: the form again, with a hint.
    for wrong in ("Persona", world.users["aso"].email, "nobody@example.org"):
        again = client.post(
            reverse("mentoring:group_create"), {**data, "name": "X", "mentor__q": wrong}
        )
        assert again.status_code == 200 and again.context["form"].errors["mentor"]
        assert f'value="{wrong}"' in again.content.decode()  # shown again to correct it


def test_adding_an_aso_to_a_group_uses_the_picker(client, world):
    group = MentorGroup.objects.create(
        name="Groep W",
        mentor=world.users["titularis"],
        university=world.university,
        start_year=2026,
    )
    free = f.TraineeFactory(university=world.university, specialty=world.specialty)
    client.force_login(world.users["programme_admin"])
    url = reverse("mentoring:group_add_trainee", args=[group.pk])
    page = client.get(url).content.decode()
    assert 'name="trainee__q"' in page and '<select name="trainee"' not in page
    found = _search(client, "mentor_group_trainee", "trainee", free.user.email).content.decode()
    assert free.user.email in found
    response = client.post(url, {"trainee": "", "trainee__q": free.user.email})
    assert response.status_code == 302
    assert group.memberships.filter(trainee=free).exists()


def test_the_course_form_picks_its_titularis(client, world):
    client.force_login(world.users["programme_admin"])
    page = client.get(reverse("portfolio:course_create")).content.decode()
    assert 'name="titularis__q"' in page
    response = client.post(
        reverse("portfolio:course_create"),
        {
            "code": "PICK-1",
            "name": "Picked",
            "level": "expert",
            "university": world.university.pk,
            "titularis": world.users["titularis"].pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    course = Course.objects.get(code="PICK-1")
    assert course.titularis == world.users["titularis"]
    edit = client.get(reverse("portfolio:course_edit", args=[course.pk])).content.decode()
    assert world.users["titularis"].get_full_name() in edit
