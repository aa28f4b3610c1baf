"""The binder's sections, each made from the records of the app that owns them, with that app's
own PDF where it prints one (crew list, call sheet, DPR, Exhibit G, one-liner, schedule, DOOD,
purchase order, time cards, cost report, run log) and a plain table where it keeps a list it does
not print. Each section says which capabilities reading it takes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.text import slugify

from callboard.core.capabilities import Cap
from callboard.core.models import Production

from .render import Doc, image_pdf, table_pdf


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    caps: tuple[Cap, ...]
    build: Callable[[Production], list[Doc]]
    # Editions whose binder may hold it (None: every edition).
    only_in: frozenset[str] | None = None


def _block(production: Production) -> dict:
    return {"title": production.title, "company": production.company}


def _printed(production: Production) -> str:
    now = timezone.localtime(timezone=production.tzinfo)
    return f"{now:%b} {now.day}, {now:%Y} {now:%-I:%M %p %Z}"


def _day(value: dt.date | None) -> str:
    return f"{value:%a %b} {value.day}, {value:%Y}" if value else ""


def _moment(value: dt.datetime | None, production: Production) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value, production.tzinfo)
    return f"{local:%b} {local.day}, {local:%Y} {local:%-I:%M %p}"


def _money(value: Decimal | None) -> str:
    return f"${value:,.2f}" if value is not None else ""


def _table(production: Production, title: str, filename: str, **kwargs) -> Doc:
    pdf = table_pdf(
        production=_block(production), title=title, printed=_printed(production), **kwargs
    )
    return Doc(title, filename, pdf)


def _stored(field) -> bytes:
    with field.open("rb") as source:
        return source.read()


def _stored_doc(title: str, filename: str, field, content_type: str = "") -> Doc:
    """A file on record (a PDF as it is; a photographed page as a PDF page)."""
    data = _stored(field)
    if data[:5] == b"%PDF-":
        return Doc(title, filename, data)
    if content_type.startswith("image/") or data[:3] == b"\xff\xd8\xff" or data[:4] == b"\x89PNG":
        return Doc(title, filename, image_pdf(data))
    raise ValueError(f"{title}: the file on record is neither a PDF nor a photo.")


# ----------------------------------------------------------------------------- people


def _people(production: Production, kind: str):
    from callboard.people.models import Person

    return list(
        Person.objects.active()
        .filter(production=production, kind=kind)
        .select_related("department")
        .order_by("cast_number", "last_name", "first_name")
    )


def _crew_list(production: Production, *, crew, cast) -> bytes:
    from callboard.documents.render import render_pdf
    from callboard.people.printing import CREW_LIST_TEMPLATE, crew_list_data

    data = crew_list_data(
        production=production, crew=crew, cast=cast, subtitle="Final", cast_contacts=False
    )
    return render_pdf(CREW_LIST_TEMPLATE, data)


def crew_section(production: Production) -> list[Doc]:
    from callboard.people.queries import crew_order

    crew = sorted(_people(production, "crew"), key=crew_order)
    pdf = _crew_list(production, crew=crew, cast=[])
    return [Doc("Final crew list", "crew-list.pdf", pdf)]


def cast_section(production: Production) -> list[Doc]:
    pdf = _crew_list(production, crew=[], cast=_people(production, "cast"))
    return [Doc("Final cast list", "cast-list.pdf", pdf)]


def vendors_section(production: Production) -> list[Doc]:
    from callboard.people.models import Vendor
    from callboard.people.printing import vendor_summary

    vendors = (
        Vendor.objects.active()
        .filter(production=production)
        .prefetch_related("categories", "contacts")
        .order_by("name")
    )
    rows = [
        [s["name"], s["categories"], s["contact"], s["phone"], s["email"], s["account_number"]]
        for s in map(vendor_summary, vendors)
    ]
    columns = [
        ("Vendor", 1.4),
        ("Categories", 1.1),
        ("Contact", 1),
        ("Phone", 0.9),
        ("E-mail", 1.4),
        ("Our account", 0.8),
    ]
    return [_table(production, "Vendor list", "vendor-list.pdf", columns=columns, rows=rows)]


# ----------------------------------------------------------------------------- the days


def call_sheets_section(production: Production) -> list[Doc]:
    from callboard.callsheets import printing
    from callboard.callsheets.models import CallSheet
    from callboard.callsheets.queries import issued

    sheets = (
        CallSheet.objects.filter(production=production, status=CallSheet.Status.PUBLISHED)
        .select_related("scenario")
        .order_by("date", "number", "version")
    )
    docs = []
    for sheet in sheets:
        name = printing.file_name(
            show=production.slug, number=sheet.number, version=sheet.version, draft=False
        )
        version = f" v{sheet.version}" if sheet.version > 1 else ""
        title = f"Call sheet #{sheet.number}{version} — day {sheet.day_number}, {_day(sheet.date)}"
        docs.append(Doc(title, name, printing.call_sheet_pdf(issued(sheet).document)))
    return docs


def _approved_reports(production: Production):
    from callboard.reports.models import ProductionReport

    return ProductionReport.objects.filter(
        production=production, status=ProductionReport.Status.APPROVED
    ).order_by("date", "unit")


def dprs_section(production: Production) -> list[Doc]:
    from callboard.reports import dprpdf
    from callboard.reports.castsheet import exhibit_g_pdf
    from callboard.reports.queries import report_document

    docs = []
    for report in _approved_reports(production):
        unit = "" if report.unit == "main" else f" ({report.get_unit_display()})"
        day = f"day {report.day_number}{unit}, {_day(report.date)}"
        name = dprpdf.file_name(
            show=production.slug,
            day=report.day_number,
            unit=report.unit,
            version=report.version,
            approved=True,
        )
        docs.append(Doc(f"DPR {day}", name, dprpdf.dpr_pdf(report_document(report))))
        if report.cast_times.exists():
            docs.append(
                Doc(
                    f"Exhibit G {day}",
                    name.replace("-dpr-", "-exhibit-g-"),
                    exhibit_g_pdf([report]),
                )
            )
    return docs


def sag_cast_section(production: Production) -> list[Doc]:
    """No app prints SAG-AFTRA's final cast list, so it is made here: each performer, their
    union, their dates and the days the approved Exhibit Gs show them working."""
    from callboard.reports.models import CastTime

    worked = dict(
        CastTime.objects.filter(report__in=_approved_reports(production))
        .values("person")
        .annotate(days=Count("report__date", distinct=True))
        .values_list("person", "days")
    )
    rows = []
    for person in _people(production, "cast"):
        union = " ".join(p for p in (person.union, person.local) if p)
        rows.append(
            [
                str(person.cast_number or ""),
                person.character,
                person.full_name,
                union or "Non-union",
                _day(person.start_date),
                _day(person.end_date),
                str(worked.get(person.pk, 0)),
            ]
        )
    columns = [
        ("#", 0.3),
        ("Character", 1.2),
        ("Performer", 1.2),
        ("Union status", 0.9),
        ("Start", 0.9),
        ("Finish", 0.9),
        ("Days worked", 0.6, "right"),
    ]
    return [
        _table(
            production,
            "Final cast list for SAG-AFTRA",
            "sag-aftra-final-cast-list.pdf",
            columns=columns,
            rows=rows,
            note="Days worked: the shoot days on approved Exhibit Gs.",
        )
    ]


def final_scenario(production: Production):
    """The scenario the show shot: that of its last published call sheet, else the first."""
    from callboard.callsheets.models import CallSheet
    from callboard.schedule.models import Scenario

    sheet = (
        CallSheet.objects.filter(production=production, status=CallSheet.Status.PUBLISHED)
        .select_related("scenario")
        .order_by("-date", "-version")
        .first()
    )
    if sheet is not None:
        return sheet.scenario
    return Scenario.objects.filter(production=production).select_related("calendar").first()


def schedule_section(production: Production) -> list[Doc]:
    from callboard.schedule import printing
    from callboard.schedule.queries import (
        category_for,
        dood_document,
        scenario_dood,
        scenario_plan,
        schedule_document,
    )

    scenario = final_scenario(production)
    if scenario is None:
        return []
    plan = scenario_plan(scenario)
    data = schedule_document(plan)
    stem = f"{production.slug}-{slugify(scenario.name)}"
    docs = [
        Doc(f"One-liner — {scenario.name}", f"{stem}-one-liner.pdf", printing.one_liner_pdf(data)),
        Doc(
            f"Shooting schedule — {scenario.name}",
            f"{stem}-shooting-schedule.pdf",
            printing.shooting_schedule_pdf(data),
        ),
    ]
    category = category_for(production, "cast")
    if category is not None and plan.rules():
        dood = dood_document(scenario_dood(plan, category))
        docs.append(
            Doc(f"Day out of days — {scenario.name}", f"{stem}-dood.pdf", printing.dood_pdf(dood))
        )
    return docs


# ----------------------------------------------------------------------------- script


def scripts_section(production: Production) -> list[Doc]:
    from callboard.scripts.models import ScriptVersion
    from callboard.scripts.queries import distribution_copies, distribution_dispatch

    docs = []
    versions = ScriptVersion.objects.filter(production=production).order_by("created_at", "id")
    for version in versions:
        label = f"{version.colour} revision, {_day(version.revision_date)}"
        name = slugify(version.title) or "script"
        stem = f"{name}-{slugify(version.colour)}-{version.revision_date:%Y-%m-%d}"
        docs.append(Doc(f"Script — {label}", f"{stem}.pdf", _stored(version.pdf)))
        rows = []
        for distribution in version.distributions.order_by("created_at"):
            copies = distribution_copies(distribution, distribution_dispatch(distribution))
            for copy in copies:
                delivery = copy.delivery
                sent = (delivery.sent_at if delivery else None) or copy.sent_at
                rows.append(
                    [
                        _moment(distribution.created_at, production),
                        copy.person.full_name,
                        copy.watermark,
                        delivery.get_channel_display() if delivery else "",
                        _moment(sent, production) or "not sent",
                        str(copy.opens),
                        _moment(copy.first_open, production),
                    ]
                )
        if rows:
            columns = [
                ("Sent out", 0.9),
                ("To", 1),
                ("Copy marked", 1.2),
                ("By", 0.5),
                ("Delivered", 0.9),
                ("Opens", 0.4, "right"),
                ("First opened", 0.9),
            ]
            docs.append(
                _table(
                    production,
                    f"Distribution log — {label}",
                    f"{stem}-distribution-log.pdf",
                    columns=columns,
                    rows=rows,
                    subtitle=str(version),
                    note="Who got which watermarked copy, when, and when they opened it.",
                )
            )
    return docs


# ----------------------------------------------------------------------------- on file


def releases_section(production: Production) -> list[Doc]:
    from callboard.locations.models import LocationDocument

    from ..models import WrapDocument

    docs = []
    kinds = [LocationDocument.Kind.AGREEMENT, LocationDocument.Kind.INSURANCE]
    documents = (
        LocationDocument.objects.filter(
            location__production=production, kind__in=kinds, deleted_at__isnull=True
        )
        .select_related("location")
        .order_by("kind", "location__name", "pk")
    )
    for document in documents:
        title = f"{document.location.name} — {document.title or document.get_kind_display()}"
        docs.append(
            _stored_doc(title, document.original_name, document.file, document.content_type)
        )
    for document in WrapDocument.objects.filter(production=production):
        docs.append(
            _stored_doc(
                f"{document.get_kind_display()} — {document.title}",
                document.original_name,
                document.file,
                document.content_type,
            )
        )
    return docs


def packet_status_section(production: Production) -> list[Doc]:
    from callboard.paperwork.models import Packet
    from callboard.people.models import Person

    latest = {}
    for packet in Packet.objects.filter(production=production).order_by("created_at", "pk"):
        latest[packet.person_id] = packet
    rows = []
    people = (
        Person.objects.active()
        .filter(production=production)
        .select_related("department")
        .order_by("kind", "last_name", "first_name")
    )
    for person in people:
        packet = latest.get(person.pk)
        rows.append(
            [
                person.full_name,
                person.get_kind_display(),
                person.department.name if person.department else person.character,
                packet.get_status_display() if packet else "No packet",
                _moment(packet.sealed_at, production) if packet else "",
                ", ".join(a.get("by", "") for a in packet.approvals) if packet else "",
            ]
        )
    columns = [
        ("Name", 1.1),
        ("", 0.4),
        ("Department / role", 1),
        ("Start packet", 0.9),
        ("Sealed", 0.9),
        ("Approved by", 1.3),
    ]
    return [
        _table(
            production,
            "Start-packet status",
            "start-packet-status.pdf",
            columns=columns,
            rows=rows,
            note="Each person's latest start packet; the signed packets are in the payroll "
            "edition.",
        )
    ]


def signed_packets_section(production: Production) -> list[Doc]:
    from callboard.paperwork.models import Packet

    packets = (
        Packet.objects.filter(production=production)
        .exclude(sealed_pdf="")
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    docs = []
    for packet in packets:
        data = _stored(packet.sealed_pdf)
        name = f"start-packet-{slugify(packet.person.full_name) or packet.pk}.pdf"
        docs.append(Doc(f"Start packet — {packet.person.full_name}", name, data, original=data))
    return docs


# ----------------------------------------------------------------------------- money


def payroll_section(production: Production) -> list[Doc]:
    from callboard.payroll import exports
    from callboard.payroll.models import PayrollBatch, TimeCard

    weeks = (
        TimeCard.objects.filter(production=production, replaced_at__isnull=True)
        .values("week_start")
        .annotate(
            cards=Count("pk"),
            locked=Count("pk", filter=Q(status__in=TimeCard.LOCKED)),
            batched=Count("pk", filter=Q(status=TimeCard.Status.BATCHED)),
        )
        .order_by("week_start")
    )
    rows = [
        [
            _day(w["week_start"] + dt.timedelta(days=6)),
            str(w["cards"]),
            str(w["locked"]),
            str(w["batched"]),
            str(w["cards"] - w["locked"]),
        ]
        for w in weeks
    ]
    columns = [
        ("Week ending", 1.2),
        ("Time cards", 0.6, "right"),
        ("Approved", 0.6, "right"),
        ("Sent to payroll", 0.7, "right"),
        ("Still open", 0.6, "right"),
    ]
    docs = [
        _table(
            production,
            "Time cards by week",
            "time-cards-by-week.pdf",
            columns=columns,
            rows=rows,
        )
    ]
    for batch in PayrollBatch.objects.filter(production=production).order_by("number"):
        pdf = exports.cards_pdf(
            production,
            exports.batch_cards(batch),
            title=f"Payroll batch {batch.number}",
            show_pay=True,
            batch=batch,
        )
        docs.append(Doc(f"Payroll batch {batch.number}", f"payroll-batch-{batch.number}.pdf", pdf))
    return docs


def accounting_section(production: Production) -> list[Doc]:
    from callboard.accounting import exports
    from callboard.accounting.models import CheckPickup, CheckRequest, Invoice, PurchaseOrder

    pos = (
        PurchaseOrder.objects.filter(production=production)
        .select_related("vendor")
        .annotate(total=Sum("lines__amount"))
        .order_by("number")
    )
    columns = [("PO", 0.4), ("Vendor", 1.2), ("For", 1.6), ("Status", 0.8), ("Total", 0.7, "right")]
    rows = [
        [po.code, po.vendor.name, po.description, po.get_status_display(), _money(po.total)]
        for po in pos
    ]
    docs = [
        _table(production, "Purchase orders", "purchase-orders.pdf", columns=columns, rows=rows)
    ]
    invoices = (
        Invoice.objects.filter(production=production)
        .select_related("vendor", "po")
        .annotate(total=Sum("lines__amount"))
        .order_by("date", "pk")
    )
    rows = [
        [
            _day(i.date),
            i.vendor.name,
            i.number,
            i.po.code if i.po else "",
            "Void" if i.is_void else i.get_status_display(),
            _money(i.total),
        ]
        for i in invoices
    ]
    columns = [
        ("Date", 0.9),
        ("Vendor", 1.2),
        ("Invoice", 0.8),
        ("PO", 0.4),
        ("Status", 0.9),
        ("Amount", 0.7, "right"),
    ]
    docs.append(_table(production, "Invoices", "invoices.pdf", columns=columns, rows=rows))
    requests = (
        CheckRequest.objects.filter(production=production)
        .annotate(total=Sum("lines__amount"))
        .order_by("number")
    )
    rows = [
        [
            str(r.number),
            r.payee,
            r.reason,
            r.check_number,
            "Void" if r.is_void else r.get_status_display(),
            _money(r.total),
        ]
        for r in requests
    ]
    columns = [
        ("No.", 0.3),
        ("Payee", 1.1),
        ("For", 1.5),
        ("Check", 0.5),
        ("Status", 0.8),
        ("Amount", 0.7, "right"),
    ]
    docs.append(
        _table(production, "Check requests", "check-requests.pdf", columns=columns, rows=rows)
    )
    pickups = CheckPickup.objects.filter(production=production).select_related("handed_by")
    rows = [
        [
            p.check_number,
            p.payee,
            _money(p.amount),
            p.picked_up_by,
            _moment(p.picked_up_at, production),
            str(p.handed_by or ""),
        ]
        for p in pickups.order_by("picked_up_at")
    ]
    columns = [
        ("Check", 0.5),
        ("Payee", 1.1),
        ("Amount", 0.7, "right"),
        ("Picked up by", 1),
        ("When", 0.9),
        ("Handed over by", 1),
    ]
    docs.append(_table(production, "Check log", "check-log.pdf", columns=columns, rows=rows))
    for po in pos:
        docs.append(
            Doc(
                f"PO {po.code} — {po.vendor.name}",
                f"po-{po.code}.pdf",
                exports.purchase_order_pdf(production, po),
            )
        )
    return docs


def cost_report_section(production: Production) -> list[Doc]:
    from callboard.accounting import exports, queries

    budget = queries.current_budget(production)
    today = production.today()
    start = today - dt.timedelta(days=(today.weekday() + 1) % 7)
    period = (start, start + dt.timedelta(days=6))
    report = queries.cost_report(production, period=period, budget=budget)
    pdf = exports.cost_report_pdf(production, report, period, budget)
    return [Doc("Final cost report", f"{production.slug}-cost-report.pdf", pdf)]


# ----------------------------------------------------------------------------- the day's record


def incidents_section(production: Production) -> list[Doc]:
    from callboard.reports.models import Incident, ProductionReport

    incidents = (
        Incident.objects.filter(report__production=production)
        .exclude(report__status=ProductionReport.Status.REPLACED)
        .select_related("report")
        .order_by("report__date", "at", "pk")
    )
    rows = []
    for incident in incidents:
        report = incident.report
        at = f"{incident.at // 60 % 24}:{incident.at % 60:02d}" if incident.at is not None else ""
        rows.append(
            [
                f"Day {report.day_number}, {_day(report.date)}",
                at,
                incident.who,
                incident.what,
                "Yes" if incident.first_aid else "No",
                "Yes" if incident.report_filed else "No",
                report.get_status_display(),
            ]
        )
    columns = [
        ("Day", 1),
        ("At", 0.35),
        ("Who", 0.9),
        ("What happened", 2.2),
        ("First aid", 0.45),
        ("Report filed", 0.5),
        ("DPR", 0.6),
    ]
    return [
        _table(
            production,
            "Incident and accident reports",
            "incidents.pdf",
            columns=columns,
            rows=rows,
            note="As recorded on the production reports.",
        )
    ]


def travel_office_section(production: Production) -> list[Doc]:
    from callboard.office.models.gate import Pass
    from callboard.office.models.runs import Run
    from callboard.office.runs import logpdf
    from callboard.office.runs.queries import log_document
    from callboard.travel.models import Booking

    bookings = (
        Booking.objects.filter(production=production)
        .select_related("person")
        .order_by("starts_at", "check_in", "pk")
    )
    rows = []
    for b in bookings:
        when = (
            f"{_day(b.check_in)} – {_day(b.check_out)}"
            if b.kind == Booking.Kind.HOTEL
            else _moment(b.starts_at, production)
        )
        rows.append(
            [
                b.person.full_name if b.person else "(block)",
                b.get_kind_display(),
                b.title,
                when,
                b.confirmation,
                b.get_status_display(),
                _money(b.cost),
            ]
        )
    columns = [
        ("Traveller", 1),
        ("Kind", 0.5),
        ("What", 1.3),
        ("When", 1.3),
        ("Confirmation", 0.7),
        ("Status", 0.6),
        ("Cost", 0.6, "right"),
    ]
    docs = [
        _table(production, "Travel bookings", "travel-bookings.pdf", columns=columns, rows=rows)
    ]
    days = sorted(
        {
            timezone.localtime(moment, production.tzinfo).date()
            for moment in Run.objects.filter(production=production).values_list(
                "needed_by", flat=True
            )
        }
    )
    for day in days:
        document = log_document(production, day)
        docs.append(
            Doc(f"Run log — {_day(day)}", logpdf.file_name(document), logpdf.log_pdf(document))
        )
    passes = (
        Pass.objects.filter(production=production, status=Pass.Status.APPROVED)
        .select_related("gate")
        .order_by("start_date", "number")
    )
    rows = [
        [
            str(p.number),
            p.name,
            p.company,
            p.host,
            p.gate.name,
            f"{_day(p.start_date)} – {_day(p.end_date)}",
            p.get_purpose_display(),
        ]
        for p in passes
    ]
    columns = [
        ("No.", 0.3),
        ("Name", 1),
        ("Company", 0.9),
        ("Seeing", 0.9),
        ("Gate", 0.7),
        ("Dates", 1.4),
        ("Purpose", 0.8),
    ]
    docs.append(
        _table(production, "Passes issued", "passes-issued.pdf", columns=columns, rows=rows)
    )
    return docs


SECTIONS: dict[str, Section] = {
    s.key: s
    for s in (
        Section("crew", "Final crew list", (Cap.PEOPLE_EXPORT,), crew_section),
        Section("cast", "Final cast list", (Cap.PEOPLE_EXPORT,), cast_section),
        Section("vendors", "Vendor list", (Cap.VENDORS_VIEW,), vendors_section),
        Section("call_sheets", "Call sheets", (Cap.SCHEDULE_VIEW,), call_sheets_section),
        Section("dprs", "Production reports and Exhibit Gs", (Cap.REPORTS_VIEW,), dprs_section),
        Section("sag_cast", "Cast list for SAG-AFTRA", (Cap.REPORTS_VIEW,), sag_cast_section),
        Section(
            "schedule",
            "One-liner, shooting schedule and DOOD",
            (Cap.SCHEDULE_VIEW,),
            schedule_section,
        ),
        Section(
            "scripts", "Script revisions and distribution", (Cap.SCRIPTS_MANAGE,), scripts_section
        ),
        Section("releases", "Releases and agreements", (Cap.LOCATIONS_VIEW,), releases_section),
        Section(
            "packet_status", "Start-packet status", (Cap.PAPERWORK_MANAGE,), packet_status_section
        ),
        Section(
            "signed_packets",
            "Signed start packets",
            (Cap.PAPERWORK_PAYROLL,),
            signed_packets_section,
            only_in=frozenset({"payroll"}),
        ),
        Section(
            "payroll",
            "Time cards and payroll batches",
            (Cap.TIMECARDS_VIEW, Cap.PEOPLE_RATES),
            payroll_section,
        ),
        Section(
            "accounting",
            "Purchase orders, invoices and checks",
            (Cap.ACCOUNTING_VIEW,),
            accounting_section,
        ),
        Section("incidents", "Incident reports", (Cap.REPORTS_VIEW,), incidents_section),
        Section("cost_report", "Final cost report", (Cap.ACCOUNTING_VIEW,), cost_report_section),
        Section(
            "travel_office",
            "Travel and office logs",
            (Cap.TRAVEL_VIEW, Cap.OFFICE_MANAGE),
            travel_office_section,
        ),
    )
}

# What each recipient gets unless the builder ticks otherwise.
EDITION_DEFAULTS: dict[str, tuple[str, ...]] = {
    "studio": (
        "crew",
        "cast",
        "vendors",
        "call_sheets",
        "dprs",
        "sag_cast",
        "schedule",
        "scripts",
        "releases",
        "incidents",
        "cost_report",
    ),
    "accounting": (
        "vendors",
        "releases",
        "packet_status",
        "payroll",
        "accounting",
        "cost_report",
        "travel_office",
    ),
    "payroll": ("crew", "cast", "sag_cast", "dprs", "packet_status", "signed_packets", "payroll"),
    "office": (
        "crew",
        "cast",
        "vendors",
        "call_sheets",
        "schedule",
        "scripts",
        "releases",
        "packet_status",
        "incidents",
        "travel_office",
    ),
}

# Building or reading an edition takes this on top of its sections' capabilities.
EDITION_CAPS: dict[str, tuple[Cap, ...]] = {"payroll": (Cap.PAPERWORK_PAYROLL,)}


def sections_for(edition: str) -> list[Section]:
    """The sections an edition may hold, in binder order."""
    return [s for s in SECTIONS.values() if s.only_in is None or edition in s.only_in]
