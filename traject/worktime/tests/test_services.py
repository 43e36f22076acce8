import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from traject.audit.models import AuditEvent
from traject.core.concurrency import ConflictError
from traject.worktime import services
from traject.worktime.models import LeaveDay, TimeEntry

from .helpers import add, at, set_reference

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2025, 1, 6)


@pytest.fixture
def aso(world):
    set_reference(world.trainee, MONDAY)
    return world.trainee


def test_settings_default_to_belgium_brussels_and_a_monday(aso):
    s = services.settings_for(aso)
    assert (s.jurisdiction, s.timezone) == ("BE", "Europe/Brussels")
    assert s.reference_start.weekday() == 0


def test_a_dutch_aios_is_checked_by_the_dutch_rules_on_amsterdam_time_until_they_choose(
    world, client
):
    """Before they save settings of their own, the defaults are the trainee's country's (a Dutch
    aios was checked by the Belgian law); reading them writes nothing."""
    from traject.worktime.models import WorktimeSettings

    aios = world.aios_trainee
    s = services.settings_for(aios)
    assert (s.jurisdiction, s.timezone) == ("NL", "Europe/Amsterdam")
    assert not WorktimeSettings.objects.filter(trainee=aios).exists()
    client.force_login(world.users["aios"])
    page = client.get("/worktime/settings/").content.decode()
    assert 'value="NL" selected' in page and "Europe/Amsterdam" in page
    assert not WorktimeSettings.objects.filter(trainee=aios).exists()


def test_an_aso_registers_an_entry_and_the_write_is_audited(aso):
    entry = add(aso, "2025-01-06 08:00", "2025-01-06 20:00")
    assert entry.hours == 12
    assert AuditEvent.objects.filter(action="create", object_id=str(entry.pk)).exists()


def test_nobody_else_may_write_an_aso_registration(world, aso):
    for persona in ("other_aso", "stagemeester", "mentor", "coordinator", "ministry"):
        with pytest.raises(PermissionDenied):
            services.time_entry_create(
                trainee=aso,
                actor=world.users[persona],
                start=at("2025-01-06 08:00"),
                end=at("2025-01-06 17:00"),
                kind="planned",
            )


def test_an_end_before_the_start_is_refused(aso):
    with pytest.raises(ValidationError):
        add(aso, "2025-01-06 20:00", "2025-01-06 08:00")


def test_two_counted_entries_that_overlap_are_refused_naming_the_other(aso):
    add(aso, "2025-01-06 08:00", "2025-01-06 17:00")
    with pytest.raises(ValidationError) as exc:
        add(aso, "2025-01-06 16:00", "2025-01-06 22:00")
    assert "08:00" in " ".join(exc.value.messages)


def test_touching_entries_and_a_callout_inside_a_standby_are_fine(aso):
    add(aso, "2025-01-10 08:00", "2025-01-10 18:00")
    add(aso, "2025-01-10 18:00", "2025-01-13 08:00", "oncall_home_standby")
    add(aso, "2025-01-11 03:00", "2025-01-11 05:00", "oncall_home_callout")
    assert TimeEntry.objects.filter(trainee=aso).count() == 3


def test_an_edit_from_an_outdated_version_is_refused(aso):
    entry = add(aso, "2025-01-06 08:00", "2025-01-06 17:00")
    seen = entry.version
    services.time_entry_update(
        entry=TimeEntry.objects.get(pk=entry.pk),
        actor=aso.user,
        start=entry.start,
        end=at("2025-01-06 18:00"),
        kind="planned",
        expected_version=seen,
    )
    with pytest.raises(ConflictError):
        services.time_entry_update(
            entry=TimeEntry.objects.get(pk=entry.pk),
            actor=aso.user,
            start=entry.start,
            end=at("2025-01-06 19:00"),
            kind="planned",
            expected_version=seen,
        )
    assert TimeEntry.objects.get(pk=entry.pk).end == at("2025-01-06 18:00")


