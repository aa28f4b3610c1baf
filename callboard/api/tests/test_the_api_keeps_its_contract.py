"""Schemathesis runs every operation of /api/openapi.json on the demo production, through the
WSGI app (no server), with a fixed seed and a bounded number of examples: no answer is a 5xx,
every answer matches its schema, every status code is one the schema declares, input the
schema forbids is refused, and a request without a token gets 401."""

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction

from callboard.accounting.models import Invoice, PurchaseOrder
from callboard.callsheets.models import CallSheet
from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import add_member
from callboard.demo.build import DEMO_SLUG, demo_production_build
from callboard.distribution.models import Delivery
from callboard.payroll.models import PayrollBatch, TimeCard
from callboard.people.models import Person, Vendor
from callboard.reports.models import ProductionReport
from callboard.schedule.models import Scenario
from callboard.scripts.models import ScriptVersion
from callboard.travel.models import Booking

from ..services import api_token_create

# A rule the schema cannot say (a cursor this API did not give, the person form's checks, a
# department of another show) refuses schema-valid input with 422, as the pages would.
ACCEPTED = ["2xx", "401", "403", "404", "409", "422", "429"]

schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json",
    get_wsgi_application(),
    config=schemathesis.config.SchemathesisConfig.from_dict(
        {
            "seed": 21,
            "parameters": {"path.production": DEMO_SLUG},
            # Unknown query parameters are ignored, as most APIs do: not generated as "invalid".
            "generation": {
                "max-examples": 15,
                "database": "none",
                "deterministic": True,
                "allow-extra-parameters": False,
            },
            "phases": {"stateful": {"enabled": False}},
            "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
        }
    ),
)


# The demo's row for each id in a path, so the examples reach real rows (a made-up id only
# meets the 404 that test_every_operation_keeps_to_its_production proves).
def _published_sheet(demo):
    return CallSheet.objects.filter(production=demo, published_at__isnull=False).first()


DEMO_ROWS = {
    "person_id": lambda demo: Person.objects.active().filter(production=demo).first(),
    "vendor_id": lambda demo: Vendor.objects.active().filter(production=demo).first(),
    "version_id": lambda demo: ScriptVersion.objects.filter(production=demo).first(),
    "scenario_id": lambda demo: Scenario.objects.filter(production=demo).first(),
    "sheet_id": _published_sheet,
    "delivery_id": lambda demo: Delivery.objects.filter(
        dispatch__kind="callsheet", dispatch__object_id=_published_sheet(demo).pk
    ).first(),
    "report_id": lambda demo: ProductionReport.objects.filter(production=demo).first(),
    "card_id": lambda demo: TimeCard.objects.filter(production=demo).first(),
    "batch_id": lambda demo: PayrollBatch.objects.filter(production=demo).first(),
    "po_id": lambda demo: PurchaseOrder.objects.filter(production=demo).first(),
    "invoice_id": lambda demo: Invoice.objects.filter(production=demo).first(),
    "booking_id": lambda demo: Booking.objects.filter(production=demo).first(),
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo production, built once for the module and rolled back after it."""
    # The WSGI app closes the connection after each request, as a server should; the test
    # database lives in that connection's transaction (Django's test client does the same).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock(), transaction.atomic():
        production = demo_production_build()
        yield production
        transaction.set_rollback(True)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def demo_ids(demo, db):
    return {name: row(demo).pk for name, row in DEMO_ROWS.items()}


@pytest.fixture
def bearer(demo, db, settings):
    """A studio admin's token on the demo, with every scope (write and private)."""
    settings.API_RATE_LIMIT = 1_000_000
    membership = Membership.objects.get(user=add_member(demo, Role.STUDIO_ADMIN), production=demo)
    _, key = api_token_create(
        actor=None, membership=membership, name="contract", can_write=True, can_read_private=True
    )
    return {"Authorization": f"Bearer {key}"}


@schema.parametrize()
# One token serves every example of an operation: it is meant to be shared. Writes stay in
# the operation's own transaction, rolled back before the next operation runs.
@hypothesis.settings(suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
def test_every_operation_answers_as_its_schema_says(case, demo_ids, bearer):
    for name, pk in demo_ids.items():
        if str(case.path_parameters.get(name, "")).isdigit():  # a valid id, not a hostile one
            case.path_parameters[name] = pk
    case.call_and_validate(headers=bearer)
