"""The completeness report: every gap before the show's record is final, read from the app that
owns it through that app's own rule of what is done (its queries), each line naming the record
and linking to the page where it is fixed. A constant number of queries per kind."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.defaultfilters import date as date_filter
from django.urls import reverse

from callboard.accounting import queries as accounting
from callboard.accounting.costreport import ZERO, dollars
from callboard.core.capabilities import Cap
from callboard.core.models import Production
from callboard.office.supplies import queries as supplies
from callboard.paperwork import queries as paperwork
from callboard.payroll import queries as payroll
from callboard.reports import queries as reports


@dataclass(frozen=True)
class Gap:
    record: str  # the record, named as its own page names it
    state: str  # where it stands, what is left
    url: str  # the page where it is fixed


@dataclass
class Section:
    key: str
    title: str
    fix: str  # who fixes it, and how
    cap: Cap  # what the page that fixes it asks for: lines are shown to those who hold it
    gaps: list[Gap] = field(default_factory=list)
    # What the apps do not record of this kind: said, not invented.
    not_recorded: str = ""
    # False: the apps record nothing of this kind at all (there is no count to give).
    recorded: bool = True

    @property
    def count(self) -> int:
        return len(self.gaps)


def _url(name: str, production: Production, **kwargs) -> str:
    return reverse(name, kwargs={"production": production.slug, **kwargs})


def _day(day) -> str:
    return date_filter(day, "D M j, Y")


def _packets(production: Production) -> Section:
    section = Section(
        "packets",
        "Start packets and deal memos not approved",
        "The office chases the person; payroll approves the packet.",
        Cap.PAPERWORK_MANAGE,
    )
    for packet in paperwork.open_packets(production):
        state = f"{packet.get_status_display()}: {packet.forms_signed} of "
        state += f"{packet.forms_total} forms signed"
        if packet.deal_memos_unsigned:
            state += "; deal memo not signed"
        section.gaps.append(
            Gap(
                f"Start packet — {packet.person.display_name}",
                state,
                _url("paperwork:packet", production, packet_pk=packet.pk),
            )
        )
    return section


def _paid(production: Production) -> Section:
    section = Section(
        "paid",
        "Paid without approved paperwork",
        "Wages are owed all the same: get the start packet approved (start one from the "
        "paperwork board if they have none).",
        Cap.PAPERWORK_MANAGE,
    )
    for row in payroll.paid_without_paperwork(production):
        name = f"{row['person__first_name']} {row['person__last_name']}".strip()
        cards = row["cards"]
        state = (
            f"{cards} time card{'s' if cards != 1 else ''} approved or paid, the last for the "
            f"week of {_day(row['last_week'])}; "
            + ("the packet is not approved" if row["packet_id"] else "no start packet")
        )
        url = (
            _url("paperwork:packet", production, packet_pk=row["packet_id"])
            if row["packet_id"]
            else _url("paperwork:board", production)
        )
        section.gaps.append(Gap(name, state, url))
    return section


def _purchase_orders(production: Production) -> Section:
    section = Section(
        "pos",
        "Open purchase orders",
        "Accounting closes each PO once nothing more is owed on it.",
        Cap.ACCOUNTING_MANAGE,
    )
    balances = accounting.open_balances(production)
    for po in accounting.open_purchase_orders(production):
        total = dollars(po.total or ZERO)
        if po.status == po.Status.APPROVED:
            left = balances.get(po.pk)
            state = (
                f"approved, {dollars(left)} of {total} not invoiced yet"
                if left
                else f"approved and invoiced in full ({total}): close it"
            )
        else:
            state = f"{po.get_status_display().lower()} ({total})"
        section.gaps.append(
            Gap(
                f"PO {po.code} — {po.vendor} — {po.description}",
                state,
                _url("accounting:po", production, po_pk=po.pk),
            )
        )
    return section


def _invoices(production: Production) -> Section:
    section = Section(
        "invoices",
        "Unpaid invoices",
        "Accounting approves each invoice and sends it to be paid in a batch (or voids it).",
        Cap.ACCOUNTING_MANAGE,
    )
    for invoice in accounting.unpaid_invoices(production):
        waiting = (
            "entered, not approved"
            if invoice.status == invoice.Status.ENTERED
            else "approved, not sent to accounting"
        )
        section.gaps.append(
            Gap(
                f"Invoice {invoice.number} — {invoice.vendor}",
                f"{waiting} ({dollars(invoice.total or ZERO)}, dated {_day(invoice.date)})",
                _url("accounting:invoice", production, invoice_pk=invoice.pk),
            )
        )
    return section


def _envelopes(production: Production) -> Section:
    section = Section(
        "envelopes",
        "Petty-cash envelopes not reconciled",
        "Accounting counts the cash on hand and reconciles the envelope.",
        Cap.ACCOUNTING_MANAGE,
    )
    for envelope in accounting.unreconciled_envelopes(production):
        count = envelope.receipts_count
        section.gaps.append(
            Gap(
                f"Envelope {envelope.code} — {envelope.float.person.display_name}",
                f"{count} receipt{'s' if count != 1 else ''}, {dollars(envelope.spent)} spent",
                _url("accounting:envelope", production, envelope_pk=envelope.pk),
            )
        )
    return section


def _issued(production: Production) -> Section:
    section = Section(
        "issued",
        "Walkies, keys, passes and badges not returned",
        "The office takes each item back on the issued-items page (or records it lost).",
        Cap.OFFICE_MANAGE,
        not_recorded="Drive-on passes: the gate records arrivals and departures, not passes "
        "coming back (a drive-on ends on its last day); parking passes the office hands out "
        "are issued items, listed here.",
    )
    url = _url("office:supplies_issued", production) + "#held"
    for held in supplies.unreturned_items(production):
        item = held.item
        state = f"with {item.person.display_name} since {_day(item.issued_on)}"
        if held.flag == "overdue":
            state += f"; their end date ({_day(item.person.end_date)}) has passed"
        section.gaps.append(Gap(str(item), state, url))
    return section


def _dprs(production: Production) -> Section:
    section = Section(
        "dprs",
        "Daily production reports not approved",
        "The 2nd AD finishes and submits the day's report; the UPM approves it.",
        Cap.REPORTS_VIEW,
    )
    current = list(reports.current_reports(production))
    waiting = [r for r in current if r.status != r.Status.APPROVED]
    for report in sorted(waiting, key=lambda r: (r.date, r.unit)):
        section.gaps.append(
            Gap(
                str(report),
                report.get_status_display().lower(),
                _url("reports:report", production, report_pk=report.pk),
            )
        )
    for sheet in reversed(reports.days_without_report(production, current)):
        section.gaps.append(
            Gap(
                f"Shoot day of {_day(sheet.date)}",
                f"call sheet #{sheet.number} published; no report started",
                _url("reports:reports", production),
            )
        )
    return section


def _scripts() -> Section:
    return Section(
        "scripts",
        "Scripts not returned",
        "",
        Cap.SCRIPTS_VIEW,
        not_recorded="The scripts app sends each copy as a personal, watermarked link (revocable, "
        "expiring) and records no copy coming back, so it has nothing to list here. Paper "
        "copies are not recorded.",
        recorded=False,
    )


def completeness_report(production: Production) -> list[Section]:
    """Every kind of gap, in the order the office works through them at wrap."""
    return [
        _packets(production),
        _paid(production),
        _purchase_orders(production),
        _invoices(production),
        _envelopes(production),
        _issued(production),
        _dprs(production),
        _scripts(),
    ]


EXPORT_HEADERS = ["Kind", "Record", "Where it stands", "Fixed at"]


def export_rows(sections: list[Section], base_url: str) -> list[list[str]]:
    """The lines of the sections given, one row each, with the fixing page's full address."""
    return [
        [section.title, gap.record, gap.state, base_url + gap.url]
        for section in sections
        for gap in section.gaps
    ]
