"""The API's tenancy test, over every operation of the OpenAPI schema: a token of production A
gets 404 on production B's slug and on B's objects under A's own slug, and a revoked token
gets 401 everywhere. Each request is the smallest one the schema allows (found by
schemathesis), so a body or a required parameter never stops it before the lookup."""

import json
from datetime import date, timedelta
from urllib.parse import urlencode

import hypothesis
import pytest
import schemathesis
from django.utils import timezone

from callboard.accounting.models import Invoice, PurchaseOrder
from callboard.callsheets.models import CallSheet
from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import add_member, make_production
from callboard.distribution.services import dispatch_create
from callboard.payroll.models import PayrollBatch
from callboard.payroll.services import timecard_prepare
from callboard.people.models import Vendor
from callboard.people.testing import make_person
from callboard.reports.models import ProductionReport
from callboard.schedule.models import Calendar, Scenario, Strip
from callboard.scripts.models import ScriptVersion
from callboard.travel.models import Booking

from ..api import api
from ..models import ApiToken
from ..services import api_token_create

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


def ids_of_production_b(b) -> dict[str, int]:
    """One object of production B for each id an operation's path takes, by the param's name
    (an operation with a param missing here fails the test: add it)."""
    person_b = make_person(b, rate=300, rate_unit="day")
    version_b = ScriptVersion.objects.create(
        production=b,
        colour="White",
        revision_date="2027-01-01",
        source_format="fountain",
        source_name="b.fountain",
        source="b.fountain",
        pdf="b.pdf",
        page_count=1,
    )
    strip_b = Strip.objects.create(production=b, scene_number="1", eighths=8)
    scenario_b = Scenario.objects.create(
        production=b,
        name="B board",
        calendar=Calendar.objects.create(production=b, name="B", start="2027-03-01"),
        layout={"days": [[strip_b.pk]]},
    )
    sheet_b = CallSheet.objects.create(
        production=b,
        scenario=scenario_b,
        day_number=1,
        date="2027-03-01",
        number=1,
        crew_call="07:00",
    )
    dispatch_b, _ = dispatch_create(
        actor=None,
        production=b,
        kind="callsheet",
        object_id=sheet_b.pk,
        key="b-1",
        subject="B",
        people=[person_b],
        valid_for=timedelta(days=3),
    )
    vendor_b = Vendor.objects.create(production=b, name="B Rentals")
    return {
        "person_id": person_b.pk,
        "vendor_id": vendor_b.pk,
        "po_id": PurchaseOrder.objects.create(
            production=b, number=1, vendor=vendor_b, description="B PO"
        ).pk,
        "invoice_id": Invoice.objects.create(
            production=b, vendor=vendor_b, number="B-1", date="2027-03-01"
        ).pk,
        "version_id": version_b.pk,
        "scenario_id": scenario_b.pk,
        "sheet_id": sheet_b.pk,
        "delivery_id": dispatch_b.deliveries.get().pk,
        "report_id": ProductionReport.objects.create(
            production=b, call_sheet=sheet_b, day_number=1, date="2027-03-01"
        ).pk,
        "card_id": timecard_prepare(actor=None, person=person_b, week_start=date(2027, 2, 28)).pk,
        "batch_id": PayrollBatch.objects.create(production=b, number=1).pk,
        "booking_id": Booking.objects.create(
            production=b, kind="hotel", hotel="B", check_in="2027-03-01", check_out="2027-03-02"
        ).pk,
    }


@pytest.fixture
def two_productions(db, settings):
    settings.API_RATE_LIMIT = 1_000_000
    a, b = make_production("Show A"), make_production("Show B")
    intruder = add_member(a, Role.STUDIO_ADMIN)
    _, key = api_token_create(
        actor=None,
        membership=Membership.objects.get(user=intruder, production=a),
        name="intruder",
        can_write=True,
        can_read_private=True,
    )
    return a, b, key, ids_of_production_b(b)


def smallest_request(operation, **path) -> tuple[str, str, str | None]:
    """(method, url, JSON body) of the smallest request the schema allows, ``path`` fixed."""
    params = [p.name for p in operation.path_parameters]
    unknown = sorted(set(params) - set(path))
    assert not unknown, f"{operation.label}: add {unknown} to ids_of_production_b"
    case = hypothesis.find(
        operation.as_strategy(path_parameters={n: path[n] for n in params}),
        lambda case: True,
        settings=hypothesis.settings(database=None, derandomize=True),
    )
    url = case.formatted_path + (f"?{urlencode(case.query)}" if case.query else "")
    body = None if isinstance(case.body, schemathesis.core.NotSet) else json.dumps(case.body)
    return case.method, url, body


def send(client, key: str, method: str, url: str, body: str | None):
    return client.generic(
        method,
        url,
        body or "",
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )


def test_every_operation_but_the_list_of_productions_is_under_a_production():
    for operation in OPERATIONS:
        if operation.path != "/api/productions":
            assert operation.path.startswith("/api/productions/{production}"), operation.label


def test_a_token_on_another_productions_slug_gets_404_everywhere(client, two_productions):
    a, b, key, ids_b = two_productions
    for operation in OPERATIONS:
        if operation.path == "/api/productions":
            continue
        request = smallest_request(operation, production=b.slug, **ids_b)
        response = send(client, key, *request)
        assert response.status_code == 404, f"{request[:2]} gave {response.status_code}"
        assert response.json()["detail"]


def test_production_bs_objects_under_your_own_slug_get_404(client, two_productions):
    a, b, key, ids_b = two_productions
    person_b = b.people.get()
    for operation in OPERATIONS:
        if not operation.path_parameters or len(operation.path_parameters) < 2:
            continue  # no object in the path: the slug alone, proved above
        request = smallest_request(operation, production=a.slug, **ids_b)
        response = send(client, key, *request)
        assert response.status_code == 404, f"{request[:2]} gave {response.status_code}"
    unchanged = b.people.get()
    assert (unchanged.updated_at, unchanged.deleted_at) == (person_b.updated_at, None)


def test_the_list_of_productions_holds_only_the_tokens_own(client, two_productions):
    a, b, key, _ = two_productions
    response = send(client, key, "GET", "/api/productions", None)
    assert [p["slug"] for p in response.json()] == [a.slug]


def test_a_revoked_token_gets_401_everywhere(client, two_productions):
    a, b, key, ids_b = two_productions
    ApiToken.objects.update(revoked_at=timezone.now())
    for operation in OPERATIONS:
        request = smallest_request(operation, production=a.slug, **ids_b)
        response = send(client, key, *request)
        assert response.status_code == 401, f"{request[:2]} gave {response.status_code}"
        assert response["WWW-Authenticate"] == "Bearer"
