"""Hostile strings in every form field and query parameter of every page: never a 500.

For each page of the permission table that some persona may open, that persona opens it, every
form on it is sent with every field set to a hostile string (NUL, 1 MB, a right-to-left
override, emoji, a spreadsheet formula, an overlong number, markup), and the page itself is
opened with those strings in the usual query parameters. Runs on SQLite and on PostgreSQL (where
a NUL or an out-of-range number used to reach the database as a 500).
"""

import json
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.urls import reverse

from traject.core.tests.test_permission_table import ROWS, _world

HOSTILE = {
    "nul": "ab\x00cd",
    "megabyte": "x" * 1_000_000,
    # a right-to-left override, emoji, a spreadsheet formula and markup in one value
    "mixed": '\u202eexe.fdp 🙂👩‍⚕️ =HYPERLINK("http://evil","klik") <script>alert(1)</script>\'"--',
    "number": "99999999999999999999999",
}
QUERY_PARAMETERS = ["q", "page", "start", "end", "instrument", "status", "kind", "year", "week"]
PAGES = [
    row
    for row in ROWS
    if row.method == "GET"
    and not row.url_name.startswith("api:")
    and any(status == 200 for persona, status in row.expect.items() if persona != "anonymous")
]


class _Forms(HTMLParser):
    """The forms of a page: action, method and the names of their fields."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action") or "",
                    "method": (attrs.get("method") or "get").lower(),
                    "fields": [],
                }
            )
        elif tag in {"input", "textarea", "select"} and self.forms and attrs.get("name"):
            if attrs.get("type") in {"file", "submit", "button", "image", "reset"}:
                return
            self.forms[-1]["fields"].append(attrs["name"])


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _world()
        transaction.set_rollback(True)


_FORMS: dict = {}


def _forms_of(client, url: str) -> list:
    """The forms of a page (read once per page and persona, then reused for every string)."""
    if url not in _FORMS:
        page = client.get(url)
        parser = _Forms()
        if "html" in page.get("Content-Type", ""):
            parser.feed(page.content.decode(errors="replace"))
        _FORMS[url] = parser.forms
    return _FORMS[url]


def _send(client, method, url, data):
    with transaction.atomic():
        response = client.post(url, data) if method == "post" else client.get(url, data)
        transaction.set_rollback(True)
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", list(HOSTILE), ids=list(HOSTILE))
def test_no_page_or_form_errs_on_hostile_input(client, fuzz_world, hostile):
    world = fuzz_world
    value = HOSTILE[hostile]
    errors = []
    sent = 0
    for row in PAGES:
        persona = next(p for p, s in row.expect.items() if s == 200 and p != "anonymous")
        url = reverse(row.url_name, args=row.args(world) if row.args else [])
        client.force_login(world.users[persona])
        response = _send(client, "get", url, dict.fromkeys(QUERY_PARAMETERS, value))
        sent += 1
        if response.status_code >= 500:
            errors.append(f"GET {url}?…={hostile} as {persona}: {response.status_code}")
        for form in _forms_of(client, url):
            target = urljoin(url, form["action"]) if form["action"] else url
            if urlsplit(target).netloc:
                continue
            data = {name: value for name in form["fields"] if name != "csrfmiddlewaretoken"}
            response = _send(client, form["method"], target, data)
            sent += 1
            if response.status_code >= 500:
                errors.append(
                    f"{form['method'].upper()} {target} ({', '.join(sorted(data))}) "
                    f"={hostile} as {persona}: {response.status_code}"
                )
    assert sent > len(PAGES)  # forms were found and sent, not only pages opened
    assert not errors, "\n".join(errors[:40])


@pytest.mark.django_db
def test_hostile_strings_in_api_bodies_are_refused_as_json(client, fuzz_world):
    world = fuzz_world
    client.force_login(world.users["aso"])
    for hostile in ("nul", "megabyte"):
        response = client.post(
            "/api/v1/accounts/tokens",
            data=json.dumps({"name": HOSTILE[hostile]}),
            content_type="application/json",
        )
        assert response.status_code == 400
        assert response.json()["code"] == "invalid"
