import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from traject.programme import selectors, services
from traject.programme.models import NewsItem
from traject.quality.models import AnswerSet, Invitation, Item
from traject.quality.selectors import anonymity_threshold
from traject.quality.services import survey_response_submit
from traject.quality.tests.helpers import add_trainees

pytestmark = pytest.mark.django_db


def _scores(evaluation, value):
    codes = Item.objects.filter(theme__instrument=evaluation.campaign.instrument).values_list(
        "code", flat=True
    )
    return dict.fromkeys(codes, value)


def _open(world):
    closes = timezone.localdate() + datetime.timedelta(days=14)
    return services.course_evaluation_open(
        course=world.course, closes=closes, actor=world.users["titularis"]
    )


def test_the_titularis_opens_an_anonymous_survey_of_the_courses_aso(world):
    evaluation = _open(world)
    invited = set(
        Invitation.objects.filter(campaign=evaluation.campaign).values_list("user", flat=True)
    )
    assert world.users["aso"].pk in invited and world.users["other_aso"].pk in invited
    assert world.users["aios"].pk not in invited  # another university
    assert evaluation.campaign.instrument.code == services.COURSE_INSTRUMENT
    with pytest.raises(PermissionDenied):
        services.course_evaluation_open(
            course=world.course,
            closes=timezone.localdate(),
            actor=world.users["stagemeester"],
        )
    with pytest.raises(ValidationError):  # one open evaluation per course at a time
        _open(world)


def test_results_only_when_closed_and_at_the_threshold(world):
    threshold = anonymity_threshold()
    extra = add_trainees(world, world.service, threshold)
    evaluation = _open(world)
    # below the threshold while open: nothing
    for user in extra[: threshold - 1]:
        survey_response_submit(
            campaign=evaluation.campaign, scores=_scores(evaluation, 5), actor=user
        )
    assert selectors.evaluation_results(evaluation)["shown"] is False
    survey_response_submit(
        campaign=evaluation.campaign, scores=_scores(evaluation, 2), actor=extra[threshold - 1]
    )
    assert selectors.evaluation_results(evaluation)["shown"] is False  # still open
    services.course_evaluation_close(evaluation=evaluation, actor=world.users["titularis"])
    evaluation.refresh_from_db()
    results = selectors.evaluation_results(evaluation)
    assert results["shown"] and results["count"] == threshold
    expected = round(100 * (threshold - 1) / threshold)
    assert {row["percent"] for row in results["items"]} == {expected}
    # One cell for the whole course: quality has no stagedienst report of a course evaluation
    # (and so mails no stagemeester about one).
    from traject.quality.selectors import campaign_results

    assert set(campaign_results(evaluation.campaign)) == {("all", None)}
    assert not Invitation.objects.filter(campaign=evaluation.campaign, service__isnull=False)
    # The answers stay the quality app's anonymous answers: no person on them.
    assert not any(f.name == "user" for f in AnswerSet._meta.get_fields())


def test_too_few_responses_show_nothing_and_cannot_be_published(world):
    evaluation = _open(world)
    survey_response_submit(
        campaign=evaluation.campaign, scores=_scores(evaluation, 5), actor=world.users["aso"]
    )
    services.course_evaluation_close(evaluation=evaluation, actor=world.users["titularis"])
    evaluation.refresh_from_db()
    assert selectors.evaluation_results(evaluation)["shown"] is False
    with pytest.raises(ValidationError):
        services.course_evaluation_publish(
            evaluation=evaluation, highlight="88%", actor=world.users["programme_admin"]
        )


