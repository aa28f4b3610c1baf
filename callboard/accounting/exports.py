"""The cost report as XLSX, CSV and PDF (typst, with a chart of the biggest variances)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from django.utils import timezone
from openpyxl.styles import Font

from callboard.documents.render import render_pdf

from .costreport import COLUMNS, CostReport, shown

TYPST = Path(__file__).parent / "typst" / "cost_report.typ"
HEADERS = ["Account", "Description", "Budget", "This period", "Actual to date",
           "POs / commitments", "Estimate to complete", "EFC", "Variance"]  # fmt: skip
MONEY_FORMAT = "#,##0.00;(#,##0.00)"


def _values(row) -> list:
    return [getattr(row, name) for name in COLUMNS]


def cost_report_csv(report: CostReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Category"] + HEADERS)
    for category in report.categories:
        for row in category.accounts:
            writer.writerow(
                [category.name, row.code, row.description] + [f"{v:.2f}" for v in _values(row)]
            )
        writer.writerow(
            [category.name, "", f"Total {category.name}"] + [f"{v:.2f}" for v in _values(category)]
        )
    writer.writerow(["", "", "Total"] + [f"{v:.2f}" for v in _values(report.total)])
    return out.getvalue().encode("utf-8-sig")


def cost_report_xlsx(report: CostReport) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Cost report"
    sheet.append(HEADERS)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for category in report.categories:
        sheet.append([category.name])
        sheet.cell(sheet.max_row, 1).font = bold
        for row in category.accounts:
            sheet.append([row.code, row.description] + _values(row))
        sheet.append(["", f"Total {category.name}"] + _values(category))
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    sheet.append(["", "Total"] + _values(report.total))
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for column in "CDEFGHI":
        sheet.column_dimensions[column].width = 16
        for cell in sheet[column][1:]:
            cell.number_format = MONEY_FORMAT
    sheet.column_dimensions["B"].width = 36
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _shown_row(row) -> dict:
    return {name: shown(getattr(row, name)) for name in COLUMNS}


def cost_report_pdf(production, report: CostReport, period, budget) -> bytes:
    now = timezone.localtime(timezone=production.tzinfo)
    biggest = report.biggest_variances(8)
    scale = max((abs(r.variance) for r in biggest), default=1) or 1
    data = {
        "production": production.title, "company": production.company,
        "generated": f"{now:%b} {now.day}, {now:%Y} {now:%H:%M}",
        "budget": f"Budget v{budget.version} — {budget.name}{' (locked)' if budget.locked_at else ' (not locked)'}"
                  if budget else "No budget imported",
        "period": f"This period: {period[0]:%b %-d} – {period[1]:%b %-d, %Y}" if period else "This period: all dates",
        "categories": [{"name": c.name, "totals": _shown_row(c),
                        "accounts": [{"code": r.code, "description": r.description} | _shown_row(r)
                                     for r in c.accounts]} for c in report.categories],
        "total": _shown_row(report.total),
        "bars": [{"label": f"{r.code} {r.description}"[:40], "value": shown(r.variance),
                  "share": float(abs(r.variance) / scale), "over": r.variance < 0} for r in biggest],
    }  # fmt: skip
    return render_pdf(TYPST, data)


def purchase_order_pdf(production, po) -> bytes:
    lines = list(po.lines.select_related("account"))
    vendor = po.vendor
    address = ", ".join(
        p for p in (vendor.street, vendor.city, vendor.region, vendor.postal_code) if p
    )
    data = {
        "production": production.title, "company": production.company or production.title,
        "office": production.office_address, "office_phone": production.office_phone,
        "office_email": production.office_email, "number": po.code, "status": po.get_status_display(),
        "date": f"{timezone.localtime(po.created_at, production.tzinfo):%b %-d, %Y}",
        "vendor": vendor.name, "vendor_address": address, "vendor_phone": vendor.phone,
        "vendor_email": vendor.email, "account_number": vendor.account_number,
        "description": po.description,
        "lines": [{"account": ln.account.code, "description": ln.description,
                   "rental": (f"{ln.rental_start:%b %-d} – {ln.rental_end:%b %-d, %Y}"
                              if ln.rental_start and ln.rental_end else ""),
                   "quantity": f"{ln.quantity.normalize():f}", "rate": shown(ln.rate),
                   "amount": shown(ln.amount)} for ln in lines],
        "total": shown(sum((ln.amount for ln in lines), 0)),
        "approvals": [f"{a['step']}: {a['by']}" for a in po.approvals],
    }  # fmt: skip
    return render_pdf(TYPST.parent / "purchase_order.typ", data)
