"""The cost report as XLSX, CSV and PDF (typst, with a chart of the biggest variances)."""

from __future__ import annotations

import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from callboard.core import clock
from callboard.documents.render import render_pdf
from callboard.documents.storage import stored_extension
from callboard.documents.tabular import write_csv

from .costreport import COLUMNS, CostReport, shown

TYPST = Path(__file__).parent / "typst" / "cost_report.typ"
HEADERS = [
    "Account",
    "Description",
    "Budget",
    "This period",
    "Actual to date",
    "POs / commitments",
    "Estimate to complete",
    "EFC",
    "Variance",
]
MONEY_FORMAT = "#,##0.00;(#,##0.00)"


def _values(row) -> list:
    return [getattr(row, name) for name in COLUMNS]


def cost_report_csv(report: CostReport) -> bytes:
    rows = []
    for category in report.categories:
        rows += [
            [category.name, row.code, row.description, *_values(row)] for row in category.accounts
        ]
        rows.append([category.name, "", f"Total {category.name}", *_values(category)])
    rows.append(["", "", "Total", *_values(report.total)])
    return write_csv(["Category", *HEADERS], rows)


def cost_report_xlsx(report: CostReport) -> bytes:
    from openpyxl.styles import Font  # openpyxl loads with the first workbook, not the URLconf

    from callboard.documents.xlsx import Spreadsheet

    book = Spreadsheet()
    out = book.add_sheet("Cost report")
    bold, width = Font(bold=True), len(HEADERS)
    out.append(HEADERS, font=bold)
    for category in report.categories:
        out.append([category.name], font=bold)
        for row in category.accounts:
            out.append([row.code, row.description] + _values(row))
        out.append(["", f"Total {category.name}"] + _values(category), font=bold, width=width)
    out.append(["", "Total"] + _values(report.total), font=bold, width=width)
    sheet = out.worksheet
    for column in "CDEFGHI":
        sheet.column_dimensions[column].width = 16
        for cell in sheet[column][1:]:
            cell.number_format = MONEY_FORMAT
    sheet.column_dimensions["B"].width = 36
    sheet.freeze_panes = "C2"
    return book.save()


def _shown_row(row) -> dict:
    return {name: shown(getattr(row, name)) for name in COLUMNS}


def cost_report_pdf(production, report: CostReport, period, budget) -> bytes:
    now = timezone.localtime(timezone=production.tzinfo)
    biggest = report.biggest_variances(8)
    scale = max((abs(r.variance) for r in biggest), default=1) or 1
    data = {
        "production": production.title,
        "company": production.company,
        "generated": clock.date_time(now, production.tzinfo),
        "budget": (
            f"Budget v{budget.version} — {budget.name}"
            f"{' (locked)' if budget.locked_at else ' (not locked)'}"
        )
        if budget
        else "No budget imported",
        "period": f"This period: {period[0]:%b %-d} – {period[1]:%b %-d, %Y}"
        if period
        else "This period: all dates",
        "categories": [
            {
                "name": c.name,
                "totals": _shown_row(c),
                "accounts": [
                    {"code": r.code, "description": r.description} | _shown_row(r)
                    for r in c.accounts
                ],
            }
            for c in report.categories
        ],
        "total": _shown_row(report.total),
        "bars": [
            {
                "label": f"{r.code} {r.description}"[:40],
                "value": shown(r.variance),
                "share": float(abs(r.variance) / scale),
                "over": r.variance < 0,
            }
            for r in biggest
        ],
    }
    return render_pdf(TYPST, data)


def purchase_order_pdf(production, po) -> bytes:
    lines = list(po.lines.select_related("account"))
    vendor = po.vendor
    address = ", ".join(
        p for p in (vendor.street, vendor.city, vendor.region, vendor.postal_code) if p
    )
    data = {
        "production": production.title,
        "company": production.company or production.title,
        "office": production.office_address,
        "office_phone": production.office_phone,
        "office_email": production.office_email,
        "number": po.code,
        "status": po.get_status_display(),
        "date": f"{timezone.localtime(po.created_at, production.tzinfo):%b %-d, %Y}",
        "vendor": vendor.name,
        "vendor_address": address,
        "vendor_phone": vendor.phone,
        "vendor_email": vendor.email,
        "account_number": vendor.account_number,
        "description": po.description,
        "lines": [
            {
                "account": ln.account.code,
                "description": ln.description,
                "rental": (
                    f"{ln.rental_start:%b %-d} – {ln.rental_end:%b %-d, %Y}"
                    if ln.rental_start and ln.rental_end
                    else ""
                ),
                "quantity": f"{ln.quantity.normalize():f}",
                "rate": shown(ln.rate),
                "amount": shown(ln.amount),
            }
            for ln in lines
        ],
        "total": shown(sum((ln.amount for ln in lines), 0)),
        "approvals": [f"{a['step']}: {a['by']}" for a in po.approvals],
    }
    return render_pdf(TYPST.parent / "purchase_order.typ", data)


