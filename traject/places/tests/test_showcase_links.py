"""The public showcase is found without knowing its address: the login page, the site header and
footer link it for visitors without an account, and the menu for everyone signed in (nl/fr/en)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SHOWCASE = "/places/showcase/"


def links(html: str, text: str) -> list[str]:
    return re.findall(rf'<a href="{re.escape(SHOWCASE)}"[^>]*>\s*{re.escape(text)}\s*</a>', html)


@pytest.mark.parametrize(
    ("language", "label", "button"),
    [
        ("nl", "Opleidingsetalage", "Naar de opleidingsetalage"),
        ("fr", "Vitrine des formations", "Ouvrir la vitrine des formations"),
        ("en", "Training showcase", "Open the training showcase"),
    ],
)
def test_the_login_page_links_the_showcase(client, language, label, button):
    assert reverse("places:showcase") == SHOWCASE
    client.cookies["traject_language"] = language
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'lang="{language}"' in html
    assert len(links(html, label)) == 2  # header and footer
    assert len(links(html, button)) == 1  # the invitation under the login form
    # A visitor follows it without an account.
    assert client.get(SHOWCASE).status_code == 200


def test_the_showcase_page_links_back_to_logging_in(client):
    html = client.get(SHOWCASE, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'aria-current="page">Opleidingsetalage' in html
    assert '<a href="/accounts/login/">Aanmelden</a>' in html


def test_the_menu_links_the_showcase_for_someone_signed_in(client, world):
    client.force_login(world.users["aso"])
    html = client.get("/").content.decode()
    # The bar and the folded phone menu carry it, and the footer.
    assert len(links(html, "Opleidingsetalage")) == 3
    assert '<a href="/accounts/login/">' not in html
