"""Builders for the completeness report's tests: one gap of each kind on a production, and
what fixes each (not imported by application code)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from callboard.accounting.models import (
    Account,
    Envelope,
    Invoice,
    InvoiceLine,
    PettyCashFloat,
    POLine,
    PurchaseOrder,
    Receipt,
    ReceiptLine,
)
from callboard.callsheets.models import CallSheet
from callboard.office.models import IssuedItem
from callboard.paperwork.models import Packet, PacketForm
from callboard.payroll import services as payroll
from callboard.payroll.models import TimeCard
from callboard.people.models import Vendor
from callboard.people.testing import make_person
from callboard.reports.models import ProductionReport
from callboard.schedule.models import Scenario, Strip

_serial = itertools.count(1)


@dataclass
class Gaps:
    packet: Packet
    card: TimeCard
    po: PurchaseOrder
    invoice: Invoice
    envelope: Envelope
    item: IssuedItem
    report: ProductionReport
    unreported: CallSheet


def make_gaps(production) -> Gaps:
    """One of each: a packet sent and not signed, a person paid with no packet, an approved PO
    with a balance, an invoice entered, an envelope with a receipt, a walkie out, a DPR
    submitted and a published day with no DPR."""
    n = next(_serial)
    today = production.today()
    signer = make_person(production, first_name="Packet", last_name=f"Person{n}")
    packet = Packet.objects.create(production=production, person=signer, status="sent")
    PacketForm.objects.create(packet=packet, kind="deal_memo", status="not_started")
    PacketForm.objects.create(packet=packet, kind="w4", status="submitted", position=1)

    worker = make_person(
        production, first_name="Paid", last_name=f"Worker{n}", rate=300, rate_unit="day"
    )
    card = payroll.timecard_prepare(
        actor=None, person=worker, week_start=today - timedelta(days=(today.weekday() + 1) % 7 + 7)
    )
    TimeCard.objects.filter(pk=card.pk).update(status=TimeCard.Status.APPROVED)

    vendor = Vendor.objects.create(production=production, name=f"Grip Rentals {n}")
    account, _ = Account.objects.get_or_create(
        production=production,
        code="2700",
        defaults={"number": "2700", "description": "Grip", "category": "Production"},
    )
    po = PurchaseOrder.objects.create(
        production=production,
        number=n,
        vendor=vendor,
        description="Dolly rental",
        status=PurchaseOrder.Status.APPROVED,
    )
    POLine.objects.create(
        po=po,
        account=account,
        description="Dolly",
        quantity=1,
        rate=Decimal("500"),
        amount=Decimal("500"),
    )
    invoice = Invoice.objects.create(
        production=production, vendor=vendor, number=f"INV-{n}", number_key=f"inv{n}", date=today
    )
    InvoiceLine.objects.create(
        invoice=invoice, account=account, description="Gels", amount=Decimal("120")
    )

    holder = make_person(production, first_name="Float", last_name=f"Holder{n}")
    float_ = PettyCashFloat.objects.create(
        production=production, person=holder, initials=f"F{n}", amount=Decimal("200")
    )
    envelope = Envelope.objects.create(production=production, float=float_, sequence=1)
    receipt = Receipt.objects.create(
        production=production,
        person=holder,
        envelope=envelope,
        vendor_name="Hardware store",
        date=today,
        total=Decimal("42.50"),
    )
    ReceiptLine.objects.create(
        receipt=receipt, account=account, description="Sash cord", amount=Decimal("42.50")
    )

    item = IssuedItem.objects.create(
        production=production,
        kind=IssuedItem.Kind.WALKIE,
        number=f"#{n}",
        number_key=str(n),
        person=holder,
        issued_on=today,
    )

    strips = [
        Strip.objects.create(production=production, scene_number=str(k), eighths=8) for k in (1, 2)
    ]
    scenario = Scenario.objects.create(
        production=production, name=f"Board {n}", layout={"days": [[s.pk] for s in strips]}
    )
    shot = CallSheet.objects.create(
        production=production,
        scenario=scenario,
        day_number=1,
        date=today - timedelta(days=10 * n),
        number=2 * n - 1,
        crew_call="07:00",
        status=CallSheet.Status.PUBLISHED,
    )
    report = ProductionReport.objects.create(
        production=production,
        call_sheet=shot,
        day_number=1,
        date=shot.date,
        status=ProductionReport.Status.SUBMITTED,
    )
    unreported = CallSheet.objects.create(
        production=production,
        scenario=scenario,
        day_number=2,
        date=today - timedelta(days=10 * n - 1),
        number=2 * n,
        crew_call="07:00",
        status=CallSheet.Status.PUBLISHED,
    )
    return Gaps(packet, card, po, invoice, envelope, item, report, unreported)
