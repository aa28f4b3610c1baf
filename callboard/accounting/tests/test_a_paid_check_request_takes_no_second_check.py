"""A check request that is paid (or has a check picked up against it) takes no second check:
the pickup is refused with a clear message and nothing is written."""

from decimal import Decimal

import pytest

from callboard.accounting.models import CheckPickup, CheckRequest
from callboard.core.capabilities import Role

from .test_purchase_orders import books  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_a_second_check_against_a_paid_request_is_refused_and_nothing_changes(
    coordinator_client,
    member_client,
    books,  # noqa: F811
):
    production, _ = books
    url = f"/p/{production.slug}/accounting/payments/"
    coordinator_client.post(
        f"{url}checks/new/",
        {
            "payee": "Rosie's Diner LLC",
            "reason": "Location fee, day 1",
            "l0_account": "2000",
            "l0_description": "Location fee",
            "l0_amount": "4000",
        },
    )
    check = CheckRequest.objects.get()
    detail = f"/p/{production.slug}/accounting/payments/checks/{check.pk}/"
    coordinator_client.post(f"{detail}submit/")
    member_client(Role.COORDINATOR).post(f"{detail}approve/")
    member_client(Role.UPM).post(f"{detail}approve/")
    accountant = member_client(Role.ACCOUNTANT)
    accountant.post(
        f"{url}pickups/",
        {
            "check_request": check.pk,
            "check_number": "1042",
            "amount": "4000.00",
            "picked_up_by": "Rosa",
        },
    )
    assert CheckPickup.objects.count() == 1
    accountant.get(url)  # its "Pickup logged" shown

    again = accountant.post(
        f"{url}pickups/",
        {
            "check_request": check.pk,
            "check_number": "999",
            "amount": "4000.00",
            "picked_up_by": "Someone",
        },
        follow=True,
    )
    assert again.status_code == 400 and b"Pickup logged" not in again.content
    assert b"is paid already (check 1042, picked up by Rosa); nothing was logged" in again.content
    check.refresh_from_db()
    assert (check.status, check.check_number) == ("paid", "1042")
    assert list(CheckPickup.objects.values_list("check_number", "amount")) == [
        ("1042", Decimal("4000.00"))
    ]