def test_news_targeting_and_read_marks(world, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    admin = world.users["programme_admin"]
    with django_capture_on_commit_callbacks(execute=True):
        item = services.news_create(
            actor=admin,
            kind=NewsItem.Kind.ANNOUNCEMENT,
            title="Nieuwe tijdsregistratie",
            body="Vanaf 1 oktober.",
            roles=["trainee"],
            university=world.university,
            publish_on=today,
            expires_on=today + datetime.timedelta(days=5),
            important=True,
        )
    assert item in selectors.news_for(world.users["aso"])
    assert item not in selectors.news_for(world.users["stagemeester"])  # another role
    assert item not in selectors.news_for(world.users["aios"])  # another university
    assert any(world.users["aso"].email in m.to for m in mail.outbox)
    assert not any(world.users["stagemeester"].email in m.to for m in mail.outbox)
    services.news_mark_read(item=item, actor=world.users["aso"])
    services.news_mark_read(item=item, actor=world.users["aso"])
    assert item not in selectors.news_for(world.users["aso"])
    assert item not in selectors.news_for(
        world.users["other_aso"], today=today + datetime.timedelta(days=6)
    )  # expired
    with pytest.raises(PermissionDenied):
        services.news_create(
            actor=admin,
            kind="announcement",
            title="x",
            body="y",
            university=world.other_university,
            publish_on=today,
            expires_on=today,
        )
    with pytest.raises(PermissionDenied):
        services.news_create(
            actor=world.users["titularis"],
            kind="announcement",
            title="x",
            body="y",
            publish_on=today,
            expires_on=today,
        )


def test_the_campaign_name_follows_the_readers_language(client, world):
    from django.utils import translation

    with translation.override("nl"):  # the titularis opens it in Dutch
        evaluation = _open(world)
    year = evaluation.year
    aso = world.users["aso"]
    aso.language = "fr"
    aso.save(update_fields=["language"])
    client.force_login(aso)
    html = client.get("/quality/").content.decode()
    assert "Évaluation du cours" in html and f"{world.course.name} {year}" in html
    assert "Cursusevaluatie" not in html
    survey = client.get("/api/v1/quality/surveys", HTTP_ACCEPT_LANGUAGE="fr").json()
    names = [s["name"] for s in survey if s["campaign_id"] == evaluation.campaign_id]
    assert names and "Cursusevaluatie" not in names[0]
    aso.language = "nl"
    aso.save(update_fields=["language"])
    html = client.get("/quality/").content.decode()
    assert f"Cursusevaluatie: {world.course.name} {year}" in html
    with translation.override("en"):
        assert str(evaluation.campaign) == f"Course evaluation: {world.course.name} {year}"


@pytest.mark.parametrize(
    "target",
    [
        {},
        {"roles": ["trainee"]},
        {"roles": ["stagemeester", "mentor"]},
        {"university": "university"},
        {"university": "nl_university", "roles": ["stagemeester"]},
        {"specialty": "specialty"},
        {"specialty": "nl_specialty"},
        {"country": "NL"},
        {"country": "BE", "roles": ["titularis", "coordinator"]},
        {"roles": ["ministry", "programme_admin", "authority_officer"]},
    ],
)
def test_news_mail_recipients_are_chosen_in_the_database_by_the_targeting_rules(
    world, target, django_assert_max_num_queries
):
    """The recipients of an important item are exactly those ``news_for`` shows it to (the rules
    of the dashboard), found in one query whatever the number of users."""
    from traject.accounts.models import User

    today = timezone.localdate()
    ministry = world.users["ministry"]
    world.users["other_aso"].is_active = False  # an inactive account gets no mail
    world.users["other_aso"].save(update_fields=["is_active"])
    item = services.news_create(
        actor=ministry,
        kind=NewsItem.Kind.ANNOUNCEMENT,
        title="Titel",
        body="Tekst",
        publish_on=today,
        expires_on=today,
        roles=target.get("roles", ()),
        university=getattr(world, target["university"]) if "university" in target else None,
        specialty=getattr(world, target["specialty"]) if "specialty" in target else None,
        country=target.get("country", ""),
    )
    with django_assert_max_num_queries(1):
        recipients = {u.pk for u in selectors.news_recipients(item)}
    expected = {
        u.pk
        for u in User.objects.filter(is_active=True)
        if item in selectors.news_for(u, today=today, include_read=True)
    }
    assert recipients == expected
    assert world.users["other_aso"].pk not in recipients
    if not target:
        assert world.users["aso"].pk in recipients and world.users["aios"].pk in recipients
    if target.get("country") == "NL":
        assert world.users["aios"].pk in recipients and world.users["aso"].pk not in recipients


def test_the_evaluation_form_shows_its_proposed_closing_date_in_the_date_field(client, world):
    """A date field is filled in ISO (what the browser's date picker reads): the proposed
    closing date showed as an empty 'dd/mm/yyyy' in Dutch and French."""
    client.force_login(world.users["titularis"])
    for language in ("nl", "fr"):
        client.post("/accounts/language/", {"language": language, "next": "/"})
        html = client.get(f"/programme/evaluations/new/{world.course.pk}/").content.decode()
        proposed = timezone.localdate() + datetime.timedelta(days=21)
        assert f'type="date" name="closes" value="{proposed.isoformat()}"' in html, language
