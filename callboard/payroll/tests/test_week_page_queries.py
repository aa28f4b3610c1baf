"""The week's page reads every card's flags (hour limits, call sheets) with the same number
of queries however many cards there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from callboard.payroll import services

from .helpers import DAY, WEEK, person_with_deal

pytestmark = pytest.mark.django_db


def _queries(client, production, cards: int) -> int:
    for _ in range(cards):
        card = services.timecard_prepare(
            actor=None, person=person_with_deal(production), week_start=WEEK
        )
        services.timecard_save(actor=None, card=card, days=[DAY])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/p/{production.slug}/timecards/?week=2026-03-01").status_code == 200
    return len(queries)


def test_the_week_page_reads_flags_in_as_many_queries_for_many_cards(
    coordinator_client, production
):
    few = _queries(coordinator_client, production, 2)
    assert _queries(coordinator_client, production, 6) == few
