"""Check requests (approved like POs, then actual cost), the distribution log and payment
problems."""

from decimal import Decimal

import pytest

from callboard.accounting.models import CheckPickup, CheckRequest, LedgerLine, PaymentProblem
from callboard.core.capabilities import Role

from .test_purchase_orders import books  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_a_check_request_from_draft_to_pickup(coordinator_client, member_client, books):  # noqa: F811
    production, vendor = books
    url = f"/p/{production.slug}/accounting/payments/"
    made = coordinator_client.post(
        f"{url}checks/new/",
        {
            "payee": "Rosie's Diner LLC",
            "reason": "Location fee, day 1",
            "l0_account": "2000",
            "l0_description": "Location fee",
            "l0_amount": "1,500",
        },
    )
    check = CheckRequest.objects.get()
    assert made["Location"].endswith(f"/payments/checks/{check.pk}/")
    detail = f"/p/{production.slug}/accounting/payments/checks/{check.pk}/"
    coordinator_client.post(f"{detail}submit/")
    refused = coordinator_client.post(f"{detail}approve/", follow=True)
    assert b"someone else approves it" in refused.content  # who asked does not approve
    member_client(Role.COORDINATOR).post(f"{detail}approve/")  # a second coordinator
    assert not LedgerLine.objects.exists()  # the UPM has not approved yet
    upm = member_client(Role.UPM)
    upm.post(f"{detail}approve/")
    check.refresh_from_db()
    assert check.status == "approved"
    assert LedgerLine.objects.get(source="check_request").amount == Decimal("1500.00")
    upm.post(
        f"{url}pickups/",
        {
            "check_number": "1042",
            "check_request": check.pk,
            "amount": "1500",
            "picked_up_by": "Rosa (location manager)",
        },
    )
    check.refresh_from_db()
    pickup = CheckPickup.objects.get()
    assert (check.status, check.check_number, pickup.payee) == ("paid", "1042", "Rosie's Diner LLC")


def test_bad_check_requests_save_nothing(coordinator_client, books):  # noqa: F811
    production, _ = books
    response = coordinator_client.post(
        f"/p/{production.slug}/accounting/payments/checks/new/",
        {
            "payee": "",
            "reason": "",
            "l0_account": "1234",
            "l0_amount": "-5",
        },
    )
    assert response.status_code == 400
    for text in (b"Say who the check is for", b"not in the chart", b"more than 0"):
        assert text in response.content
    assert not CheckRequest.objects.exists()


def test_payment_problems_are_tracked_until_resolved(coordinator_client, coordinator, books):  # noqa: F811
    production, _ = books
    url = f"/p/{production.slug}/accounting/payments/"
    coordinator_client.post(
        f"{url}problems/",
        {
            "title": "Keslow not paid for week 1",
            "who": "Keslow Camera",
            "assigned_to": coordinator.pk,
        },
    )
    ticket = PaymentProblem.objects.get()
    assert ticket.assigned_to == coordinator and ticket.resolved_at is None
    refused = coordinator_client.post(f"{url}problems/{ticket.pk}/resolve/", {"resolution": ""})
    assert refused.status_code == 400
    coordinator_client.post(f"{url}problems/{ticket.pk}/resolve/", {"resolution": "Wired Mar 9"})
    ticket.refresh_from_db()
    assert ticket.resolved_at and ticket.resolution == "Wired Mar 9"
