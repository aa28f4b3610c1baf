"""The home page of a busy show reads each kind of attention line in a fixed number of
queries: a show ten times the size costs no more queries (nothing is read per person, per
card or per PO)."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from callboard.accounting.models import (
    Envelope,
    Invoice,
    PettyCashFloat,
    PurchaseOrder,
    Receipt,
    VendorTerms,
)
from callboard.callsheets.models import CallSheet
from callboard.core.capabilities import Role
from callboard.distribution.models import Delivery
from callboard.distribution.services import dispatch_create
from callboard.paperwork.models import Packet
from callboard.payroll.models import TimeCard
from callboard.people.models import Person, Vendor

from .conftest import attention, published_sheet

MAX_QUERIES = 40


def grow(production, start: int, count: int, week) -> None:
    """count more of everything the lines read: crew with rates and packets, their cards
    waiting on approval, a published sheet sent to them, POs, invoices, envelopes, vendors
    with lapsing insurance."""
    people = Person.objects.bulk_create(
        Person(
            production=production,
            first_name=f"P{n}",
            last_name="Busy",
            email=f"p{n}@x.test",
            rate=Decimal("40"),
            rate_unit="hour",
            position="Grip",
        )
        for n in range(start, start + count)
    )
    Packet.objects.bulk_create(
        Packet(production=production, person=p, status="submitted", chain=["upm"]) for p in people
    )
    TimeCard.objects.bulk_create(
        TimeCard(
            production=production,
            person=p,
            week_start=week,
            status="submitted",
            rules="non_union",
            rate=Decimal("40"),
            per="hour",
            guaranteed_hours=Decimal("10"),
        )
        for p in people[: count // 2]
    )
    sheet = CallSheet.objects.filter(production=production, day_number=1).first() or (
        published_sheet(production, production.today(), {})
    )
    dispatch, _ = dispatch_create(
        actor=None,
        production=production,
        kind="callsheet",
        object_id=sheet.pk,
        key=f"sheet-{sheet.pk}-{start}",
        subject="Call sheet",
        people=people,
        valid_for=timedelta(days=7),
    )
    Delivery.objects.filter(pk__in=dispatch.deliveries.values_list("pk", flat=True)[::2]).update(
        confirmed_at=timezone.now()
    )
    vendors = Vendor.objects.bulk_create(
        Vendor(production=production, name=f"Vendor {n}") for n in range(start, start + count)
    )
    VendorTerms.objects.bulk_create(
        VendorTerms(vendor=v, coi_expires=production.today()) for v in vendors
    )
    PurchaseOrder.objects.bulk_create(
        PurchaseOrder(
            production=production,
            number=n + 1,
            vendor=v,
            description="x",
            status="pending",
            chain=["upm"],
        )
        for n, v in zip(range(start, start + count), vendors, strict=True)
    )
    Invoice.objects.bulk_create(
        Invoice(
            production=production,
            vendor=v,
            number=f"I{n}",
            number_key=f"i{n}",
            date=production.today(),
        )
        for n, v in zip(range(start, start + count), vendors, strict=True)
    )
    for n, person in enumerate(people[:10]):
        float_ = PettyCashFloat.objects.create(
            production=production,
            person=person,
            initials=f"{chr(65 + start // 10 % 26)}{chr(65 + n)}",
            amount=Decimal("300"),
        )
        envelope = Envelope.objects.create(production=production, float=float_, sequence=1)
        Receipt.objects.create(
            production=production,
            person=person,
            envelope=envelope,
            vendor_name="Shop",
            date=production.today(),
            total=Decimal("5"),
        )


def queries_for(client, production) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        lines = attention(client, production)
    return len(captured), lines


def test_a_show_ten_times_busier_costs_no_more_queries(
    production, week_board, member_client, this_week, django_assert_max_num_queries
):
    client = member_client(Role.UPM)  # sees every kind of line but the accountant's own
    grow(production, 0, 12, this_week)
    small, small_lines = queries_for(client, production)
    grow(production, 12, 120, this_week)
    big, big_lines = queries_for(client, production)
    assert big == small, (small, big)
    assert len(big_lines) == len(small_lines) and big_lines != small_lines  # counts grew
    assert any(text.startswith("132 start packets waiting") for text in big_lines), big_lines
    assert any(text.startswith("66 of 132 have not confirmed") for text in big_lines), big_lines
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(f"/p/{production.slug}/")
