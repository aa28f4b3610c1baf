"""The demo's chart of accounts and locked budget (a mid-size feature), read from the same
kind of file a studio would upload."""

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from PIL import Image, ImageDraw

from callboard.accounting import queries, services
from callboard.accounting.budgetfile import read_budget_rows
from callboard.core.capabilities import Cap, Role
from callboard.core.models import Membership
from callboard.core.services import warning_override
from callboard.documents.tabular import read_table
from callboard.people.models import Person, Vendor

BUDGET_CSV = """Account,Description,Amount,Line,Fringe
1100,Story & rights,450000,ATL,
1200,Producers,900000,ATL,
1300,Director,750000,ATL,
1400,Cast,2400000,ATL,
1500,Above-the-line travel & living,180000,ATL,
2000,Production staff,620000,BTL,
2100,Art department,310000,BTL,
2200,Set construction,420000,BTL,
2500,Set operations,95000,BTL,
2700,Set dressing,260000,BTL,
2800,Property,140000,BTL,
2900,Wardrobe,185000,BTL,
3100,Makeup & hair,98000,BTL,
3300,Camera,410000,BTL,
3400,Grip,240000,BTL,
3500,Electric,255000,BTL,
3600,Production sound,88000,BTL,
3700,Transportation,390000,BTL,
3800,Locations,520000,BTL,
3900,Catering & craft service,175000,BTL,
4100,Special effects,120000,BTL,
4500,Tests & second unit,60000,BTL,
5100,Editorial,340000,BTL,
5300,Music,250000,BTL,
5500,Post sound,180000,BTL,
5700,Visual effects,600000,BTL,
6100,Insurance,210000,BTL,
6200,Legal & accounting,140000,BTL,
6500,Publicity,40000,BTL,
7100,Fringes — payroll taxes,410000,BTL,yes
7200,Fringes — union pension & health,560000,BTL,yes
"""


