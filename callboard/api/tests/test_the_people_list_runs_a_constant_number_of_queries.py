"""The people list through the API asks the database the same number of times for a page of
3 as for a page of 60 (the figure in benchmarks/run.py times a page of 500)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from callboard.people.testing import make_person


def _queries(client, url) -> int:
    client.get(url, limit=500)  # the first request of a window opens it: one write more
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, limit=500).status_code == 200
    return len(queries)


def test_a_page_of_60_takes_as_many_queries_as_a_page_of_3(production, api):
    client = api(private=True)
    url = f"/api/productions/{production.slug}/people"
    for _ in range(3):
        make_person(production)
    few = _queries(client, url)
    for n in range(57):
        make_person(production, kind="cast" if n % 2 else "crew")
    assert _queries(client, url) == few
    # The token, its member, the request count and the page's reads: a handful, not per row.
    assert few <= 8
