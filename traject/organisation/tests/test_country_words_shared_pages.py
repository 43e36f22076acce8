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


def dashboard(client) -> str:
    # The whole dashboard: role line, navigation, section titles and bodies.
    return visible(client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode())


def section_titles(client) -> list[str]:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    return [
        visible(title).strip()
        for title in re.findall(r'<h2 [^>]*class="section-title"[^>]*>(.*?)</h2>', html, re.S)
    ]


@pytest.mark.parametrize("persona", ["aios", "opleider"])
def test_a_dutch_reader_sees_no_belgian_word(client, world, persona):
    client.force_login(world.users[persona])
    text = dashboard(client)
    assert not BELGIAN.findall(text), text
    assert "Mentor" not in text  # mentor groups are Belgian
    if persona == "aios":
        assert "Uw rollen: aios" in text
    else:
        assert "Uw rollen: Opleider" in text and "Mijn aios" in text  # navigation
        titles = section_titles(client)
        assert {"Mijn aios", "Wacht op u als opleider", "Opleidingsgroep"} <= set(titles), titles
        table = visible(client.get("/portfolio/my-aso/").content.decode())
        assert "Mijn aios" in table and not BELGIAN.findall(table), BELGIAN.findall(table)
    profile = visible(client.get("/accounts/profile/").content.decode())
    assert not BELGIAN.findall(profile), BELGIAN.findall(profile)


@pytest.mark.parametrize("persona", ["aso", "stagemeester"])
def test_a_belgian_reader_keeps_the_belgian_words(client, world, persona):
    client.force_login(world.users[persona])
    text = dashboard(client)
    if persona == "aso":
        assert "Uw rollen: ASO (arts-specialist in opleiding)" in text
        assert "Mentor" in text
    else:
        assert "Uw rollen: Stagemeester" in text and "Mijn ASO" in text
        titles = section_titles(client)
        assert {"Mijn ASO", "Wacht op u als stagemeester", "Stageteam"} <= set(titles), titles
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


def belgian_words_on(client, paths) -> dict:
    """The Belgian words each page shows (in Dutch), by path; every page must answer 200."""
    found = {}
    for path in paths:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl", follow=True)
        assert response.status_code == 200, path
        words = BELGIAN.findall(visible(response.content.decode()))
        if words:
            found[path] = words
    return found


AIOS_PAGES = [
    "/portfolio/",
    "/portfolio/feedback/",
    "/portfolio/feedback/ask/",
    "/portfolio/iop/",
    "/workfloor/now/",
    "/worktime/",
    "/worktime/report/",
    "/worktime/leave/",
    "/worktime/settings/",
    "/worktime/pay/",
    "/conversations/plans/",
    "/quality/",
    "/accounts/profile/",
]


def test_the_pages_of_a_dutch_aios_menu_say_no_belgian_word(client, world):
    """Not only the dashboard: every page one tap from the aios's menu (the hours page told a
    Dutch aios that 'your stagemeester' cannot see them)."""
    client.force_login(world.users["aios"])
    assert not belgian_words_on(client, AIOS_PAGES)


OPLEIDER_PAGES = [
    "/workfloor/team/",
    "/quality/",
    "/quality/activities/",
    "/quality/self-evaluation/",
    "/quality/self-evaluation/new/",
    "/portfolio/my-aso/",
    "/programme/",
]


def test_the_pages_of_a_dutch_opleiders_menu_say_no_belgian_word(client, world):
    client.force_login(world.users["opleider"])
    assert not belgian_words_on(client, OPLEIDER_PAGES)
    client.force_login(world.users["stagemeester"])  # the Belgian stagemeester keeps his words
    team = visible(client.get("/workfloor/team/", HTTP_ACCEPT_LANGUAGE="nl").content.decode())
    assert "Stageteam" in team and "Uw ASO kunnen" in team
