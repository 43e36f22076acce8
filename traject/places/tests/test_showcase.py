"""The public showcase: no login, only published groups, only scores at/above the threshold."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from traject.places import services
from traject.places.models import ShowcasePage
from traject.quality.selectors import anonymity_threshold
from traject.quality.tests.helpers import closed_campaign
from traject.testing import factories as f
from traject.testing.world import build_world

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def world(db):
    w = build_world()
    third = f.TrainingServiceFactory(
        hospital=w.other_hospital, specialty=w.specialty, name="Geriatrie"
    )
    w.add(third=third)
    threshold = anonymity_threshold()
    # The ASO of the first stagedienst reach the threshold; the other stagedienst stays below.
    closed_campaign(w, {w.service: threshold + 1, w.other_service: 1, third: threshold})
    for service, published in ((w.service, True), (w.other_service, True), (third, False)):
        services.save_showcase(
            actor=w.users["coordinator"],
            service=service,
            data={"published": published, "introduction": f"Welkom bij {service.name}"},
            expected_version=None,
        )
    return w


def test_anonymous_sees_published_groups_and_only_reportable_scores(client, world):
    response = client.get(reverse("places:showcase"))
    assert response.status_code == 200
    html = response.content.decode()
    assert world.service.name in html and world.other_service.name in html
    # The unpublished group does not appear, though it reached the threshold.
    assert "Geriatrie" not in html
    entries = {e["service"].pk: e for e in response.context["entries"]}
    assert set(entries) == {world.service.pk, world.other_service.pk}
    assert entries[world.service.pk]["climate"]["count"] >= anonymity_threshold()
    assert entries[world.service.pk]["climate"]["score"] == pytest.approx(4.0)
    # Below the threshold: no score at all.
    assert entries[world.other_service.pk]["climate"] is None
    group = client.get(reverse("places:showcase_group", args=[world.other_service.pk]))
    assert group.status_code == 200 and group.context["entry"]["climate"] is None
    assert b"too few responses" in group.content or b"te weinig" in group.content
    assert client.get(reverse("places:showcase_group", args=[world.third.pk])).status_code == 404


def test_no_trainee_names_on_public_pages(client, world):
    pages = [
        reverse("places:showcase"),
        reverse("places:showcase_group", args=[world.service.pk]),
        reverse("places:showcase_compare")
        + f"?ids={world.service.pk}&ids={world.other_service.pk}",
    ]
    from traject.organisation.models import Trainee

    names = [t.user.get_full_name() for t in Trainee.objects.select_related("user")]
    emails = [t.user.email for t in Trainee.objects.select_related("user")]
    for url in pages:
        html = client.get(url).content.decode()
        for value in names + emails:
            assert value not in html, (url, value)


def test_compare_takes_at_most_three_and_ignores_unpublished_and_junk(client, world):
    extra = []
    for name in ("A", "B"):
        service = f.TrainingServiceFactory(
            hospital=world.hospital, specialty=world.specialty, name=f"Dienst {name}"
        )
        services.save_showcase(
            actor=None, service=service, data={"published": True}, expected_version=None
        )
        extra.append(service)
    ids = [world.service.pk, world.third.pk, extra[0].pk, extra[1].pk]
    query = "&".join(f"ids={i}" for i in ids) + "&ids=abc&ids=%00"
    response = client.get(reverse("places:showcase_compare") + "?" + query)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        shown = [e["service"].pk for e in response.context["entries"]]
        assert world.third.pk not in shown and len(shown) <= 3


def test_search_filter_and_sort(client, world):
    response = client.get(reverse("places:showcase"), {"q": "Interne"})
    assert [e["service"].pk for e in response.context["entries"]] == [world.other_service.pk]
    response = client.get(reverse("places:showcase"), {"sort": "climate"})
    assert response.context["entries"][0]["service"].pk == world.service.pk
    response = client.get(reverse("places:showcase"), {"region": "prov:oost-vlaanderen"})
    assert [e["service"].pk for e in response.context["entries"]] == [world.service.pk]
    response = client.get(reverse("places:showcase"), {"specialty": "nothing"})
    assert response.status_code == 200


def test_group_edits_own_page_with_preview_and_photo(client, world):
    client.force_login(world.users["stagemeester"])
    url = reverse("places:showcase_edit", args=[world.service.pk])
    page = ShowcasePage.objects.get(service=world.service)
    preview = client.post(
        url,
        {
            "introduction": "Voorbeeldtekst",
            "published": "on",
            "expected_version": page.version,
            "preview": "1",
        },
    )
    assert preview.status_code == 200 and b"Voorbeeldtekst" in preview.content
    page.refresh_from_db()
    assert page.introduction != "Voorbeeldtekst"  # a preview saves nothing
    saved = client.post(
        url,
        {
            "introduction": '=HYPERLINK("x")',
            "published": "on",
            "expected_version": page.version,
            "photo_alt": "Het team",
            "photo_upload": SimpleUploadedFile("team.png", PNG, content_type="image/png"),
        },
    )
    assert saved.status_code == 302
    page.refresh_from_db()
    assert page.photo and page.version == 2
    photo = client.get(reverse("places:showcase_photo", args=[world.service.pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    # Another group's page is not theirs.
    other = client.get(reverse("places:showcase_edit", args=[world.other_service.pk]))
    assert other.status_code == 404
    # A stale version is refused, not applied.
    stale = client.post(url, {"introduction": "Oud", "expected_version": 1})
    assert stale.status_code == 400
    page.refresh_from_db()
    assert page.introduction.startswith("=HYPERLINK")


def test_out_of_range_ids_are_not_found_not_errors(client, world):
    huge = "99999999999999999999999"
    assert client.get(f"/places/showcase/{huge}/").status_code == 404
    assert client.get(f"/places/showcase/{huge}/photo/").status_code == 404
    assert client.get(f"/api/v1/places/showcase/{huge}").status_code in (404, 422)
    response = client.get(
        reverse("places:showcase_compare"), {"ids": [huge, str(world.service.pk)]}
    )
    assert response.status_code == 200
    assert [e["service"].pk for e in response.context["entries"]] == [world.service.pk]


def test_dashboard_offers_the_group_its_showcase_page(client, world):
    client.force_login(world.users["stagemeester"])
    response = client.get("/")
    assert response.status_code == 200
    assert reverse("places:showcase_mine").encode() in response.content
    client.force_login(world.users["aso"])
    assert reverse("places:showcase_mine").encode() not in client.get("/").content
