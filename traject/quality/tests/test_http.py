"""Behaviour through the pages and the API, including the anonymity guarantees."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from traject.quality.models import AnswerSet, Item, SelfEvaluation
from traject.testing import factories as f

from . import permission_rows
from .helpers import add_trainees, all_scores, answer, closed_campaign, open_campaign

pytestmark = pytest.mark.django_db

SECRET = "ZEBRA-unieke-opmerking"


# Every GET page and endpoint that shows anything about surveys, responses or reports.
SURVEY_URLS = {
    "core:dashboard",
    "quality:home",
    "quality:survey_list",
    "quality:survey_respond",
    "quality:campaign_list",
    "quality:campaign_detail",
    "quality:report_index",
    "quality:report_detail",
    "quality:report_csv",
    "quality:action_update",
    "api:quality_my_surveys",
    "api:quality_my_survey",
    "api:quality_campaign_list",
    "api:quality_campaign_detail",
    "api:quality_report",
}


def _get_urls(world, campaign):
    yield reverse("core:dashboard")
    for row in permission_rows.ROWS:
        if row.method != "GET" or row.url_name not in SURVEY_URLS:
            continue
        yield reverse(row.url_name, args=row.args(world) if row.args else [])
    for name in ("quality:survey_respond", "api:quality_my_survey", "api:quality_campaign_detail"):
        yield reverse(name, args=[campaign.pk])


def test_no_page_or_endpoint_reveals_who_gave_which_answer(world, client):
    from traject.quality.services import campaign_close, survey_response_submit

    others = add_trainees(world, world.service, 5)
    campaign = open_campaign(world)
    aso = world.users["aso"]
    survey_response_submit(
        campaign=campaign, scores=all_scores(value=1), free_text=SECRET, actor=aso
    )
    answer(campaign, others, value=5)
    campaign_close(campaign=campaign, actor=world.users["programme_admin"])
    permission_rows.extend_world(world)
    identifiers = [aso.email, aso.get_full_name(), str(aso.pk)]
    seen_secret = False
    for persona, user in world.users.items():
        client.force_login(user)
        for url in [
            *_get_urls(world, campaign),
            reverse("quality:report_detail", args=["service", world.service.pk]),
        ]:
            if url.endswith(".pdf"):
                continue  # compressed; the same data as the HTML report
            response = client.get(url)
            if response.streaming:
                continue  # uploaded dossier files and proofs
            body = response.content.decode("utf-8", "replace")
            if SECRET in body:
                seen_secret = True
                assert persona != "aso", f"the respondent reads their answer back at {url}"
                assert aso.email not in body and aso.get_full_name() not in body, url
        client.logout()
    assert seen_secret  # the comment is in the report (6 responses), just not linked to anyone
    client.force_login(aso)
    mine = client.get(f"/api/v1/quality/surveys/{campaign.pk}").json()
    assert mine["responded"] is True
    assert "scores" not in json.dumps(mine) and SECRET not in json.dumps(mine)
    assert all(
        str(i) not in json.dumps(mine) for i in AnswerSet.objects.values_list("pk", flat=True)
    )
    assert identifiers  # used above


def test_an_aso_answers_through_the_page_once(world, client):
    campaign = open_campaign(world)
    client.force_login(world.users["aso"])
    url = reverse("quality:survey_respond", args=[campaign.pk])
    page = client.get(url)
    assert (
        page.status_code == 200
        and "not applicable" in page.content.decode()
        or "niet van toepassing" in page.content.decode()
    )
    codes = Item.objects.filter(theme__instrument=campaign.instrument).values_list(
        "code", flat=True
    )
    incomplete = client.post(url, {f"item-{c}": "3" for c in list(codes)[1:]})
    assert incomplete.status_code == 200  # the form comes back with the error
    response = client.post(url, {**{f"item-{c}": "3" for c in codes}, "free_text": "Goed"})
    assert response.status_code == 302
    assert AnswerSet.objects.filter(filled=True).count() == 1
    again = client.get(url)
    assert "Goed" not in again.content.decode()


def test_the_api_takes_a_response_once_and_never_gives_it_back(world, client):
    campaign = open_campaign(world)
    client.force_login(world.users["aso"])
    url = f"/api/v1/quality/surveys/{campaign.pk}/response"
    body = json.dumps({"scores": all_scores(), "free_text": "x"})
    assert client.post(url, body, content_type="application/json").status_code == 201
    second = client.post(url, body, content_type="application/json")
    assert second.status_code == 400
    bad = client.post(
        f"/api/v1/quality/surveys/{campaign.pk}/response", "{}", content_type="application/json"
    )
    assert bad.status_code in (400, 422)


def test_the_api_refuses_a_report_for_a_group_of_four(world, client):
    closed_campaign(world, {world.service: 4})
    client.force_login(world.users["stagemeester"])
    response = client.get(f"/api/v1/quality/reports/service/{world.service.pk}")
    assert response.status_code == 403
    page = client.get(reverse("quality:report_detail", args=["service", world.service.pk]))
    assert page.status_code == 200
    assert "<svg" not in page.content.decode()


def test_a_report_is_exported_as_pdf_and_csv(world, client):
    closed_campaign(world, {world.service: 5, world.other_service: 5})
    client.force_login(world.users["stagemeester"])
    args = ["service", world.service.pk]
    pdf = client.get(reverse("quality:report_pdf", args=args))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    csv = client.get(reverse("quality:report_csv", args=args)).content.decode()
    # The headers in the reader's language (Dutch here), after a BOM for the spreadsheet.
    assert csv.splitlines()[0].startswith("\ufeffGroep,Jaar,Campagne")
    assert len(csv.splitlines()) == 1 + 6  # one line per theme
    api = client.get(f"/api/v1/quality/reports/service/{world.service.pk}").json()
    assert api["editions"][0]["responses"] == 5


def test_a_stagemeester_writes_and_follows_up_an_improvement_action(world, client):
    campaign = closed_campaign(world, {world.service: 5, world.other_service: 5})
    client.force_login(world.users["stagemeester"])
    url = reverse("quality:action_create", args=[world.service.pk, campaign.pk])
    assert client.post(url, {"action": "Dagelijkse feedback na de wachtdienst"}).status_code == 302
    page = client.get(reverse("quality:report_detail", args=["service", world.service.pk]))
    assert "Dagelijkse feedback na de wachtdienst" in page.content.decode()


def test_a_self_evaluation_is_compared_with_the_previous_one(world, client):
    client.force_login(world.users["stagemeester"])
    from traject.quality.services import self_evaluation_create

    codes = Item.objects.filter(theme__instrument__code="trainer-competency-profile").values_list(
        "code", flat=True
    )
    self_evaluation_create(scores=dict.fromkeys(codes, 2), actor=world.users["stagemeester"])
    latest = self_evaluation_create(
        scores=dict.fromkeys(codes, 4), actor=world.users["stagemeester"]
    )
    page = client.get(reverse("quality:selfeval_detail", args=[latest.pk]))
    assert "+2" in page.content.decode()
    client.force_login(world.users["ministry"])
    assert client.get(reverse("quality:selfeval_detail", args=[latest.pk])).status_code == 404
    assert SelfEvaluation.objects.count() == 2


def test_a_dutch_opleider_evaluates_themself_on_the_profile_in_the_dutch_trainings_words(
    world, client
):
    """The four competencies are the Dutch training's; the Dutch opleider read them as the
    Belgian stagemeester's ("Bewaakt de voortgang van de ASO")."""
    opleider = world.users["opleider"]
    client.force_login(opleider)
    form = client.get(reverse("quality:selfeval_create"), HTTP_ACCEPT_LANGUAGE="nl")
    html = form.content.decode()
    assert "Competentieprofiel van de opleider" in html
    assert "Bewaakt de voortgang van de aios" in html
    assert "ASO" not in html and "stagemeester" not in html.lower()
    codes = Item.objects.filter(theme__instrument__code="opleider-competency-profile").values_list(
        "code", flat=True
    )
    assert len(codes) == 12
    answers = {f"item-{code}": "4" for code in codes}
    answers["free_text"] = "Meer KPB's op de werkvloer."
    response = client.post(reverse("quality:selfeval_create"), answers)
    evaluation = SelfEvaluation.objects.get(trainer=opleider)
    assert (
        response.status_code == 302 and evaluation.instrument.code == "opleider-competency-profile"
    )
    assert set(evaluation.scores) == set(codes)
    client.post(reverse("accounts:set_language"), {"language": "fr", "next": "/"})
    detail = client.get(response.url).content.decode()
    assert 'lang="fr"' in detail and "Veille à la progression de l&#x27;aios" in detail
    assert "MACCS" not in detail
    # The Belgian stagemeester keeps the Belgian profile and words.
    client.force_login(world.users["stagemeester"])
    html = client.get(
        reverse("quality:selfeval_create"), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "Competentieprofiel van de stagemeester" in html and "voortgang van de ASO" in html


def test_a_document_of_the_wrong_type_is_refused_on_the_page(world, client):
    from traject.quality.services import application_create

    application = application_create(
        kind="service", service=world.service, requested_places=2, actor=world.users["coordinator"]
    )
    client.force_login(world.users["coordinator"])
    url = reverse("quality:application_document_add", args=[application.pk])
    fake = SimpleUploadedFile("plan.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url, {"kind": "other", "file": fake})
    assert response.status_code == 200 and application.documents.count() == 0
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 ok", content_type="application/pdf")
    assert client.post(url, {"kind": "other", "file": good}).status_code == 302
    document = application.documents.get()
    download = client.get(
        reverse("quality:application_document_download", args=[application.pk, document.pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(world.users["other_stagemeester"])
    assert (
        client.get(
            reverse("quality:application_document_download", args=[application.pk, document.pk])
        ).status_code
        == 404
    )


def test_the_register_searches_and_exports_current_recognitions(world, client):
    client.force_login(world.users["ministry"])
    page = client.get(reverse("quality:register"), {"q": "Brugge"})
    hospitals = {row["hospital"] for row in page.context["rows"]}  # the filter lists them all
    assert "AZ Brugge" in hospitals and "UZ Gent" not in hospitals
    assert "AZ Brugge" in page.content.decode()
    csv = b"".join(client.get(reverse("quality:register_csv")).streaming_content).decode()
    assert "UZ Gent" in csv and "AZ Brugge" in csv


def test_response_rates_show_no_names(world, client):
    users = add_trainees(world, world.service, 5)
    campaign = open_campaign(world)
    answer(campaign, users[:2])
    client.force_login(world.users["programme_admin"])
    body = client.get(reverse("quality:campaign_detail", args=[campaign.pk])).content.decode()
    assert "2 of 7" in body or "2 van 7" in body
    for user in users:
        assert user.last_name not in body


def test_the_api_receives_a_dossier_document_as_a_multipart_file(world, client):
    from traject.quality.services import application_create

    application = application_create(
        kind="service", service=world.service, requested_places=2, actor=world.users["coordinator"]
    )
    client.force_login(world.users["coordinator"])
    url = f"/api/v1/quality/applications/{application.pk}/documents"
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 ok", content_type="application/pdf")
    response = client.post(url, {"kind": "other", "file": upload})
    assert response.status_code == 201, response.content
    assert application.documents.get().original_name == "plan.pdf"


def test_the_page_and_the_api_answer_the_same_for_a_report_they_refuse(world, client):
    """One access function: an unknown kind or survey is 404 on the page and in the API alike."""
    closed_campaign(world, {world.service: 5})
    client.force_login(world.users["stagemeester"])
    for kind, key, query in (
        ("nonsense", world.service.pk, ""),
        ("service", world.service.pk, "?instrument=nonsense"),
        ("service", 999999, ""),
    ):
        page = client.get(reverse("quality:report_detail", args=[kind, key]) + query)
        api = client.get(f"/api/v1/quality/reports/{kind}/{key}{query}")
        assert (page.status_code, api.status_code) == (404, 404), (kind, query)
    client.force_login(world.users["aso"])
    page = client.get(reverse("quality:report_detail", args=["service", world.service.pk]))
    api = client.get(f"/api/v1/quality/reports/service/{world.service.pk}")
    assert (page.status_code, api.status_code) == (403, 403)


def test_an_improvement_action_answers_a_closed_campaign_on_the_page_and_in_the_api(world, client):
    campaign = open_campaign(world)
    client.force_login(world.users["stagemeester"])
    page = client.post(
        reverse("quality:action_create", args=[world.service.pk, campaign.pk]), {"action": "x"}
    )
    api = client.post(
        f"/api/v1/quality/reports/service/{world.service.pk}/campaigns/{campaign.pk}/actions",
        json.dumps({"action": "x"}),
        content_type="application/json",
    )
    assert (page.status_code, api.status_code) == (404, 404)


def test_the_api_refuses_text_that_is_too_long_instead_of_cutting_it(world, client):
    import datetime

    from django.utils import timezone

    from traject.quality.models import EducationalActivity

    client.force_login(world.users["stagemeester"])
    body = {
        "service_id": world.service.pk,
        "participant": "Dr. Peeters",
        "title": "x" * 301,
        "provider": "UGent",
        "date": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "hours": "3.0",
    }
    response = client.post(
        "/api/v1/quality/activities", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert not EducationalActivity.objects.filter(participant="Dr. Peeters").exists()
    ok = client.post(
        "/api/v1/quality/activities",
        json.dumps({**body, "title": "x" * 300}),
        content_type="application/json",
    )
    assert ok.status_code == 201, ok.content
    assert EducationalActivity.objects.get(participant="Dr. Peeters").title == "x" * 300


def test_a_dossier_document_is_removed_only_with_the_version_the_editor_saw(world, client):
    from traject.quality.models import SupportingDocument
    from traject.quality.services import application_create

    application = application_create(
        kind="service", service=world.service, requested_places=2, actor=world.users["coordinator"]
    )
    client.force_login(world.users["coordinator"])
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 ok", content_type="application/pdf")
    client.post(
        reverse("quality:application_document_add", args=[application.pk]),
        {"kind": "other", "file": good},
    )
    document = application.documents.get()
    detail = client.get(reverse("quality:application_detail", args=[application.pk]))
    assert 'name="version" value="1"' in detail.content.decode()
    url = reverse("quality:application_document_delete", args=[application.pk, document.pk])
    assert client.post(url).status_code == 428
    SupportingDocument.objects.filter(pk=document.pk).update(version=2)  # changed meanwhile
    stale = client.post(url, {"version": 1})
    assert stale.status_code == 409
    assert "Intussen heeft iemand anders dit gewijzigd" in stale.content.decode()
    assert "plan.pdf" in stale.content.decode()  # nothing lost: the dossier as it is now
    assert application.documents.filter(pk=document.pk).exists()
    assert client.post(url, {"version": 2}).status_code == 302
    assert not application.documents.exists()


def test_the_campaign_form_offers_the_surveys_of_the_scopes_training_and_explains_a_mismatch(
    world, client
):
    from traject.quality.models import Campaign, Instrument
    from traject.testing import factories as f

    admin = f.ProgrammeAdministratorFactory(university=world.nl_university).user
    client.force_login(admin)
    url = reverse("quality:campaign_create")
    html = client.get(url).content.decode()
    assert (
        "Leerklimaat in de opleiding (aios)" in html
        and "Opleiden in de praktijk (opleider)" in html
    )
    assert "Leerklimaat in de stagedienst (ASO)" not in html
    # A Belgian administrator is offered the Belgian surveys only.
    client.force_login(world.users["programme_admin"])
    html = client.get(url).content.decode()
    assert "Leerklimaat in de stagedienst (ASO)" in html and "(aios)" not in html
    # An administrator of both a Belgian and a Dutch university sees both; choosing the Belgian
    # survey for the Dutch university is refused on the page, in their language, nothing opened.
    f.ProgrammeAdministratorFactory(user=admin, university=world.university)
    client.force_login(admin)
    belgian = Instrument.objects.get(code="aso-learning-climate")
    today = datetime.date.today()
    response = client.post(
        url,
        {
            "name": "Verkeerd",
            "instrument": belgian.pk,
            "scope": f"{world.nl_university.pk}:",
            "opens": today.isoformat(),
            "closes": (today + datetime.timedelta(days=14)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Deze bevraging is geschreven voor de opleiding in België" in response.content.decode()
    assert not Campaign.objects.filter(name="Verkeerd").exists()


def test_the_api_opens_a_dutch_campaign_with_the_dutch_survey_only(world, client):
    from traject.quality.models import Campaign
    from traject.testing import factories as f

    admin = f.ProgrammeAdministratorFactory(university=world.nl_university).user
    client.force_login(admin)
    today = datetime.date.today()
    payload = {
        "name": "Leerklimaat UU",
        "university_id": world.nl_university.pk,
        "opens": today.isoformat(),
        "closes": (today + datetime.timedelta(days=14)).isoformat(),
    }
    refused = client.post(
        "/api/v1/quality/campaigns",
        json.dumps({**payload, "instrument": "aso-learning-climate"}),
        content_type="application/json",
    )
    assert refused.status_code in (400, 422) and "instrument" in json.dumps(refused.json())
    assert not Campaign.objects.exists()
    opened = client.post(
        "/api/v1/quality/campaigns",
        json.dumps({**payload, "instrument": "aios-learning-climate"}),
        content_type="application/json",
    )
    assert opened.status_code == 201 and opened.json()["instrument"] == "aios-learning-climate"


def test_a_dutch_groups_report_opens_on_the_aios_survey(world, client):
    """The report page opened on the Belgian survey whatever the group: a Dutch
    opleidingsgroep found 'not enough responses' there, and its own survey behind a link."""

    from traject.quality.instruments import AIOS_INSTRUMENT
    from traject.quality.services import campaign_close

    service = world.nl_service
    users = add_trainees(
        world,
        service,
        5,
        university=world.nl_university,
        stagemeester=world.users["opleider"],
    )
    admin = f.ProgrammeAdministratorFactory(university=world.nl_university).user
    campaign = open_campaign(
        world,
        "Leerklimaat UU",
        instrument_code=AIOS_INSTRUMENT,
        university=world.nl_university,
        actor=admin,
    )
    answer(campaign, users, instrument_code=AIOS_INSTRUMENT)
    campaign_close(campaign=campaign, actor=admin)
    client.force_login(world.users["opleider"])
    html = client.get(reverse("quality:report_detail", args=["service", service.pk])).content
    html = html.decode()
    assert "Leerklimaat in de opleiding (aios)" in html
    assert "Leerklimaat in de stagedienst (ASO)" not in html
    assert "Leerklimaat UU" in html
    api = client.get(f"/api/v1/quality/reports/service/{service.pk}")
    assert api.status_code == 200 and api.json()["instrument"] == AIOS_INSTRUMENT


def test_the_campaign_form_shows_its_proposed_dates_in_the_date_fields(world, client):
    """The proposed opening and closing dates showed as empty date pickers in Dutch and French
    (the field was filled in the language's format, which a date input cannot read)."""
    client.force_login(world.users["programme_admin"])
    today = datetime.date.today()
    for language in ("nl", "fr"):
        client.post("/accounts/language/", {"language": language, "next": "/"})
        html = client.get(reverse("quality:campaign_create")).content.decode()
        assert f'type="date" name="opens" value="{today.isoformat()}"' in html, language
        closes = (today + datetime.timedelta(days=28)).isoformat()
        assert f'type="date" name="closes" value="{closes}"' in html, language
