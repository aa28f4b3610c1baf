"""Travel's lists as files: the rooming list (XLSX, CSV, and the PDF sent to the hotel), the
movement list (PDF and XLSX for transportation), the travel report (XLSX and CSV). Every sheet
goes through the one writer (documents.tabular / documents.xlsx), every PDF through typst."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

from callboard.core import clock
from callboard.documents.render import render_pdf
from callboard.documents.tabular import write_csv

from .lists import MovementList, RoomingList, TravelReport, day_text

TYPST = Path(__file__).parent / "typst"
MONEY_FORMAT = "#,##0.00"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def money(value: Decimal | None) -> str:
    return "" if value is None else f"${value:,.2f}"


def file_name(production, what: str, fmt: str) -> str:
    return f"{slugify(production.title) or 'show'}-{slugify(what)}.{fmt}"


def _printed(production) -> str:
    return clock.date_time(timezone.now(), production.tzinfo)


def _header(production) -> dict:
    return {
        "title": production.display_title,
        "company": production.company,
        "address": production.office_address,
        "phone": production.office_phone,
        "email": production.office_email,
    }


def _sheet(title: str, headers: list[str], lines: list[str]):
    """A workbook with title lines and a bold header; returns (book, writer)."""
    from openpyxl.styles import Font

    from callboard.documents.xlsx import Spreadsheet

    book = Spreadsheet()
    out = book.add_sheet(title)
    for n, line in enumerate(lines):
        out.append([line], font=Font(bold=True, size=14) if n == 0 else None)
    out.append([])
    out.append(headers, font=Font(bold=True))
    out.worksheet.freeze_panes = f"A{out.row + 1}"
    return book, out


def _widths(out, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        out.worksheet.column_dimensions[get_column_letter(i)].width = width


def _money_columns(out, columns: str, first_row: int) -> None:
    for column in columns:
        for cell in out.worksheet[column][first_row - 1 :]:
            cell.number_format = MONEY_FORMAT


# The rooming list ---------------------------------------------------------------------------

ROOMING_HEADERS = [
    "Guest (name as on ID)",
    "Arrival",
    "Departure",
    "Nights",
    "Room type",
    "Nightly rate",
    "Cost",
    "Confirmation",
    "Billing",
    "Status",
    "Notes",
]


def _rooming_values(rooms: RoomingList) -> list[list]:
    return [
        [
            r.guest_text,
            r.arrival,
            r.departure,
            r.nights,
            r.room_type,
            r.nightly_rate,
            r.cost,
            r.confirmation,
            r.billing,
            r.status,
            r.notes,
        ]
        for r in rooms.rows
    ]


def _rooming_total(rooms: RoomingList) -> list:
    label = f"Total: {len(rooms.rows)} rooms"
    return [label, None, None, rooms.room_nights, "room-nights", None, rooms.cost]


def rooming_csv(rooms: RoomingList) -> bytes:
    return write_csv(ROOMING_HEADERS, [*_rooming_values(rooms), _rooming_total(rooms)])


def rooming_xlsx(production, rooms: RoomingList) -> bytes:
    from openpyxl.styles import Font

    book, out = _sheet(
        "Rooming list",
        ROOMING_HEADERS,
        [f"Rooming list — {rooms.hotel}", f"{production.display_title} · {_printed(production)}"],
    )
    first = out.row + 1
    for values in _rooming_values(rooms):
        out.append(values)
    out.append(_rooming_total(rooms), font=Font(bold=True), width=len(ROOMING_HEADERS))
    _money_columns(out, "FG", first)
    _widths(out, [30, 12, 12, 8, 18, 13, 13, 16, 44, 10, 36])
    return book.save()


def _blocks_text(blocks: int) -> str:
    if not blocks:
        return ""
    if blocks == 1:
        return "1 room is held for the production with no guest named yet."
    return f"{blocks} rooms are held for the production with no guest named yet."


def rooming_pdf(production, rooms: RoomingList) -> bytes:
    data = {
        "production": _header(production),
        "hotel": rooms.hotel,
        "printed": _printed(production),
        "dates": f"{day_text(rooms.first_arrival)} – {day_text(rooms.last_departure)}"
        if rooms.rows
        else "",
        "rows": [
            {
                "guest": r.guest_text,
                "block": r.block,
                "arrival": day_text(r.arrival),
                "departure": day_text(r.departure),
                "nights": str(r.nights),
                "room_type": r.room_type,
                "rate": money(r.nightly_rate),
                "cost": money(r.cost),
                "confirmation": r.confirmation,
                "billing": "Room & tax: production\nIncidentals: guest"
                if not r.block
                else "Room & tax: production",
                "status": r.status,
                "notes": r.notes,
            }
            for r in rooms.rows
        ],
        "rooms": str(len(rooms.rows)),
        "blocks": _blocks_text(sum(r.block for r in rooms.rows)),
        "room_nights": str(rooms.room_nights),
        "cost": money(rooms.cost),
        "unpriced": str(rooms.unpriced) if rooms.unpriced else "",
    }
    return render_pdf(TYPST / "rooming_list.typ", data)


# The movement list --------------------------------------------------------------------------

MOVEMENT_HEADERS = [
    "Movement",
    "Time (local)",
    "Airport",
    "Who",
    "Role",
    "Phone",
    "Flight",
    "Route",
    "Other end",
    "Record locator",
    "Hotel",
    "Ground",
]


GROUND_HEADERS = [
    "Ground",
    "Time (local)",
    "Who",
    "Role",
    "Phone",
    "Place",
    "Driver",
    "Vehicle",
    "Confirmation",
    "Meets",
]


def _movement_values(moves: MovementList) -> list[list]:
    return [
        [
            "Arrival" if m.arriving else "Departure",
            m.time,
            m.airport,
            m.name,
            m.role,
            m.phone,
            m.flight,
            f"{m.origin} → {m.destination}",
            m.other_end,
            m.record_locator,
            m.hotel,
            m.ground,
        ]
        for m in (*moves.arrivals, *moves.departures)
    ]


def movement_xlsx(production, moves: MovementList) -> bytes:
    from openpyxl.styles import Font

    book, out = _sheet(
        "Movement list",
        MOVEMENT_HEADERS,
        [
            f"Movement list — {moves.day:%A} {moves.day.day} {moves.day:%B %Y}",
            f"{production.display_title} · {len(moves.arrivals)} arrivals, "
            f"{len(moves.departures)} departures, {moves.no_pickups} without a pickup",
        ],
    )
    red = Font(bold=True, color="B00020")
    for values in _movement_values(moves):
        row = out.append(values)
        if values[0] == "Arrival" and values[-1].startswith("No pickup"):
            out.worksheet.cell(row, len(values)).font = red
    _widths(out, [11, 14, 8, 22, 20, 16, 10, 12, 20, 14, 26, 50])

    ground = book.add_sheet("Ground")
    ground.append(GROUND_HEADERS, font=Font(bold=True))
    for m in moves.ground:
        ground.append(
            [m.kind, m.time, m.name, m.role, m.phone, m.place, m.driver, m.vehicle]
            + [m.confirmation, m.meets]
        )
    _widths(ground, [14, 14, 22, 20, 16, 40, 16, 24, 14, 34])
    return book.save()


def _movement_json(m) -> dict:
    return {
        "time": m.time,
        "airport": m.airport,
        "name": m.name,
        "role": m.role,
        "phone": m.phone,
        "flight": m.flight,
        "route": f"{m.origin} → {m.destination}",
        "other_end": m.other_end,
        "record_locator": m.record_locator,
        "hotel": m.hotel,
        "ground": m.ground,
        "no_pickup": m.no_pickup,
    }


def movement_pdf(production, moves: MovementList) -> bytes:
    data = {
        "production": _header(production),
        "day": f"{moves.day:%A} {moves.day.day} {moves.day:%B %Y}",
        "printed": _printed(production),
        "arrivals": [_movement_json(m) for m in moves.arrivals],
        "departures": [_movement_json(m) for m in moves.departures],
        "ground": [
            {
                "kind": m.kind,
                "time": m.time,
                "name": m.name,
                "role": m.role,
                "phone": m.phone,
                "place": m.place,
                "driver": m.driver,
                "vehicle": m.vehicle,
                "confirmation": m.confirmation,
                "meets": m.meets,
            }
            for m in moves.ground
        ],
        "no_pickups": str(moves.no_pickups),
    }
    return render_pdf(TYPST / "movement_list.typ", data)


# The travel report --------------------------------------------------------------------------

REPORT_HEADERS = [
    "Traveller",
    "Kind",
    "Booking",
    "When (local)",
    "From",
    "To",
    "Status",
    "Confirmation",
    "Cost",
    "Account",
    "Account description",
]


def _report_values(report: TravelReport) -> list[list]:
    return [
        [
            r.traveller_text,
            r.kind,
            r.what,
            r.when,
            r.starts,
            r.ends,
            r.status,
            r.confirmation,
            r.cost,
            r.account_code,
            r.account,
        ]
        for r in report.rows
    ]


def report_csv(report: TravelReport) -> bytes:
    return write_csv(REPORT_HEADERS, _report_values(report))


def report_xlsx(production, report: TravelReport) -> bytes:
    from openpyxl.styles import Font

    span = (
        f"{day_text(report.start)} {report.start.year} – {day_text(report.end)} {report.end.year}"
    )
    book, out = _sheet(
        "Travel report",
        REPORT_HEADERS,
        [
            f"Travel report — {span}",
            f"{production.display_title} · {report.travellers} travellers, "
            f"{report.total.bookings} bookings · printed {_printed(production)}",
        ],
    )
    first = out.row + 1
    for values in _report_values(report):
        out.append(values)
    _money_columns(out, "I", first)
    _widths(out, [24, 14, 30, 44, 12, 12, 10, 16, 13, 12, 30])

    totals = book.add_sheet("Totals")
    bold = Font(bold=True)
    for title, lines in (("By kind", report.by_kind), ("By account", report.by_account)):
        totals.append([title, "Bookings", "Cost", "Not priced"], font=bold)
        for line in lines:
            totals.append([line.label, line.bookings, line.cost, line.unpriced])
        totals.append([])
    total = report.total
    totals.append(["Total", total.bookings, total.cost, total.unpriced], font=bold)
    _money_columns(totals, "C", 1)
    _widths(totals, [40, 10, 14, 11])
    return book.save()
