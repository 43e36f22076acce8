"""The training-year condition (the titularis' year filter) runs in the database and agrees with
``Trainee.training_year``."""

import datetime

import pytest

from traject.organisation.models import Trainee
from traject.organisation.selectors import in_training_year
from traject.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "today", [datetime.date(2026, 11, 30), datetime.date(2028, 2, 29), datetime.date(2027, 3, 1)]
)
def test_the_database_year_is_the_year_the_trainee_object_counts(today):
    trainee = f.TraineeFactory()
    duration = trainee.specialty.duration_years
    starts = set()
    for years in range(duration + 3):  # around each anniversary, past the capped last year
        for shift in (-1, 0, 1):
            try:
                anniversary = today.replace(year=today.year - years)
            except ValueError:
                anniversary = today.replace(year=today.year - years, day=28)
            starts.add(anniversary + datetime.timedelta(days=shift))
    starts.add(datetime.date(2024, 2, 29))
    for start in sorted(starts):
        Trainee.objects.filter(pk=trainee.pk).update(training_start=start)
        trainee.refresh_from_db()
        expected = trainee.training_year_on(today)
        found = [
            year
            for year in range(0, duration + 3)
            if Trainee.objects.filter(in_training_year(year, today=today), pk=trainee.pk).exists()
        ]
        assert found == ([expected] if expected else []), (start, expected, found)


def test_a_year_out_of_range_matches_no_one():
    f.TraineeFactory()
    assert not Trainee.objects.filter(in_training_year(0)).exists()
    assert not Trainee.objects.filter(in_training_year(10**9)).exists()
