"""Pages make a bounded number of queries, whatever the amount of data behind them.

With the demo world loaded (200 ASO, 26 mentor groups, a year of hours, portfolios, campaigns),
an N+1 query on any of these pages would run to hundreds of queries.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from traject.accounts.models import User

# Each app adds its dashboard section (portfolio, worktime, mentoring, work-floor feedback, the path
# to recognition, the conversation cycle...): the bound is per page, not per row of data.
MAX_QUERIES = 40

PAGES = {
    "aso": [
        "/",
        "/worktime/",
        "/portfolio/",
        "/mentoring/mine/",
        "/quality/",
        "/organisation/trainees/",
    ],
    "stagemeester": ["/", "/portfolio/my-aso/", "/organisation/trainees/", "/quality/"],
    "coordinator": ["/", "/organisation/", "/organisation/stages/"],
    "mentor": ["/", "/mentoring/"],
    "titularis": ["/", "/portfolio/submissions/"],
    "programme-admin": [
        "/",
        "/organisation/trainees/",
        "/organisation/stages/?show=all",
        "/mentoring/groups/",
    ],
    "ministry": [
        "/",
        "/worktime/statistics/",
        "/organisation/trainer_recognitions/",
        "/quality/",
        "/quality/register/",
    ],
}


@pytest.mark.parametrize("persona", sorted(PAGES))
def test_main_pages_make_a_bounded_number_of_queries(client, db, demo_loaded, persona):
    client.force_login(User.objects.get(email=f"{persona}@demo.traject.be"))
    counts = {}
    for path in PAGES[persona]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, follow=True)
        assert response.status_code == 200, (path, response.status_code)
        counts[path] = len(queries)
    too_many = {path: count for path, count in counts.items() if count > MAX_QUERIES}
    assert not too_many, f"{persona}: {too_many}"
