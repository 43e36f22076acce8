"""Every update and delete says which version the editor saw: 428 without it, 409 when stale."""

import json

import pytest
from django.urls import reverse

from traject.worktime.models import TimeEntry

from .helpers import add

pytestmark = pytest.mark.django_db

ENTRY = {"start": "2025-01-06T08:00", "end": "2025-01-06T18:00", "kind": "planned"}


@pytest.fixture
def aso(client, world):
    client.force_login(world.users["aso"])
    return client


def test_the_api_refuses_an_update_without_the_version_and_takes_it_from_if_match(aso, world):
    entry = add(world.trainee, "2025-01-06 08:00", "2025-01-06 17:00")
    url = f"/api/v1/worktime/entries/{entry.pk}"
    missing = aso.put(url, json.dumps(ENTRY), content_type="application/json")
    assert missing.status_code == 428 and missing.json()["code"] == "version_required"
    entry.refresh_from_db()
    assert entry.hours == 9  # nothing applied
    stale = aso.put(
        url, json.dumps(ENTRY), content_type="application/json", headers={"If-Match": '"7"'}
    )
    assert stale.status_code == 409
    ok = aso.put(
        url, json.dumps(ENTRY), content_type="application/json", headers={"If-Match": 'W/"1"'}
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2


def test_the_page_refuses_an_edit_without_the_version(aso, world):
    entry = add(world.trainee, "2025-01-06 08:00", "2025-01-06 17:00")
    url = reverse("worktime:entry_edit", args=[entry.pk])
    form = {"day": "2025-01-06", "start_time": "08:00", "end_time": "18:00", "kind": "planned"}
    response = aso.post(url, form)
    assert response.status_code == 200 and response.context["form"].errors
    assert TimeEntry.objects.get(pk=entry.pk).version == 1
    stale = aso.post(url, {**form, "version": 5})
    assert stale.status_code == 200 and stale.context["form"].errors
    assert aso.post(url, {**form, "version": 1}).status_code == 302
    assert TimeEntry.objects.get(pk=entry.pk).version == 2


def test_the_page_refuses_a_delete_without_the_version(aso, world):
    entry = add(world.trainee, "2025-01-06 08:00", "2025-01-06 17:00")
    url = reverse("worktime:entry_delete", args=[entry.pk])
    response = aso.post(url)
    assert response.status_code == 428
    assert "Reload" in response.content.decode() or "Herlaad" in response.content.decode()
    assert TimeEntry.objects.filter(pk=entry.pk).exists()
    aso.post(url, {"version": 3})  # stale: refused with a message on the week page
    assert TimeEntry.objects.filter(pk=entry.pk).exists()
    assert aso.post(url, {"version": 1}).status_code == 302
    assert not TimeEntry.objects.filter(pk=entry.pk).exists()


def test_an_opt_out_record_is_deleted_only_with_the_version_the_aso_saw(aso, world):
    import datetime

    from traject.worktime import services
    from traject.worktime.models import OptOutAgreement

    agreement = services.opt_out_save(
        agreement=OptOutAgreement(trainee=world.trainee, signed_on=datetime.date(2025, 1, 1)),
        actor=world.users["aso"],
    )
    edit = aso.get(reverse("worktime:opt_out_edit", args=[agreement.pk])).content.decode()
    assert f'name="version" value="{agreement.version}"' in edit  # the delete form carries it
    url = reverse("worktime:opt_out_delete", args=[agreement.pk])
    assert aso.post(url).status_code == 428
    OptOutAgreement.objects.filter(pk=agreement.pk).update(version=2)  # changed elsewhere
    stale = aso.post(url, {"version": 1})
    assert stale.status_code == 409
    assert "Intussen heeft iemand anders dit gewijzigd" in stale.content.decode()
    assert OptOutAgreement.objects.filter(pk=agreement.pk).exists()  # nothing lost
    assert aso.post(url, {"version": 2}).status_code == 302
    assert not OptOutAgreement.objects.filter(pk=agreement.pk).exists()


def test_a_leave_day_is_removed_only_with_the_version_the_aso_saw(aso, world):
    from django.utils import timezone

    from traject.worktime import services
    from traject.worktime.models import LeaveDay

    day = timezone.localdate()
    mark = {
        "trainee": world.trainee,
        "actor": world.users["aso"],
        "first": day,
        "last": day,
        "weekdays_only": False,
    }
    (leave_day,) = services.leave_days_mark(**mark, kind="vacation")
    page = aso.get(reverse("worktime:leave")).content.decode()
    assert 'name="version" value="1"' in page  # the remove form carries it
    url = reverse("worktime:leave_delete", args=[leave_day.pk])
    assert aso.post(url).status_code == 428
    services.leave_days_mark(**mark, kind="sick")  # changed on another device: version 2
    stale = aso.post(url, {"version": 1})
    assert stale.status_code == 409
    assert "Intussen heeft iemand anders dit gewijzigd" in stale.content.decode()
    assert LeaveDay.objects.get(pk=leave_day.pk).version == 2  # nothing lost
    assert aso.post(url, {"version": 2}).status_code == 302
    assert not LeaveDay.objects.filter(pk=leave_day.pk).exists()
