import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from callboard.accounting.models import CheckRequest, Receipt
from callboard.accounting.services import float_create
from callboard.office.models import Run
from callboard.office.runs import queries

from .runs_testing import chart, office_pa

pytestmark = pytest.mark.django_db


def _delivered(production, pa, miles, number):
    now = timezone.now()
    return Run.objects.create(
        production=production,
        number=number,
        what="Drives",
        pickup_address="A",
        dropoff_address="B",
        needed_by=now,
        requested_by_label="Office",
        account_code="6500",
        assigned_to=pa,
        status=Run.Status.DELIVERED,
        picked_up_at=now - dt.timedelta(minutes=30),
        delivered_at=now,
        miles=Decimal(miles),
    )


def test_the_miles_become_one_check_request_at_the_productions_rate(coordinator_client, production):
    chart(production)
    pa, _ = office_pa(production)
    _delivered(production, pa, "10.0", 1)
    _delivered(production, pa, "5.5", 2)
    assert queries.mileage_rate(production) == Decimal("0.70")
    coordinator_client.post(f"/p/{production.slug}/office/runs/rate/", {"mileage_rate": "0.67"})
    coordinator_client.post(f"/p/{production.slug}/office/runs/pas/{pa.pk}/mileage/")
    request = CheckRequest.objects.get()
    assert request.payee == pa.full_name
    assert sorted(ln.amount for ln in request.lines.all()) == [Decimal("3.69"), Decimal("6.70")]
    assert all(r.reimbursement == request for r in Run.objects.all())
    again = coordinator_client.post(
        f"/p/{production.slug}/office/runs/pas/{pa.pk}/mileage/", follow=True
    )
    assert "no miles waiting" in again.content.decode() and CheckRequest.objects.count() == 1


def test_a_purchase_on_a_run_is_a_receipt_in_the_pas_envelope(client, coordinator, production):
    chart(production)
    pa, user = office_pa(production)
    envelope = float_create(
        actor=coordinator, production=production, person=pa, initials="PA", amount=Decimal("200")
    )
    run = _delivered(production, pa, "2", 1)
    client.force_login(user)
    url = f"/p/{production.slug}/office/runs/{run.pk}/purchase/"
    client.post(url, {"where": "Staples", "what": "Toner", "amount": "42.10"})
    receipt = Receipt.objects.get()
    assert receipt.envelope == envelope and receipt.total == Decimal("42.10")
    assert receipt.lines.get().account.code == "6500"
    refused = client.post(url, {"where": "", "what": "x", "amount": "-5"}, follow=True)
    assert "Nothing was saved" in refused.content.decode() and Receipt.objects.count() == 1
