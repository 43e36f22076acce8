"""Malformed or oversized imports: the line and the reason, never a 500, never 5,000 days."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from traject.worktime import transfer
from traject.worktime.models import LeaveDay, TimeEntry

pytestmark = pytest.mark.django_db

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
TAIL = "END:VCALENDAR\r\n"
GOOD = (
    "BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20250106T080000\r\nDTEND:20250106T170000\r\n"
    "SUMMARY:Dienst\r\nEND:VEVENT\r\n"
)


def _event(body: str) -> str:
    return f"BEGIN:VEVENT\r\nUID:x\r\n{body}END:VEVENT\r\n"


MALFORMED = {
    "date-time start, date end": (
        "DTSTART:20250106T080000\r\nDTEND;VALUE=DATE:20250107\r\n",
        "allebei datums",
    ),
    "date start, date-time end": (
        "DTSTART;VALUE=DATE:20250106\r\nDTEND:20250106T170000\r\n",
        "allebei datums",
    ),
    "zoned start, naive end": (
        "DTSTART:20250106T080000Z\r\nDTEND:20250106T170000\r\n",
        "tijdzone",
    ),
    "not a date": ("DTSTART:notadate\r\nDTEND:20250106T170000\r\n", "DTSTART"),
}


@pytest.fixture
def aso(client, world):
    client.force_login(world.users["aso"])
    return client


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
def test_a_malformed_event_names_its_line_and_reason_on_the_page_and_in_the_api(aso, case):
    body, reason = MALFORMED[case]
    ics = HEAD + GOOD + _event(body) + TAIL  # the bad event begins on line 10
    page = aso.post(
        reverse("worktime:import"), {"file": SimpleUploadedFile("roster.ics", ics.encode())}
    )
    assert page.status_code == 200
    assert "regel 10 (gebeurtenis 2)" in page.content.decode()
    api = aso.post(
        "/api/v1/worktime/import",
        data=json.dumps({"format": "ics", "content": ics}),
        content_type="application/json",
    )
    assert api.status_code == 400, api.content
    detail = api.json()["detail"]
    assert any("10" in item["line"] and reason in item["message"] for item in detail), detail
    assert not TimeEntry.objects.exists()


def test_an_all_day_event_of_years_is_refused_not_turned_into_thousands_of_leave_days(aso):
    ics = HEAD + _event("DTSTART;VALUE=DATE:20250101\r\nDTEND;VALUE=DATE:20381001\r\n") + TAIL
    response = aso.post(
        "/api/v1/worktime/import",
        data=json.dumps({"format": "ics", "content": ics}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "62" in json.dumps(response.json())
    assert not LeaveDay.objects.exists()


def test_too_many_events_and_too_long_a_span_are_refused_with_a_clear_message(aso):
    many = (
        HEAD
        + "".join(
            _event(f"DTSTART:20250106T0{h % 10}0000\r\nDTEND:20250106T0{h % 10}3000\r\n")
            for h in range(transfer.MAX_LINES + 1)
        )
        + TAIL
    )
    response = aso.post(
        "/api/v1/worktime/import",
        data=json.dumps({"format": "ics", "content": many}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert str(transfer.MAX_LINES) in json.dumps(response.json())
    far = "start,end,kind\n2024-01-08T08:00,2024-01-08T17:00,planned\n2026-01-08T08:00,2026-01-08T17:00,planned\n"
    response = aso.post(
        reverse("worktime:import"), {"file": SimpleUploadedFile("roster.csv", far.encode())}
    )
    assert response.status_code == 200
    assert str(transfer.MAX_SPAN_DAYS) in response.content.decode()
    assert not TimeEntry.objects.exists()


def test_a_file_over_the_size_limit_is_refused(aso):
    big = "start,end,kind\n" + "x" * (transfer.MAX_IMPORT_BYTES + 10)
    response = aso.post(
        reverse("worktime:import"), {"file": SimpleUploadedFile("roster.csv", big.encode())}
    )
    assert response.status_code == 200
    assert "MB" in response.content.decode()
