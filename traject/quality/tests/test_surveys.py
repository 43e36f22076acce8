import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from traject.audit.models import AuditEvent
from traject.quality.models import AnswerSet, Invitation
from traject.quality.selectors import (
    anonymity_threshold,
    campaign_results,
    group_report,
    response_rates,
)
from traject.quality.services import campaign_close, survey_response_submit

from .helpers import add_trainees, all_scores, answer, closed_campaign, open_campaign

pytestmark = pytest.mark.django_db


def test_answer_sets_have_no_column_that_could_point_to_a_person_or_a_moment():
    for field in AnswerSet._meta.get_fields():
        if field.is_relation:
            assert field.related_model._meta.label in {
                "quality.Campaign",
                "organisation.TrainingService",
                "organisation.Hospital",
                "organisation.Specialty",
            }, field.name
        assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField), (
            field.name
        )
    assert isinstance(AnswerSet._meta.pk, models.UUIDField)
    for field in Invitation._meta.get_fields():
        assert not isinstance(field, models.DateField | models.DateTimeField), field.name
        if field.is_relation:
            assert field.related_model is not AnswerSet


def test_opening_a_campaign_makes_one_anonymous_slot_per_invitee_and_invites_by_mail(
    world, django_capture_on_commit_callbacks
):
    add_trainees(world, world.service, 3)
    with django_capture_on_commit_callbacks(execute=True):
        campaign = open_campaign(world)
    invited = Invitation.objects.filter(campaign=campaign).count()
    assert invited == 5  # the world's two ASO and three more
    assert AnswerSet.objects.filter(campaign=campaign, filled=False).count() == invited
    assert len(mail.outbox) == invited


def test_a_national_campaign_of_the_fod_addresses_the_belgian_training_only(world):
    """A national campaign invited every trainee and trainer in the database, the Dutch aios
    and opleider too: the Belgian ministry's survey is not theirs."""
    import datetime

    from django.utils import timezone

    from traject.quality.instruments import (
        ASO_INSTRUMENT,
        COORDINATOR_INSTRUMENT,
        STAGEMEESTER_INSTRUMENT,
        get_instrument,
    )
    from traject.quality.services import campaign_open
    from traject.testing import factories as f

    today = timezone.localdate()
    dutch_coordinator = f.HospitalCoordinatorFactory(hospital=world.nl_hospital).user
    invited = {}
    for code in (ASO_INSTRUMENT, STAGEMEESTER_INSTRUMENT, COORDINATOR_INSTRUMENT):
        campaign = campaign_open(
            name=f"Nationaal {code}",
            instrument=get_instrument(code),
            opens=today,
            closes=today + datetime.timedelta(days=14),
            actor=world.users["ministry"],
        )
        invited[code] = set(
            Invitation.objects.filter(campaign=campaign).values_list("user_id", flat=True)
        )
    assert world.users["aso"].pk in invited[ASO_INSTRUMENT]
    assert world.users["aios"].pk not in invited[ASO_INSTRUMENT]
    assert world.users["stagemeester"].pk in invited[STAGEMEESTER_INSTRUMENT]
    assert world.users["opleider"].pk not in invited[STAGEMEESTER_INSTRUMENT]
    assert world.users["coordinator"].pk in invited[COORDINATOR_INSTRUMENT]
    assert dutch_coordinator.pk not in invited[COORDINATOR_INSTRUMENT]


