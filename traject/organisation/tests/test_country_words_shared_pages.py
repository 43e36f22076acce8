"""Shared pages speak the reader's country's words (organisation/vocabulary.py): a Dutch aios and
opleider read aios / opleider / opleidingsgroep, a Belgian ASO and stagemeester read the Belgian
words, on the dashboard (role line, section bodies), the navigation and the stagemeester's table."""

import re

import pytest

pytestmark = pytest.mark.django_db

BELGIAN = re.compile(r"\bASO\b|stagemeester|stageteam", re.IGNORECASE)


def visible(html: str) -> str:
    """The text a reader sees: no scripts, styles, tags or attribute values."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def dashboard_without_section_titles(client) -> str:
    # The section titles come from the apps' dashboard_sections.py (another change); the role
    # line, the navigation and every section body are checked here.
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    return visible(re.sub(r'<h2 [^>]*class="section-title">.*?</h2>', " ", html, flags=re.S))


@pytest.mark.parametrize("persona", ["aios", "opleider"])
def test_a_dutch_reader_sees_no_belgian_word(client, world, persona):
    client.force_login(world.users[persona])
    text = dashboard_without_section_titles(client)
    assert not BELGIAN.findall(text), text
    assert "Mentor" not in text  # mentor groups are Belgian
    if persona == "aios":
        assert "Uw rollen: aios" in text
    else:
        assert "Uw rollen: Opleider" in text and "Mijn aios" in text  # navigation
        table = visible(client.get("/portfolio/my-aso/").content.decode())
        assert "Mijn aios" in table and not BELGIAN.findall(table), BELGIAN.findall(table)
    profile = visible(client.get("/accounts/profile/").content.decode())
    assert not BELGIAN.findall(profile), BELGIAN.findall(profile)


@pytest.mark.parametrize("persona", ["aso", "stagemeester"])
def test_a_belgian_reader_keeps_the_belgian_words(client, world, persona):
    client.force_login(world.users[persona])
    text = dashboard_without_section_titles(client)
    if persona == "aso":
        assert "Uw rollen: ASO (arts-specialist in opleiding)" in text
        assert "Mentor" in text
    else:
        assert "Uw rollen: Stagemeester" in text and "Mijn ASO" in text
        table = visible(client.get("/portfolio/my-aso/").content.decode())
        assert "Mijn ASO" in table


def test_a_french_dutch_aios_reads_aios_and_a_french_aso_maccs(client, world):
    for persona in ("opleider", "stagemeester"):
        world.users[persona].language = "fr"
        world.users[persona].save(update_fields=["language"])
    client.force_login(world.users["opleider"])
    text = visible(client.get("/portfolio/my-aso/").content.decode())
    assert "Mes aios" in text and "MACCS" not in text
    client.force_login(world.users["stagemeester"])
    text = visible(client.get("/portfolio/my-aso/").content.decode())
    assert "Mes MACCS" in text
