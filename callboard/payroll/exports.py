"""A payroll batch as CSV (one row per earnings line, for loading), XLSX (a summary and
every line with its reason) and PDF (each card line by line); a person's union days as PDF."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from callboard.core import clock
from callboard.documents.render import render_pdf
from callboard.documents.tabular import write_csv

from .models import PayrollBatch, TimeCard
from .queries import paid_days, thresholds
from .timecards import day_label, line_label, rules_title

TYPST_DIR = Path(__file__).parent / "typst"
ZERO = Decimal("0")


def batch_cards(batch: PayrollBatch) -> list[TimeCard]:
    return list(
        batch.cards.select_related("person", "approved_by", "reviewed_by").order_by(
            "department", "person__last_name", "person__first_name"
        )
    )


def totals(cards: list[TimeCard]) -> dict[str, Decimal]:
    return {
        name: sum((getattr(c, name) for c in cards), ZERO)
        for name in ("wages", "penalties", "kit_total", "gross")
    }


def earnings(card: TimeCard) -> list[dict]:
    """The week's lines summed by kind and rate: what a payroll system loads."""
    grouped: dict[tuple, dict] = {}
    for day in card.pay.get("days", []):
        for line in day["lines"]:
            label = line_label(line["kind"], line["why"])
            key = (line["kind"], label, line["multiplier"], line["rate"])
            row = grouped.setdefault(
                key,
                {
                    "kind": line["kind"],
                    "description": label,
                    "multiplier": line["multiplier"],
                    "rate": line["rate"],
                    "hours": ZERO,
                    "amount": ZERO,
                },
            )
            row["hours"] += Decimal(line["hours"])
            row["amount"] += Decimal(line["amount"])
    return list(grouped.values())


def _week_ending(card: TimeCard) -> str:
    return (card.week_start + timedelta(days=6)).isoformat()


def _worked_hours(card: TimeCard) -> Decimal:
    return sum((Decimal(d["worked_hours"]) for d in card.pay.get("days", [])), ZERO)


# The machine columns payroll loads keep their codes ("earnings", "rule_set"); "description"
# says the same line in words for whoever reads the file.
CSV_HEADER = [
    "batch",
    "employee",
    "person_id",
    "position",
    "department",
    "union",
    "local",
    "week_ending",
    "card_version",
    "rule_set",
    "account",
    "earnings",
    "multiplier",
    "hours",
    "rate",
    "amount",
    "description",
]


def batch_csv(cards: list[TimeCard]) -> bytes:
    rows = []
    for card in cards:
        common = [
            card.batch.number if card.batch else "",
            card.person.full_name,
            card.person_id,
            card.position,
            card.department,
            card.union,
            card.local,
            _week_ending(card),
            card.version,
            card.rules,
            card.account,
        ]
        for row in earnings(card):
            rows.append(
                common
                + [
                    row["kind"],
                    Decimal(row["multiplier"]),
                    row["hours"],
                    Decimal(row["rate"]),
                    row["amount"],
                    row["description"],
                ]
            )
        if card.kit_total:
            rows.append(
                common + ["kit_rental", None, None, None, card.kit_total, "Kit rental (not wages)"]
            )
    return write_csv(CSV_HEADER, rows)


def batch_xlsx(batch: PayrollBatch, cards: list[TimeCard]) -> bytes:
    from openpyxl.styles import Font  # openpyxl loads with the first workbook, not the URLconf

    from callboard.documents.xlsx import Spreadsheet

    book = Spreadsheet(write_only=True)
    bold = Font(bold=True)
    summary = book.add_sheet("Summary")
    summary.append(
        [
            "Employee",
            "Position",
            "Department",
            "Union",
            "Week ending",
            "Version",
            "Rules",
            "Rate",
            "Per",
            "Account",
            "Days",
            "Worked hours",
            "Wages",
            "Penalties",
            "Kit rental",
            "Gross",
            "Approved by",
            "Reviewed by",
        ],
        font=bold,
    )
    for card in cards:
        summary.append(
            [
                card.person.full_name,
                card.position,
                card.department,
                card.union,
                _week_ending(card),
                card.version,
                rules_title(card.rules),
                card.rate.quantize(Decimal("0.01")),
                card.per,
                card.account,
                card.worked_days,
                _worked_hours(card),
                card.wages,
                card.penalties,
                card.kit_total,
                card.gross,
                str(card.approved_by or ""),
                str(card.reviewed_by or ""),
            ]
        )
    sums = totals(cards)
    summary.append(
        ["Total"]
        + [None] * 11
        + [sums["wages"], sums["penalties"], sums["kit_total"], sums["gross"]]
    )
    lines = book.add_sheet("Lines")
    lines.append(
        [
            "Employee",
            "Date",
            "Line",
            "Hours",
            "Multiplier",
            "Rate",
            "Amount",
            "Account",
            "Why",
            "Earnings code",
        ],
        font=bold,
    )
    for card in cards:
        for day in card.pay.get("days", []):
            for line in day["lines"]:
                lines.append(
                    [
                        card.person.full_name,
                        day["date"],
                        line_label(line["kind"], line["why"]),
                        Decimal(line["hours"]),
                        Decimal(line["multiplier"]),
                        Decimal(line["rate"]),
                        Decimal(line["amount"]),
                        card.account,
                        line["why"],
                        line["kind"],
                    ]
                )
    return book.save()