def test_a_dutch_universitys_campaign_asks_the_aios_in_their_words_and_refuses_the_belgian_survey(
    world,
):
    """The shipped surveys spoke of ASO, stagemeester and stagedienst: a Dutch university's
    campaign now uses the instruments written for the Dutch training, and the Belgian ones
    are refused for it (and the Dutch ones for a Belgian or national campaign)."""
    import datetime

    from django.utils import timezone

    from traject.quality.instruments import ASO_INSTRUMENT, get_instrument
    from traject.quality.services import campaign_open
    from traject.testing import factories as f

    today = timezone.localdate()
    admin = f.ProgrammeAdministratorFactory(university=world.nl_university).user
    dates = {"opens": today, "closes": today + datetime.timedelta(days=14)}
    aios_survey = get_instrument("aios-learning-climate")
    assert aios_survey.country == "NL" and get_instrument(ASO_INSTRUMENT).country == "BE"
    campaign = campaign_open(
        name="Leerklimaat UU",
        instrument=aios_survey,
        university=world.nl_university,
        actor=admin,
        **dates,
    )
    invited = set(Invitation.objects.filter(campaign=campaign).values_list("user_id", flat=True))
    assert invited == {world.users["aios"].pk}
    with pytest.raises(ValidationError) as refused:
        campaign_open(
            name="Belgisch",
            instrument=get_instrument(ASO_INSTRUMENT),
            university=world.nl_university,
            actor=admin,
            **dates,
        )
    assert "instrument" in refused.value.message_dict
    for actor, university in (
        (world.users["programme_admin"], world.university),
        (world.users["ministry"], None),
    ):
        with pytest.raises(ValidationError):
            campaign_open(
                name="Nederlands",
                instrument=aios_survey,
                university=university,
                actor=actor,
                **dates,
            )


def test_a_response_fills_an_existing_slot_so_no_row_is_added_in_response_order(world):
    users = add_trainees(world, world.service, 3)
    campaign = open_campaign(world)
    keys_before = set(AnswerSet.objects.filter(campaign=campaign).values_list("pk", flat=True))
    answer(campaign, users)
    keys_after = set(AnswerSet.objects.filter(campaign=campaign).values_list("pk", flat=True))
    assert keys_before == keys_after
    assert AnswerSet.objects.filter(campaign=campaign, filled=True).count() == 3
    invitation_ids = {str(i) for i in Invitation.objects.values_list("pk", flat=True)}
    assert not invitation_ids & {str(k) for k in keys_after}


def test_the_database_holds_no_link_between_a_respondent_and_an_answer(world):
    users = add_trainees(world, world.service, 5)
    campaign = open_campaign(world)
    survey_response_submit(
        campaign=campaign, scores=all_scores(value=1), free_text="uniek-antwoord", actor=users[0]
    )
    answer(campaign, users[1:], value=5)
    campaign_close(campaign=campaign, actor=world.users["programme_admin"])
    filled = AnswerSet.objects.get(free_text="uniek-antwoord")
    row = AnswerSet.objects.filter(pk=filled.pk).values().get()
    user_ids = {u.pk for u in users}
    invitation_ids = set(Invitation.objects.values_list("pk", flat=True))
    for column, value in row.items():
        if column in {
            "campaign_id",
            "service_id",
            "hospital_id",
            "specialty_id",
            "training_year",
            "filled",
            "sealed",
            "scores",
            "free_text",
        }:
            continue
        assert value not in user_ids | invitation_ids, column
    # Nothing about the response reaches the audit log either.
    assert not AuditEvent.objects.filter(summary__icontains="uniek").exists()
    assert not AuditEvent.objects.filter(object_type="quality.answerset").exists()


def test_a_person_answers_once(world):
    campaign = open_campaign(world)
    survey_response_submit(campaign=campaign, scores=all_scores(), actor=world.users["aso"])
    with pytest.raises(ValidationError):
        survey_response_submit(campaign=campaign, scores=all_scores(), actor=world.users["aso"])


def test_someone_not_invited_cannot_answer(world):
    campaign = open_campaign(world)
    with pytest.raises(PermissionDenied):
        survey_response_submit(
            campaign=campaign, scores=all_scores(), actor=world.users["stagemeester"]
        )


def test_an_incomplete_or_out_of_scale_answer_is_refused(world):
    campaign = open_campaign(world)
    scores = all_scores()
    scores.popitem()
    with pytest.raises(ValidationError):
        survey_response_submit(campaign=campaign, scores=scores, actor=world.users["aso"])
    with pytest.raises(ValidationError):
        survey_response_submit(
            campaign=campaign, scores=all_scores(value=6), actor=world.users["aso"]
        )
    answers = all_scores()
    answers[next(iter(answers))] = None  # not applicable is fine
    survey_response_submit(campaign=campaign, scores=answers, actor=world.users["aso"])


