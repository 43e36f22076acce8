"""Dutch users read Dutch words on the shared pages: the navigation and the dashboard (#12)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _nav(body: str) -> list[str]:
    nav = re.search(r"<nav.*?</nav>", body, re.S).group(0)
    return [re.sub(r"<[^>]+>|\s+", " ", a).strip() for a in re.findall(r"<a[^>]*>.*?</a>", nav)]


def _dutch(user):
    user.language = "nl"
    user.save()
    return user


def test_the_aios_reads_opleider_and_no_belgian_path(client, world):
    client.force_login(_dutch(world.users["aios"]))
    body = client.get("/").content.decode()
    assert "Opleider: " in body and "Stagemeester: " not in body
    links = _nav(body)
    assert "Mijn gesprekscyclus" in links
    assert "Mijn traject naar erkenning" not in links  # the Belgian path is not theirs
    assert "Mijn traject naar erkenning" not in body


def test_the_opleider_reads_aios_in_the_navigation(client, world):
    client.force_login(_dutch(world.users["opleider"]))
    links = _nav(client.get("/").content.decode())
    assert "Mijn aios" in links and "Mijn ASO" not in links and "ASO" not in links
    # One item for their aios: the list of earlier ones is reached from "Mijn aios".
    assert "Aios" not in links
    assert "Plaatsvervanger en opleidingsgroep" in links


def test_belgian_users_keep_their_words(client, world):
    client.force_login(_dutch(world.users["aso"]))
    body = client.get("/").content.decode()
    assert "Stagemeester: " in body
    assert "Mijn traject naar erkenning" in _nav(body)
    client.force_login(_dutch(world.users["stagemeester"]))
    links = _nav(client.get("/").content.decode())
    assert "Mijn ASO" in links and "Mijn aios" not in links
