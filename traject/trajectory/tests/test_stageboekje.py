"""The yearly stageboekje and the final recognition dossier."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from traject.testing import factories as f
from traject.trajectory import services
from traject.trajectory import stageboekje as boekjes
from traject.trajectory.models import PlanVersion, Stageboekje

from .conftest import pdf, ready


@pytest.fixture
def on_stage(path):
    return f.StageFactory(
        trainee=path.trainee,
        service=path.service,
        stagemeester=path.stagemeester,
        start=path.start,
        end=path.end,
    )


def test_generated_from_the_year_and_working_time_only_with_consent(path, on_stage):
    from traject.portfolio.models import Feedback
    from traject.worktime.models import TimeEntry

    Feedback.objects.create(
        trainee=path.trainee,
        author=path.stagemeester,
        moment_date=path.start + datetime.timedelta(days=3),
        what="Opname op spoed",
        went_well="Rustig",
        to_improve="Sneller",
    )
    begin = datetime.datetime.combine(
        path.start + datetime.timedelta(days=2), datetime.time(8), tzinfo=datetime.UTC
    )
    TimeEntry.objects.create(
        trainee=path.trainee, start=begin, end=begin + datetime.timedelta(hours=10)
    )
    without = boekjes.stageboekje_generate(
        trajectory=path.trajectory, year=1, actor=path.aso, worktime_consent=False
    )
    assert without.content["worktime"] is None
    assert without.content["stages"][0]["stagemeester"] == str(path.stagemeester)
    assert without.content["feedback"][0]["what"] == "Opname op spoed"
    consented = boekjes.stageboekje_generate(
        trajectory=path.trajectory, year=1, actor=path.aso, worktime_consent=True
    )
    assert consented.pk == without.pk
    assert consented.content["worktime"]["total_hours"] == 10.0


def test_evaluate_sign_submit_and_the_commission_asks_more_then_approves(path, on_stage):
    boekje = boekjes.stageboekje_generate(
        trajectory=path.trajectory, year=1, actor=path.aso, worktime_consent=False
    )
    with pytest.raises(ValidationError):
        boekjes.stageboekje_submit(boekje=boekje, actor=path.aso)
    with pytest.raises(PermissionDenied):
        boekjes.stageboekje_evaluate(boekje=boekje, actor=path.unrecognised, evaluation="Goed")
    boekjes.stageboekje_evaluate(boekje=boekje, actor=path.stagemeester, evaluation="Goed jaar")
    assert boekje.state == Stageboekje.State.SIGNED
    boekjes.stageboekje_submit(boekje=boekje, actor=path.aso)
    with pytest.raises(PermissionDenied):
        boekjes.stageboekje_decide(boekje=boekje, actor=path.other_member, approved=True)
    with pytest.raises(ValidationError):
        boekjes.stageboekje_decide(boekje=boekje, actor=path.member, approved=False)
    boekjes.stageboekje_decide(
        boekje=boekje, actor=path.member, approved=False, note="Meer activiteiten"
    )
    assert boekje.state == Stageboekje.State.MORE_ASKED
    boekje = boekjes.stageboekje_generate(
        trajectory=path.trajectory, year=1, actor=path.aso, worktime_consent=False
    )
    assert boekje.state == Stageboekje.State.DRAFT and boekje.signed_by is None
    boekjes.stageboekje_evaluate(boekje=boekje, actor=path.stagemeester, evaluation="Aangevuld")
    boekjes.stageboekje_submit(boekje=boekje, actor=path.aso)
    boekjes.stageboekje_decide(boekje=boekje, actor=path.member, approved=True)
    assert boekje.state == Stageboekje.State.APPROVED
    with pytest.raises(ValidationError):
        boekjes.stageboekje_generate(
            trajectory=path.trajectory, year=1, actor=path.aso, worktime_consent=False
        )


def test_a_year_that_does_not_exist_is_refused(path):
    with pytest.raises(ValidationError):
        boekjes.stageboekje_generate(
            trajectory=path.trajectory, year=7, actor=path.aso, worktime_consent=False
        )


def test_pages_pdf_and_json(client, path, on_stage):
    client.force_login(path.aso)
    response = client.post(
        reverse("trajectory:stageboekje_generate", args=[path.trajectory.pk]), {"year": 1}
    )
    boekje = Stageboekje.objects.get()
    assert response.status_code == 302
    client.force_login(path.stagemeester)
    assert client.get(reverse("trajectory:stageboekje", args=[boekje.pk])).status_code == 200
    client.post(
        reverse("trajectory:stageboekje_evaluate", args=[boekje.pk]), {"evaluation": "Prima"}
    )
    boekje.refresh_from_db()
    assert boekje.state == Stageboekje.State.SIGNED
    client.force_login(path.aso)
    assert client.get(reverse("trajectory:stageboekje_pdf", args=[boekje.pk])).content.startswith(
        b"%PDF"
    )
    data = client.get(reverse("trajectory:stageboekje_json", args=[boekje.pk])).json()
    assert data["evaluation"] == "Prima" and data["year"] == 1
    client.force_login(path.other.user)
    assert client.get(reverse("trajectory:stageboekje", args=[boekje.pk])).status_code == 404
    client.force_login(path.member)  # not submitted yet: the commission does not see it
    assert client.get(reverse("trajectory:stageboekje", args=[boekje.pk])).status_code == 404


def test_the_final_dossier_checklist_fills_itself_and_gives_a_pdf_when_complete(
    client, path, on_stage
):
    from traject.trajectory.models import Evidence

    plan = ready(path)
    plan.state = PlanVersion.State.APPROVED
    plan.save()
    client.force_login(path.aso)
    url = reverse("trajectory:final_dossier", args=[path.trajectory.pk])
    checklist = boekjes.final_checklist(path.trajectory)
    assert [done for _l, done, _d in checklist] == [False, False, False, True]
    assert client.get(url + "?format=pdf").status_code == 403
    boekje = boekjes.stageboekje_generate(
        trajectory=path.trajectory, year=1, actor=path.aso, worktime_consent=False
    )
    boekjes.stageboekje_evaluate(boekje=boekje, actor=path.stagemeester, evaluation="Goed")
    boekjes.stageboekje_submit(boekje=boekje, actor=path.aso)
    boekjes.stageboekje_decide(boekje=boekje, actor=path.member, approved=True)
    services.evidence_upload(
        trajectory=path.trajectory, actor=path.aso, kind=Evidence.Kind.DIPLOMA, file=pdf()
    )
    later = path.end + datetime.timedelta(days=1)
    assert all(done for _l, done, _d in boekjes.final_checklist(path.trajectory, today=later))
    # Today the stage is still running: the dossier is not complete yet.
    assert not all(done for _l, done, _d in boekjes.final_checklist(path.trajectory))
    plan.items.update(end=path.start)
    response = client.get(url + "?format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_timeline_asks_for_the_stageboekje_after_the_year(path, on_stage):
    from traject.trajectory import selectors

    trainee = path.trainee
    trainee.training_start = path.start - datetime.timedelta(days=500)
    trainee.save()
    path.trajectory.nominal_months = 36
    path.trajectory.save()
    steps = {s.key: s for s in selectors.timeline(path.trajectory)}
    assert steps["boekje-1"].state == "late"
    assert "boekje-2" not in steps  # year 2 is still running
    boekje = boekjes.stageboekje_generate(
        trajectory=path.trajectory, year=1, actor=path.aso, worktime_consent=False
    )
    steps = {s.key: s for s in selectors.timeline(path.trajectory)}
    assert steps["boekje-1"].url == reverse("trajectory:stageboekje", args=[boekje.pk])
    assert steps["boekje-1"].state == "current"