def test_a_report_for_a_group_of_four_responses_is_refused(world):
    campaign = closed_campaign(world, {world.service: 4})
    assert ("service", world.service.pk) not in campaign_results(campaign)
    report = group_report(campaign.instrument, "service", world.service.pk)
    assert report["editions"] and not report["any_shown"]
    assert report["editions"][0]["themes"] == {} and report["editions"][0]["free_text"] == []


def test_a_report_for_a_group_of_five_shows_theme_scores_and_free_text(world):
    campaign = closed_campaign(
        world, {world.service: 5, world.other_service: 5}, value=4, free_text="Meer feedback graag"
    )
    report = group_report(campaign.instrument, "service", world.service.pk)
    latest = report["latest"]
    assert latest["count"] == 5
    assert set(latest["themes"].values()) == {4.0}
    assert latest["free_text"] == ["Meer feedback graag"] * 5
    assert latest["national"]  # ten responses in the campaign: the national figure is shown
    assert "<svg" in report["bar_chart"]


def test_no_report_while_the_campaign_is_open(world):
    users = add_trainees(world, world.service, 6)
    campaign = open_campaign(world)
    answer(campaign, users)
    assert campaign_results(campaign) == {}


def test_the_threshold_never_drops_below_three(settings):
    settings.ANONYMITY_THRESHOLD = 1
    assert anonymity_threshold() == 3


def test_response_rates_hide_groups_smaller_than_the_threshold(world):
    users = add_trainees(world, world.service, 5)
    campaign = open_campaign(world)
    answer(campaign, users[:3])
    rates = response_rates(campaign)
    assert [g["invited"] for g in rates["groups"]] == [6]  # the ASO of the world is there too
    assert rates["groups"][0]["band"] == "40–60%"
    assert rates["small"] == {"invited": 1, "band": "0–20%"}  # other_service's single ASO, merged
    assert rates["total"]["invited"] == 7


def test_a_full_response_is_shown_as_a_band_so_it_does_not_say_that_everyone_answered(world):
    users = add_trainees(world, world.service, 4)
    campaign = open_campaign(world)
    answer(campaign, [world.users["aso"], *users])
    assert response_rates(campaign)["groups"][0]["band"] == "80–100%"


def test_closing_removes_unused_slots_and_stops_answers(world):
    users = add_trainees(world, world.service, 2)
    campaign = open_campaign(world)
    answer(campaign, users)
    campaign_close(campaign=campaign, actor=world.users["programme_admin"])
    assert AnswerSet.objects.filter(campaign=campaign).count() == 2
    with pytest.raises(ValidationError):
        survey_response_submit(campaign=campaign, scores=all_scores(), actor=world.users["aso"])


def test_only_the_scope_holder_closes_a_campaign(world):
    campaign = open_campaign(world)
    with pytest.raises(PermissionDenied):
        campaign_close(campaign=campaign, actor=world.users["ministry"])


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_no_answer_row_carries_a_respondents_transaction_id():
    from django.db import connection

    from traject.testing.world import build_world

    if connection.vendor != "postgresql":
        pytest.skip("xmin exists on PostgreSQL only")
    world = build_world()
    users = add_trainees(world, world.service, 3)
    campaign = open_campaign(world)
    answer(campaign, users)  # each response commits its own transaction
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM quality_answerset WHERE campaign_id = %s",
            [campaign.pk],
        )
        answer_xmins = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT DISTINCT xmin::text, xmax::text FROM quality_invitation WHERE campaign_id = %s",
            [campaign.pk],
        )
        invitation_versions = cursor.fetchall()
    # All answer rows, filled or empty, share one row version: nothing singles out a response.
    assert len(answer_xmins) == 1
    # The invitations are neither written nor locked by a response: all still carry the
    # transaction that opened the campaign, and no locker's id.
    assert len(invitation_versions) == 1
    assert invitation_versions[0][1] == "0"
    assert not answer_xmins & {invitation_versions[0][0]}
