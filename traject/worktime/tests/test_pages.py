import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from traject.audit.models import AuditEvent
from traject.worktime import services
from traject.worktime.models import LeaveDay, TimeEntry
from traject.worktime.timeutil import week_start

from .helpers import add, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def aso_client(client, world):
    client.force_login(world.users["aso"])
    return client


def this_monday():
    return week_start(timezone.localdate())


def test_the_week_view_shows_days_holidays_and_counters(aso_client, world):
    # The week of Christmas 2024 in Belgium: a public holiday on Wednesday.
    add(world.trainee, "2024-12-23 08:00", "2024-12-23 20:00")
    response = aso_client.get(reverse("worktime:week_of", args=["2024-12-25"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kerstmis" in body
    assert 'data-counter="week"' in body
    assert "12 / 60" in body


def test_one_tap_preset_registers_a_night(aso_client, world):
    monday = this_monday()
    response = aso_client.post(
        reverse("worktime:entry_add"), {"day": monday.isoformat(), "preset": "night"}
    )
    assert response.status_code == 302
    entry = TimeEntry.objects.get(trainee=world.trainee)
    assert entry.hours in (11, 12, 13)  # 12 h, except over a clock change
    assert entry.start.astimezone(services.settings_for(world.trainee).zone).hour == 20


def test_a_custom_entry_with_an_end_before_the_start_is_a_night(aso_client, world):
    response = aso_client.post(
        reverse("worktime:entry_add"),
        {"day": "2025-01-06", "start_time": "22:00", "end_time": "07:00", "kind": "oncall_inhouse"},
    )
    assert response.status_code == 302
    assert TimeEntry.objects.get().end == at("2025-01-07 07:00")


def test_a_time_that_does_not_exist_is_refused_in_the_form(aso_client):
    response = aso_client.post(
        reverse("worktime:entry_add"),
        {"day": "2025-03-30", "start_time": "02:30", "end_time": "08:00", "kind": "planned"},
    )
    assert response.status_code == 200
    assert "02:30" in response.content.decode()
    assert not TimeEntry.objects.exists()


def test_an_overlap_is_shown_in_the_form_and_nothing_is_saved(aso_client, world):
    add(world.trainee, "2025-01-06 08:00", "2025-01-06 17:00")
    response = aso_client.post(
        reverse("worktime:entry_add"),
        {"day": "2025-01-06", "start_time": "12:00", "end_time": "20:00", "kind": "planned"},
    )
    assert response.status_code == 200
    assert TimeEntry.objects.count() == 1


def test_editing_with_an_old_version_shows_a_conflict(aso_client, world):
    entry = add(world.trainee, "2025-01-06 08:00", "2025-01-06 17:00")
    data = {"day": "2025-01-06", "start_time": "08:00", "end_time": "18:00", "kind": "planned"}
    url = reverse("worktime:entry_edit", args=[entry.pk])
    assert aso_client.post(url, {**data, "version": entry.version}).status_code == 302
    response = aso_client.post(url, {**data, "end_time": "19:00", "version": entry.version})
    assert response.status_code == 200
    assert TimeEntry.objects.get().end == at("2025-01-06 18:00")


def test_a_violation_is_explained_in_plain_words(aso_client, world):
    monday = datetime.date(2025, 1, 6)
    for d in range(5):
        day = monday + datetime.timedelta(days=d)
        add(world.trainee, f"{day} 07:00", f"{day} 19:00")
    add(world.trainee, "2025-01-11 07:00", "2025-01-11 08:00")
    body = aso_client.get(reverse("worktime:week_of", args=["2025-01-06"])).content.decode()
    assert 'data-rule="BE_WEEK_MAX"' in body
    assert "61" in body and "60" in body


def test_copy_repeat_and_leave_from_the_week_view(aso_client, world):
    add(world.trainee, "2025-01-06 08:00", "2025-01-06 17:00")
    aso_client.post(reverse("worktime:week_copy", args=["2025-01-13"]))
    aso_client.post(reverse("worktime:week_repeat", args=["2025-01-13"]), {"times": 2})
    assert TimeEntry.objects.count() == 4
    aso_client.post(
        reverse("worktime:leave"),
        {"first": "2025-02-10", "last": "2025-02-14", "kind": "vacation", "weekdays_only": "on"},
    )
    assert LeaveDay.objects.count() == 5


def test_import_is_all_or_nothing_with_the_failing_lines(aso_client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = (
        "start,end,kind\n"
        "2025-01-06T08:00,2025-01-06T17:00,planned\n"
        "2025-01-07T08:00,2025-01-07T17:00,napping\n"
        "2025-01-08T20:00,2025-01-08T08:00,planned\n"
    )
    response = aso_client.post(
        reverse("worktime:import"), {"file": SimpleUploadedFile("roster.csv", bad.encode())}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "napping" in body and "<td>3</td>" in body and "<td>4</td>" in body
    assert not TimeEntry.objects.exists()
    good = bad.replace("napping", "planned").replace("2025-01-08T08:00", "2025-01-09T08:00")
    response = aso_client.post(
        reverse("worktime:import"), {"file": SimpleUploadedFile("roster.csv", good.encode())}
    )
    assert response.status_code == 302
    assert TimeEntry.objects.count() == 3


def test_an_ics_roster_imports_with_kinds_from_the_summary(aso_client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Europe/Brussels:20250106T080000\r\n"
        "DTEND;TZID=Europe/Brussels:20250107T080000\r\nSUMMARY:Wacht 24u\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20250110\r\nDTEND;VALUE=DATE:20250111\r\n"
        "SUMMARY:Verlof\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    response = aso_client.post(
        reverse("worktime:import"), {"file": SimpleUploadedFile("roster.ics", ics.encode())}
    )
    assert response.status_code == 302
    assert TimeEntry.objects.get().kind == "oncall_inhouse"
    assert LeaveDay.objects.get().date == datetime.date(2025, 1, 10)


def test_exports_round_trip_and_the_pdf_is_a_pdf(aso_client, world):
    add(world.trainee, "2025-01-06 08:00", "2025-01-06 17:00")
    add(world.trainee, "2025-01-07 20:00", "2025-01-08 08:00", "oncall_inhouse")
    query = "?start=2025-01-06&end=2025-01-12"
    csv_text = aso_client.get(reverse("worktime:export", args=["csv"]) + query).content.decode()
    assert "2025-01-07T20:00+01:00" in csv_text
    ics = aso_client.get(reverse("worktime:export", args=["ics"]) + query).content
    assert b"X-TRAJECT-KIND:oncall_inhouse" in ics
    pdf = aso_client.get(reverse("worktime:export", args=["pdf"]) + query)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    # Re-import the CSV for another ASO: same entries.
    from traject.worktime import transfer

    candidates = transfer.parse_csv(csv_text, services.settings_for(world.trainee).zone)
    assert [(c.entry.start, c.entry.kind) for c in candidates] == list(
        TimeEntry.objects.order_by("start").values_list("start", "kind")
    )


def test_the_pdf_report_holds_the_violations(aso_client, world):
    from io import BytesIO

    from pypdf import PdfReader

    add(world.trainee, "2025-01-07 08:00", "2025-01-08 10:00", "oncall_inhouse")
    pdf = aso_client.get(
        reverse("worktime:export", args=["pdf"]) + "?start=2025-01-06&end=2025-01-12"
    )
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert "BE_STINT_MAX_24H" in text


def test_a_shared_report_is_visible_to_its_recipient_only_and_each_read_is_audited(client, world):
    add(world.trainee, "2025-01-06 08:00", "2025-01-06 17:00")
    share = services.report_share_create(
        trainee=world.trainee,
        actor=world.users["aso"],
        recipient=world.users["stagemeester"],
        period_start=datetime.date(2025, 1, 6),
        period_end=datetime.date(2025, 1, 12),
    )
    url = reverse("worktime:shared_report", args=[share.pk])
    client.force_login(world.users["stagemeester"])
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="read", subject=world.users["aso"]).count() == 1
    # The stagemeester still cannot open the registration itself.
    assert client.get(reverse("worktime:week")).status_code == 403
    client.force_login(world.users["mentor"])
    assert client.get(url).status_code == 404
    services.report_share_revoke(share=share, actor=world.users["aso"])
    client.force_login(world.users["stagemeester"])
    assert client.get(url).status_code == 404


def test_the_pay_check_shows_the_difference_line_by_line(aso_client, world):
    # January 2024: a 2024 table is seeded. One weekend standby (Fri 18:00 - Mon 08:00).
    add(world.trainee, "2024-01-05 18:00", "2024-01-08 08:00", "oncall_home_standby")
    response = aso_client.post(reverse("worktime:pay"), {"month": "2024-01", "gross": "3000.00"})
    assert response.status_code == 302
    body = aso_client.get(reverse("worktime:pay") + "?month=2024-01").content.decode()
    assert 'id="wt-pay-difference"' in body
    assert "79,54" in body and "3597,01" in body
    assert "badge bad" in body


def test_the_ministry_sees_only_groups_of_at_least_five(client, world, settings):
    from traject.testing import factories as f
    from traject.worktime.models import ComplianceSummary

    settings.ANONYMITY_THRESHOLD = 3  # never below 5 here
    today = timezone.localdate()
    for i in range(4):
        trainee = f.TraineeFactory(specialty=world.specialty, university=world.university)
        f.StageFactory(
            trainee=trainee,
            service=world.service,
            stagemeester=world.users["stagemeester"],
            start=today,
            end=today,
        )
        ComplianceSummary.objects.create(
            trainee=trainee,
            period_start=today,
            period_end=today,
            has_entries=True,
            violated_rules=["BE_WEEK_MAX"] if i < 2 else [],
        )
    client.force_login(world.users["ministry"])
    body = client.get(reverse("worktime:statistics")).content.decode()
    assert "UZ Gent" not in body
    ComplianceSummary.objects.create(
        trainee=world.trainee,
        period_start=today,
        period_end=today,
        has_entries=True,
        violated_rules=[],
    )
    body = client.get(reverse("worktime:statistics")).content.decode()
    assert "UZ Gent" in body and "40 %" in body
    # Readable column titles; the rule id stays as a small reference.
    assert "Meer dan 60 uur in een week" in body
    # The CSV export, with its headers in the reader's language.
    world.users["ministry"].language = "fr"
    world.users["ministry"].save()
    response = client.get(reverse("worktime:statistics") + "?format=csv")
    assert response.streaming
    csv_text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, first = csv_text.splitlines()[:2]
    assert header.startswith("Hôpital,Spécialité,MACCS,")
    assert "Plus de 60 heures dans une semaine (%) [BE_WEEK_MAX]" in header
    assert first.split(",")[-1].strip('"') in ("40", "40,0")


def test_the_ministry_statistics_come_in_pages_with_totals_a_search_and_the_whole_csv(
    client, world, settings, monkeypatch
):
    """Every group is reachable (pages), the totals are of the whole filtered set, the search
    keeps the matching groups, and the CSV holds every filtered group, not one page."""
    from traject.worktime import selectors as worktime_selectors
    from traject.worktime import views as worktime_views
    from traject.worktime.selectors import StatisticsRow

    monkeypatch.setattr(worktime_views, "STATISTICS_PER_PAGE", 2)
    rows = [
        StatisticsRow(
            hospital=f"Ziekenhuis {i}",
            specialty="Cardiologie" if i % 2 else "Pediatrie",
            trainees=5 + i,
            with_violation=i,
            shares={"BE_WEEK_MAX": 10 * i},
        )
        for i in range(5)
    ]
    monkeypatch.setattr(
        worktime_selectors, "ministry_statistics", lambda minimum: (rows, 3, ["BE_WEEK_MAX"])
    )
    client.force_login(world.users["ministry"])
    url = reverse("worktime:statistics")
    first = client.get(url).content.decode()
    assert "Ziekenhuis 0" in first and "Ziekenhuis 1" in first and "Ziekenhuis 2" not in first
    # Totals of all five groups: 5+6+7+8+9 ASO, 0+1+2+3+4 with a violation.
    assert "Groepen: 5 · ASO: 35 · met een overtreding: 10" in first
    last = client.get(url + "?page=3").content.decode()
    assert "Ziekenhuis 4" in last and "Ziekenhuis 0" not in last
    # The search (case-insensitive) on the specialty; totals follow the filter.
    found = client.get(url + "?q=cardio").content.decode()
    assert "Groepen: 2 · ASO: 14 · met een overtreding: 4" in found
    assert "Ziekenhuis 1" in found and "Ziekenhuis 0" not in found
    assert "format=csv&amp;q=cardio" in found
    assert "Geen enkele groep" in client.get(url + "?q=niets").content.decode()
    # The CSV: every filtered group (more than a page), streamed.
    response = client.get(url + "?format=csv&q=ziekenhuis")
    assert response.streaming
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 5
    only = b"".join(client.get(url + "?format=csv&q=pediatrie").streaming_content)
    assert only.decode("utf-8-sig").count("Pediatrie") == 3


def test_the_statistics_rows_escape_the_names_and_format_large_numbers(client, world, monkeypatch):
    """The table's rows are built in the view (not the template): names are escaped, numbers are
    formatted as the template would (Django's number_format: no grouping is configured)."""
    from traject.worktime import selectors as worktime_selectors
    from traject.worktime.selectors import StatisticsRow

    row = StatisticsRow(
        hospital='<script>alert("x")</script> & Co',
        specialty="<b>Cardio</b>",
        trainees=1234,
        with_violation=7,
        shares={"BE_WEEK_MAX": 42},
    )
    monkeypatch.setattr(
        worktime_selectors, "ministry_statistics", lambda minimum: ([row], 0, ["BE_WEEK_MAX"])
    )
    client.force_login(world.users["ministry"])
    html = client.get(reverse("worktime:statistics")).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
    assert "&amp; Co" in html and "&lt;b&gt;Cardio&lt;/b&gt;" in html
    assert '<td class="num-cell">1234</td>' in html
    assert '<td class="num-cell">7</td>' in html and '<td class="num-cell">42 %</td>' in html


def test_the_chart_of_weekly_hours_has_a_bar_per_week_in_svg_numbers(aso_client, world):
    import re

    today = timezone.localdate()
    monday = week_start(today) - datetime.timedelta(days=14)
    for d in range(5):
        day = monday + datetime.timedelta(days=d)
        add(world.trainee, f"{day} 07:00", f"{day} 19:00")
    add(
        world.trainee,
        f"{monday + datetime.timedelta(days=5)} 07:00",
        f"{monday + datetime.timedelta(days=5)} 09:00",
    )
    body = aso_client.get(reverse("worktime:report")).content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert svg.count("<rect") == 26
    assert svg.count('class="bar over"') == 1  # the 62-hour week
    # Dutch number formatting (a decimal comma) would break the SVG coordinates.
    assert not re.search(r'(x|y|width|height)="\d+,\d', svg)


def test_only_the_pay_table_is_in_the_admin_and_its_2024_values_are_seeded(client, world):
    from django.contrib import admin

    from traject.worktime.models import (
        LeaveDay,
        OptOutAgreement,
        Payslip,
        PayTable,
        ReportShare,
        TimeEntry,
    )

    assert admin.site.is_registered(PayTable)
    for model in (TimeEntry, LeaveDay, OptOutAgreement, Payslip, ReportShare):
        assert not admin.site.is_registered(model)
    table = PayTable.objects.get(year=2024)
    bases = {b.training_year: str(b.monthly_base) for b in table.bases.all()}
    assert bases == {
        1: "3597.01",
        2: "3712.59",
        3: "3857.08",
        4: "4001.57",
        5: "4174.96",
        6: "4348.35",
    }
    assert (str(table.standby_fee_weekday_day), str(table.standby_fee_other)) == ("53.03", "79.54")
    world.users["aso"].is_staff = world.users["aso"].is_superuser = True
    world.users["aso"].save()
    client.force_login(world.users["aso"])
    assert client.get(f"/admin/worktime/paytable/{table.pk}/change/").status_code == 200
