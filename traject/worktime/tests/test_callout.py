"""A call-out lies inside a standby; one entered a day early is offered its standby."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from traject.worktime.models import TimeEntry

from .helpers import add, at, set_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def aso(world):
    set_reference(world.trainee, datetime.date(2025, 1, 6))
    return world.trainee


def test_a_callout_outside_every_standby_is_refused_and_names_the_standby_it_belongs_to(aso):
    add(aso, "2025-01-10 18:00", "2025-01-11 08:00", "oncall_home_standby")
    with pytest.raises(ValidationError) as refused:
        # Entered on Friday, the day the standby began: 03:00 is before it.
        add(aso, "2025-01-10 03:00", "2025-01-10 05:00", "oncall_home_callout")
    message = " ".join(refused.value.messages)
    assert "10/01/2025 18:00" in message and "volgende dag" in message
    assert not TimeEntry.objects.filter(kind="oncall_home_callout").exists()


def test_a_callout_with_no_standby_at_all_asks_for_the_standby_first(aso):
    with pytest.raises(ValidationError) as refused:
        add(aso, "2025-01-15 03:00", "2025-01-15 05:00", "oncall_home_callout")
    assert "Registreer eerst de wacht" in " ".join(refused.value.messages)


def test_the_form_offers_to_attach_it_and_one_tap_stores_it_in_the_night(client, world, aso):
    add(aso, "2025-01-10 18:00", "2025-01-11 08:00", "oncall_home_standby")
    client.force_login(world.users["aso"])
    url = reverse("worktime:entry_add") + "?day=2025-01-10"
    data = {"day": "2025-01-10", "start_time": "03:00", "end_time": "05:00"}
    page = client.post(url, {**data, "kind": "oncall_home_callout", "note": ""})
    assert page.status_code == 200
    offer = page.context["attach"]
    assert offer["fields"]["day"] == "2025-01-11"
    client.post(url, offer["fields"])
    callout = TimeEntry.objects.get(kind="oncall_home_callout")
    assert callout.start == at("2025-01-11 03:00")
    # The week view lists it under Friday, the evening its night began.
    week = client.get(reverse("worktime:week_of", args=["2025-01-06"]))
    friday = week.context["days"][4]
    assert [e["obj"].pk for e in friday["entries"] if e["after_midnight"]] == [callout.pk]
    assert all(e["obj"].pk != callout.pk for e in week.context["days"][5]["entries"])