def _receipt_photo(store: str, lines: list[tuple[str, Decimal]]) -> bytes:
    """A legible picture of a till receipt, so the demo's envelope PDF looks real."""
    image = Image.new("RGB", (600, 900), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    y = 40
    for text in [
        store.upper(),
        "",
        *[f"{what[:28]:<28} {amount:>8}" for what, amount in lines],
        "",
        f"{'TOTAL':<28} {sum(a for _, a in lines):>8}",
        "",
        "THANK YOU",
    ]:
        draw.text((40, y), text, fill=(30, 30, 30))
        y += 28
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


# The fringe table a California feature's payroll house would quote (payroll taxes on 7100,
# union benefits on 7200); payroll batch 1 posts these on top of its wages.
FRINGES = [
    ("FICA (Social Security)", "7100", "percent", "6.2", "184500", ""),
    ("Medicare", "7100", "percent", "1.45", None, ""),
    ("FUTA", "7100", "percent", "0.6", "7000", ""),
    ("CA unemployment (SUI)", "7100", "percent", "3.4", "7000", ""),
    ("Workers' compensation", "7100", "percent", "2.5", None, ""),
    ("Payroll house fee", "7100", "percent", "0.5", None, ""),
    ("IATSE pension & health", "7200", "hour", "9.50", None, "IATSE"),
    ("Teamsters 399 health", "7200", "day", "42.00", None, "Teamsters"),
    ("SAG-AFTRA pension & health", "7200", "scale", "21", "250000", "SAG-AFTRA"),
]


def accounting_demo_build(*, actor, production, today: date) -> dict:
    upm = Membership.objects.get(production=production, role=Role.UPM).user
    coordinator = Membership.objects.get(production=production, role=Role.COORDINATOR).user
    accountant = Membership.objects.get(production=production, role=Role.ACCOUNTANT).user
    rows = read_budget_rows(
        read_table("the-long-night-budget.csv", BUDGET_CSV.encode(), max_bytes=1 << 20),
        need_amounts=True,
    )
    budget = services.budget_import(
        actor=accountant,
        production=production,
        rows=rows,
        name="Locked budget",
        source_name="the-long-night-budget.csv",
    )
    services.budget_lock(actor=upm, budget=budget)  # a second person locks it
    services.fringe_table_save(
        actor=accountant,
        production=production,
        lines=[
            services.FringeInput(
                name, code, basis, Decimal(rate), Decimal(cap) if cap else None, union
            )
            for name, code, basis, rate, cap, union in FRINGES
        ],
    )
    rng = random.Random(41)
    vendors = {v.name: v for v in Vendor.objects.filter(production=production)}
    for n, vendor in enumerate(vendors.values()):
        services.vendor_terms_save(
            actor=actor,
            vendor=vendor,
            payment_terms=rng.choice(["Net 30", "Net 15", "COD"]),
            w9_received=today - timedelta(days=20 - n % 10),
            tax_id=f"{rng.randint(10, 98)}-{rng.randint(1000000, 9999999)}",
            is_1099=n % 3 == 0,
            # One lapsing soon and one lapsed, so the warnings show.
            coi_expires=today + timedelta(days=12 if n == 1 else -3 if n == 4 else 200 + n),
        )
    camera = vendors["Halide Camera Rentals"]
    grip = vendors["Silverline Grip & Electric"]
    start = production.shoot_start
    line = services.LineInput
    # The accountant asks; the coordinator, the UPM and the studio (over $5,000) approve.
    camera_po, _ = services.po_create(
        actor=accountant,
        production=production,
        vendor=camera,
        description="Camera package, shoot weeks 1–6",
        lines=[
            line(
                "3300",
                "Two-body camera package (weekly)",
                Decimal("6"),
                Decimal("8500"),
                start,
                start + timedelta(days=41),
            ),
            line(
                "3300",
                "Lens package",
                Decimal("6"),
                Decimal("3200"),
                start,
                start + timedelta(days=41),
            ),
        ],
    )
    grip_po, _ = services.po_create(
        actor=accountant,
        production=production,
        vendor=grip,
        description="Grip truck and expendables, prep",
        lines=[
            line("3400", "10-ton grip package (weekly)", Decimal("2"), Decimal("2400")),
            line("3500", "Expendables allowance", Decimal("1"), Decimal("1200")),
        ],
    )
    services.po_create(
        actor=accountant,
        production=production,
        vendor=vendors["Sunland Generators"],
        description="Tow plant, night exteriors",
        lines=[line("3500", "Tow plant", Decimal("3"), Decimal("950"))],
    )
    for po in (camera_po, grip_po):
        services.po_submit(actor=accountant, po=po)
        for role, who in (
            (Role.COORDINATOR, coordinator),
            (Role.UPM, upm),
            (Role.STUDIO_ADMIN, actor),
        ):
            if po.__class__.objects.get(pk=po.pk).status == "pending":
                services.po_approve(actor=who, role=role, po=po)
    grip_lines = list(grip_po.lines.order_by("id"))
    invoice, _ = services.invoice_create(
        actor=coordinator,
        production=production,
        vendor=grip,
        number="SGE-22817",
        on=today - timedelta(days=3),
        po=grip_po,
        lines=[
            services.InvoiceLineInput(
                "3400", "Grip package, prep week 1", Decimal("2400"), grip_lines[0].pk
            ),
            services.InvoiceLineInput("3500", "Expendables", Decimal("1380.55"), grip_lines[1].pk),
        ],
    )
    # Its expendables line bills past the PO: the UPM lets it pass with a reason; the
    # accountant reads it and approves (whoever overrides does not approve).
    for warning in queries.invoice_warnings(invoice):
        warning_override(
            actor=upm,
            membership=Membership.objects.get(production=production, user=upm),
            capability=Cap.ACCOUNTING_OVERRIDE,
            subject=invoice,
            warning=warning,
            reason="Extra gels for the night exteriors, agreed with the gaffer by phone.",
            allowed=[warning],
        )
    services.invoice_approve(actor=accountant, invoice=invoice)
    services.invoice_create(
        actor=coordinator,
        production=production,
        vendor=vendors["Gaff & Co. Expendables"],
        number="GC-5512",
        on=today - timedelta(days=1),
        lines=[services.InvoiceLineInput("3500", "Tape, gels, batteries", Decimal("645.20"))],
    )
    check = services.check_request_create(
        actor=accountant,
        production=production,
        payee="Rosie's Diner LLC",
        reason="Location fee, shoot days 1–2 (deposit)",
        lines=[services.InvoiceLineInput("3800", "Location fee deposit", Decimal("4000"))],
    )
    services.check_request_submit(actor=accountant, request=check)
    services.check_request_approve(actor=coordinator, role=Role.COORDINATOR, request=check)
    services.check_request_approve(actor=upm, role=Role.UPM, request=check)
    services.check_pickup_record(
        actor=coordinator,
        production=production,
        check_number="10231",
        payee=check.payee,
        amount=Decimal("4000"),
        picked_up_by="Location manager",
        request=check,
    )
    services.payment_problem_open(
        actor=coordinator,
        production=production,
        title="Keslow invoice paid twice?",
        who="Northlight Optics & Camera",
        assigned_to=upm,
        details="Two payments of $1,150 cleared on the same day; asked their AR to confirm.",
    )

    # Petty cash: the set decorator's float, REFERENCE.md's JS03 reconciled; JS04 open.
    decorator = Person.objects.filter(production=production, position="Set Decorator").first()
    envelope = services.float_create(
        actor=coordinator,
        production=production,
        person=decorator,
        initials="".join(w[0] for w in decorator.full_name.split()[:2]).upper(),
        amount=Decimal("500"),
    )
    envelope.__class__.objects.filter(pk=envelope.pk).update(sequence=3)
    envelope.refresh_from_db()
    receipts = [
        (
            "Home Depot #6612",
            "2700",
            [("Diner curtain rods", Decimal("112.47")), ("Hardware", Decimal("100.00"))],
        ),
        ("Hollywood Props", "2800", [("Police radio rental", Decimal("100.00"))]),
    ]
    for n, (store, code, lines) in enumerate(receipts):
        services.receipt_add(
            production=production,
            person=decorator,
            envelope=envelope,
            on=today - timedelta(days=4 - n),
            vendor_name=store,
            actor=coordinator,
            file=("r.jpg", _receipt_photo(store, lines)),
            lines=[
                services.ReceiptLineInput(code, what, amount, "Rosie's Diner")
                for what, amount in lines
            ],
        )
    services.envelope_reconcile(
        actor=coordinator, envelope=envelope, cash_on_hand=Decimal("187.53")
    )
    following = envelope.__class__.objects.get(float=envelope.float, sequence=4)
    services.receipt_add(
        production=production,
        person=decorator,
        envelope=following,
        on=today - timedelta(days=1),
        vendor_name="BevMo #12",
        actor=coordinator,
        lines=[
            services.ReceiptLineInput(
                "2800", "Wine bottles (hero prop)", Decimal("42.99"), "Apartment"
            )
        ],
    )
    # The office knows better on two accounts: a location that will cost more, fringes that will
    # come in under.
    from callboard.accounting.models import Account

    services.estimate_save(
        actor=coordinator,
        account=Account.objects.get(production=production, code="3800"),
        amount=Decimal("540000"),
        note="Second diner location added",
    )
    services.estimate_save(
        actor=coordinator,
        account=Account.objects.get(production=production, code="7200"),
        amount=Decimal("520000"),
        note="Fewer union days than budgeted",
    )
    return {"accounts": len(rows), "total": sum(r.amount for r in rows)}


def demo_books_delete(production) -> None:
    """The demo's books, in the order their protections allow (postings protect accounts,
    invoices protect PO lines, receipts protect envelopes and people)."""
    from callboard.accounting.models import (
        Budget,
        CheckRequest,
        Envelope,
        Invoice,
        PettyCashFloat,
        PurchaseOrder,
        Receipt,
    )

    for model in (Invoice, PurchaseOrder, CheckRequest, Budget, Receipt, Envelope, PettyCashFloat):
        model.objects.filter(production=production).delete()
