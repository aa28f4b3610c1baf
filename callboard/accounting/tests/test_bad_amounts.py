"""Amounts past what the books hold, and other hostile input, get a message; nothing is
stored and every page still opens."""

import pytest

from callboard.accounting.models import (
    Envelope,
    PaymentProblem,
    PettyCashFloat,
    PurchaseOrder,
    Receipt,
)
from callboard.people.testing import make_person

from .test_petty_cash import envelope  # noqa: F401  (fixture)
from .test_purchase_orders import _po, books  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_a_float_of_a_hundred_billion_is_refused(coordinator_client, production):
    person = make_person(production)
    response = coordinator_client.post(
        f"/p/{production.slug}/accounting/petty-cash/floats/",
        {"person": person.pk, "initials": "AB", "amount": "100000000000"},
    )
    assert response.status_code == 400 and b"is too large" in response.content
    assert not PettyCashFloat.objects.exists()
    assert coordinator_client.get(f"/p/{production.slug}/accounting/petty-cash/").status_code == 200


def test_huge_po_lines_and_receipts_are_refused(coordinator_client, books, envelope, client):  # noqa: F811
    production, vendor = books
    response = _po(coordinator_client, production, vendor, rate="99999999", quantity="99999999")
    assert response.status_code == 400 and "quantity × rate".encode() in response.content
    assert not PurchaseOrder.objects.exists()
    url = f"/p/{production.slug}/accounting/petty-cash/{envelope.pk}/"
    refused = coordinator_client.post(
        f"{url}receipts/",
        {
            "vendor_name": "X",
            "date": "2026-03-02",
            "l0_account": "2700",
            "l0_description": "x",
            "l0_amount": "1e15",
        },
    )
    assert refused.status_code == 400 and not Receipt.objects.exists()
    assert coordinator_client.get(url).status_code == 200
    assert Envelope.objects.get(pk=envelope.pk).status == "open"


def test_control_characters_never_reach_the_database(coordinator_client, production):
    coordinator_client.post(
        f"/p/{production.slug}/accounting/payments/problems/",
        {"title": "Short check", "details": "line one\x00\nline two"},
    )
    assert PaymentProblem.objects.get().details == "line one\nline two"