def test_copying_last_week_keeps_local_times_over_the_clock_change(aso):
    # The week of 24 March 2025 is before the spring clock change, 31 March after it.
    add(aso, "2025-03-24 08:00", "2025-03-24 17:00")
    add(aso, "2025-03-29 20:00", "2025-03-30 08:00")
    result = services.week_copy_previous(
        trainee=aso, actor=aso.user, week=datetime.date(2025, 4, 2)
    )
    assert result.ok and len(result.created) == 2
    starts = sorted(
        e.start for e in TimeEntry.objects.filter(trainee=aso, start__gte=at("2025-03-31 00:00"))
    )
    assert starts == [at("2025-03-31 08:00"), at("2025-04-05 20:00")]


def test_copy_and_repeat_are_all_or_nothing(aso):
    add(aso, "2025-01-06 08:00", "2025-01-06 17:00")
    add(aso, "2025-01-27 10:00", "2025-01-27 12:00")  # clashes with the third repetition
    result = services.week_repeat(trainee=aso, actor=aso.user, week=MONDAY, times=4)
    assert not result.ok
    assert "27/01/2025 08:00" in result.failures[0][0]
    assert TimeEntry.objects.filter(trainee=aso).count() == 2
    ok = services.week_repeat(trainee=aso, actor=aso.user, week=MONDAY, times=2)
    assert ok.ok and TimeEntry.objects.filter(trainee=aso).count() == 4


def test_marking_leave_skips_the_weekend_and_replaces_the_kind(aso):
    marked = services.leave_days_mark(
        trainee=aso,
        actor=aso.user,
        first=MONDAY,
        last=MONDAY + datetime.timedelta(days=6),
        kind="vacation",
    )
    assert len(marked) == 5
    services.leave_days_mark(trainee=aso, actor=aso.user, first=MONDAY, last=MONDAY, kind="sick")
    assert LeaveDay.objects.get(trainee=aso, date=MONDAY).kind == "sick"
    assert LeaveDay.objects.filter(trainee=aso).count() == 5


def test_a_summary_of_violated_rules_is_refreshed_after_each_change(
    aso, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    day = timezone.localdate() - datetime.timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        add(aso, f"{day} 08:00", f"{day + datetime.timedelta(days=1)} 10:00", "oncall_inhouse")
    aso.refresh_from_db()
    assert aso.compliance_summary.has_entries
    assert aso.compliance_summary.violated_rules == ["BE_STINT_MAX_24H"]


def test_sharing_a_report_notifies_the_recipient_and_revoking_stops_it(
    world, aso, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        share = services.report_share_create(
            trainee=aso,
            actor=aso.user,
            recipient=world.users["titularis"],
            period_start=MONDAY,
            period_end=MONDAY + datetime.timedelta(days=30),
        )
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["titularis@example.test"]
    services.report_share_revoke(share=share, actor=aso.user)
    share.refresh_from_db()
    assert not share.is_active


def test_opt_out_periods_may_not_overlap(aso):
    from traject.worktime.models import OptOutAgreement

    services.opt_out_save(
        agreement=OptOutAgreement(trainee=aso, signed_on=datetime.date(2025, 1, 1)), actor=aso.user
    )
    with pytest.raises(ValidationError):
        services.opt_out_save(
            agreement=OptOutAgreement(trainee=aso, signed_on=datetime.date(2025, 6, 1)),
            actor=aso.user,
        )


def test_the_counters_speak_of_an_opt_out_only_under_rules_that_have_one(world, client):
    from traject.worktime import selectors

    assert selectors.counters(world.aios_trainee).opt_out_possible is False  # Dutch rules
    assert selectors.counters(world.trainee).opt_out_possible is True  # Belgian law
    client.force_login(world.users["aios"])
    page = client.get("/worktime/").content.decode()
    assert "uren boven 48" in page and "(opt-out)" not in page
