"""Organisations have a country; the OORs and the Dutch specialties are reference data; the
interface speaks NL words to NL organisations from the same catalogue."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from traject.organisation.models import Country, Hospital, Region, Specialty
from traject.organisation.vocabulary import term

pytestmark = pytest.mark.django_db


def test_the_eight_oors_and_the_dutch_specialties_are_loaded():
    assert Region.objects.count() == 8
    assert Region.objects.filter(umc__icontains="UMC Utrecht").exists()
    dutch = Specialty.objects.filter(country=Country.NETHERLANDS)
    assert dutch.count() >= 30
    assert dutch.get(code="nl-interne-geneeskunde").duration_years == 6
    assert not Specialty.objects.filter(country="BE", code__startswith="nl-").exists()


def test_only_a_dutch_hospital_belongs_to_an_oor():
    hospital = Hospital(name="AZ X", city="Gent", region=Region.objects.first())
    with pytest.raises(ValidationError) as error:
        hospital.full_clean()
    assert "region" in error.value.message_dict
    hospital.country = Country.NETHERLANDS
    hospital.full_clean()


@pytest.mark.parametrize(
    ("language", "belgian", "dutch"),
    [
        ("nl", "ASO", "aios"),
        ("fr", "MACCS", "aios (médecin en formation)"),
        ("en", "ASO", "resident (aios)"),
    ],
)
def test_words_follow_the_country_in_every_language(language, belgian, dutch):
    with translation.override(language):
        assert term("trainee", Country.BELGIUM) == belgian
        assert term("trainee", Country.NETHERLANDS) == dutch
    with translation.override("nl"):
        assert term("trainer", "NL") == "opleider" and term("trainer", "BE") == "stagemeester"
        assert term("team", "NL") == "opleidingsgroep"


def test_the_api_lists_the_regions_and_the_country_of_a_specialty(client, world):
    client.force_login(world.users["aios"])
    regions = client.get("/api/v1/organisation/regions").json()["items"]
    assert len(regions) == 8
    specialties = {
        s["code"]: s
        for s in client.get("/api/v1/organisation/specialties?limit=500").json()["items"]
    }
    assert specialties["nl-urologie"]["country"] == "NL"
    assert specialties["urologie"]["country"] == "BE"


def test_the_trainee_page_speaks_dutch_words_for_a_dutch_aios(client, world):
    client.force_login(world.users["aios"])
    body = client.get(f"/organisation/trainees/{world.aios_trainee.pk}/").content.decode()
    assert "aios ·" in body and "Opleider" in body and "Stagemeester" not in body
    client.force_login(world.users["aso"])
    body = client.get(f"/organisation/trainees/{world.trainee.pk}/").content.decode()
    assert "ASO ·" in body and "Stagemeester" in body
