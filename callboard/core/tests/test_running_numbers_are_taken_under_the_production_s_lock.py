"""A production's running numbers count up from its highest, with the production's row locked
so two requests at once cannot both take the same number (on PostgreSQL; SQLite queues the
writers and has no FOR UPDATE)."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from callboard.core.numbering import next_number
from callboard.core.testing import make_production
from callboard.office.models import Run


def _run(production, number):
    return Run.objects.create(
        production=production,
        number=number,
        what="Pick up",
        pickup_address="A",
        dropoff_address="B",
        needed_by="2027-03-01T18:00Z",
        requested_by_label="office",
    )


def test_numbers_count_up_from_the_show_s_own_highest(production):
    other = make_production("Another Show")
    _run(other, 40)
    with transaction.atomic():
        assert next_number(Run, production) == 1
    _run(production, 7)
    with transaction.atomic():
        assert next_number(Run, production) == 8


def test_the_number_is_read_with_the_production_locked(production):
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        next_number(Run, production)
    locks = [q["sql"] for q in queries if "core_production" in q["sql"]]
    assert locks, "the production's row is read first"
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in locks[0]