def envelope_pdf(envelope, progress=lambda percent: None) -> bytes:
    """The envelope for accounting: a cover sheet (receipts coded line by line, totals by
    account, the reconciliation, flags, signatures) and every receipt's photo or PDF on a
    page of its own. The files are copied beside the template so typst embeds them as they
    are (JPEG and PDF pages are not re-encoded)."""
    from .queries import receipt_flags_for

    receipts = list(envelope.receipts.select_related("person").prefetch_related("lines__account"))
    by_account: dict[str, list] = {}
    listed, pages = [], []
    with tempfile.TemporaryDirectory(prefix="envelope-") as folder:
        root = Path(folder)
        shutil.copy(TYPST.parent / "envelope.typ", root / "envelope.typ")
        for n, receipt in enumerate(receipts, start=1):
            # A voided receipt stays on the cover sheet, marked, out of the totals.
            for line in [] if receipt.voided_at else receipt.lines.all():
                entry = by_account.setdefault(
                    line.account.code, [line.account.description, Decimal(0)]
                )
                entry[1] += line.amount
            name = ""
            if receipt.file:
                name = f"r{n}.{stored_extension(receipt.file, receipt.content_type)}"
                with receipt.file.open("rb") as source, open(root / name, "wb") as target:
                    shutil.copyfileobj(source, target)
                pages.append(
                    {
                        "file": name,
                        "title": f"Receipt {n} — {receipt.vendor_name}, "
                        f"{receipt.date:%b %-d}, {shown(receipt.total)}",
                    }
                )
            listed.append(
                {
                    "n": str(n),
                    "date": f"{receipt.date:%b %-d}",
                    "vendor": receipt.vendor_name,
                    "total": shown(receipt.total),
                    "photo": "yes" if name else "MISSING",
                    "lines": [
                        {
                            "account": ln.account.code,
                            "description": ln.description,
                            "set": ln.set_code,
                            "amount": shown(ln.amount),
                        }
                        for ln in receipt.lines.all()
                    ],
                    "flags": [f"VOID — {receipt.void_reason}"]
                    if receipt.voided_at
                    else receipt_flags_for(receipt),
                }
            )
            progress(int(80 * n / max(len(receipts), 1)))
        total = sum((r.total for r in receipts if not r.voided_at), Decimal(0))
        held = envelope.float
        zone = envelope.production.tzinfo
        data = {
            "production": envelope.production.title,
            "code": envelope.code,
            "person": held.person.full_name,
            "float": shown(held.amount),
            "receipts_total": shown(total),
            "cash_on_hand": shown(envelope.cash_on_hand)
            if envelope.cash_on_hand is not None
            else "",
            "replenish": shown(envelope.replenished) if envelope.replenished is not None else "",
            "status": envelope.get_status_display(),
            "reconciled": (
                f"{timezone.localtime(envelope.reconciled_at, zone):%b %-d, %Y}"
                f" by {envelope.reconciled_by}"
                if envelope.reconciled_at
                else ""
            ),
            "receipts": listed,
            "pages": pages,
            "accounts": [
                {"account": code, "description": d, "amount": shown(a)}
                for code, (d, a) in sorted(by_account.items())
            ],
        }
        pdf = render_pdf(root / "envelope.typ", data)
    progress(100)
    return pdf


def expense_reports_csv(lines) -> bytes:
    return write_csv(
        ["Person", "Paid with", "Account", "Description", "Amount"],
        [
            [
                f"{row['receipt__person__first_name']} {row['receipt__person__last_name']}".strip(),
                "card" if row["receipt__paid"] == "card" else "petty cash",
                row["account__code"],
                row["account__description"],
                row["total"],
            ]
            for row in lines
        ],
    )