def _money(value) -> str:
    return f"${Decimal(value):,.2f}"


def _card_document(card: TimeCard, show_pay: bool) -> dict:
    by_date = {d["date"]: d for d in card.days}
    days = []
    for day_pay in card.pay.get("days", []):
        typed = by_date.get(day_pay["date"], {})
        meals = ", ".join(
            f"{m['start']}–{m['end']}{' (grace)' if m.get('grace') else ''}"
            for m in typed.get("meals", [])
        )
        days.append(
            {
                "label": day_label(day_pay["date"]),
                "call": typed.get("call", ""),
                "meals": meals or "none",
                "wrap": typed.get("wrap", ""),
                "worked": day_pay["worked_hours"],
                "elapsed": day_pay["elapsed_hours"],
                "total": _money(day_pay["total"]) if show_pay else "",
                "lines": [
                    {
                        "kind": line_label(ln["kind"], ln["why"]),
                        "hours": ln["hours"],
                        "multiplier": ln["multiplier"],
                        "rate": _money(ln["rate"]),
                        "amount": _money(ln["amount"]),
                        "why": ln["why"],
                    }
                    for ln in day_pay["lines"]
                ]
                if show_pay
                else [],
            }
        )
    return {
        "name": card.person.full_name,
        "position": card.position,
        "department": card.department,
        "union": " ".join(p for p in (card.union, card.local) if p) or "Non-union",
        "week": f"{card.week_start:%a %b} {card.week_start.day} – "
        f"{card.week_start + timedelta(days=6):%a %b %-d, %Y}",
        "version": str(card.version),
        "status": card.get_status_display(),
        "reason": card.reason,
        "rules": rules_title(card.rules),
        "account": card.account,
        "deal": (
            f"${card.rate:,.2f} per {card.per}, {card.guaranteed_hours} h guaranteed"
            if show_pay
            else ""
        ),
        "signed": f"{card.submitted_by} · "
        f"{clock.date_time(card.submitted_at, card.production.tzinfo, year=False)}"
        if card.submitted_at
        else "",
        "approved": str(card.approved_by or ""),
        "reviewed": str(card.reviewed_by or ""),
        "days": days,
        "wages": _money(card.wages) if show_pay else "",
        "penalties": _money(card.penalties) if show_pay else "",
        "kit": _money(card.kit_total) if show_pay else "",
        "gross": _money(card.gross) if show_pay else "",
    }


def cards_pdf(
    production,
    cards: list[TimeCard],
    *,
    title: str,
    show_pay: bool,
    batch: PayrollBatch | None = None,
) -> bytes:
    now = timezone.localtime(timezone=production.tzinfo)
    sums = totals(cards)
    data = {
        "production": production.title,
        "company": production.company,
        "title": title,
        "generated": clock.date_time(now, production.tzinfo),
        "show_pay": show_pay,
        "batch": {
            "number": str(batch.number),
            "note": batch.note,
            "made": f"{timezone.localtime(batch.created_at, production.tzinfo):%b %-d, %Y}",
            "by": str(batch.created_by or ""),
        }
        if batch
        else None,
        "summary": [
            {
                "name": c.person.full_name,
                "position": c.position,
                "week": _week_ending(c),
                "days": str(c.worked_days),
                "hours": f"{_worked_hours(c):.1f}",
                "account": c.account,
                "gross": _money(c.gross),
            }
            for c in cards
        ]
        if batch
        else [],
        "totals": {k: _money(v) for k, v in sums.items()},
        "cards": [_card_document(c, show_pay) for c in cards],
    }
    return render_pdf(TYPST_DIR / "timecards.typ", data)


def union_days_pdf(production, person) -> bytes:
    records = paid_days(production, person_ids=[person.pk]).get(person.pk, [])
    limits = {t["position"].lower(): t for t in thresholds(production)}
    jobs: dict[str, list[int]] = {}
    for r in records:
        jobs.setdefault(r.job, [0, 0])[0 if r.union else 1] += r.days
    now = timezone.localtime(timezone=production.tzinfo)
    data = {
        "production": production.title,
        "company": production.company or production.title,
        "name": person.full_name,
        "generated": f"{now:%b} {now.day}, {now:%Y}",
        "records": [
            {
                "dates": (
                    f"{r.first:%b %-d, %Y}"
                    if r.first == r.last
                    else f"{r.first:%b %-d, %Y} – {r.last:%b %-d, %Y}"
                ),
                "employer": r.employer,
                "job": r.job,
                "union": "Union" if r.union else "Non-union",
                "days": str(r.days),
                "source": r.source,
            }
            for r in records
        ],
        "jobs": [
            {
                "job": job,
                "union": str(u),
                "nonunion": str(n),
                "needed": (
                    f"{limits[job.lower()]['union_days']} union or "
                    f"{limits[job.lower()]['nonunion_days']} non-union"
                )
                if job.lower() in limits
                else "no threshold set",
            }
            for job, (u, n) in jobs.items()
        ],
    }
    return render_pdf(TYPST_DIR / "union_days.typ", data)
