"""Travel's lists under /p/<slug>/travel/: the rooming list of a hotel (chooser, XLSX, CSV and
the PDF for the hotel), the day's movement list for transportation (date picker, PDF, XLSX)
and the travel report over a range of dates (XLSX, CSV). Dates or a hotel that make no list
come back on the page in words, with a 400."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.params import text_param
from callboard.core.tenancy import production_view
from callboard.documents.tabular import clip

from . import exports, lists, queries, services
from .lists import ListError
from .services import TravelError

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str | None, what: str) -> dt.date:
    """A date typed or picked (2026-03-09), or ListError naming what was wrong."""
    typed = text_param(text, 40)
    if not typed:
        raise ListError(f"Give the {what}.")
    try:
        if not _ISO_DAY.fullmatch(typed):
            raise ValueError
        day = dt.date.fromisoformat(typed)
    except ValueError:
        raise ListError(
            f"The {what} “{clip(typed)}” is not a date: pick one, or type it as 2026-03-09."
        ) from None
    if not 1900 <= day.year <= 2200:
        raise ListError(f"The {what} {typed} is not a date a production travels on.")
    return day


def _download(content: bytes, production, what: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{exports.file_name(production, what, fmt)}"'
    )
    return response


# The rooming list ---------------------------------------------------------------------------


def _rooming(request, fmt: str | None) -> HttpResponse:
    production = request.production
    choices = lists.hotels(production)
    chosen = text_param(request.GET.get("hotel"), 200) or (choices[0][0] if choices else "")
    rooms, problem = None, ""
    if chosen:
        try:
            rooms = lists.rooming_list(production, chosen)
        except ListError as exc:
            problem = str(exc)
    if rooms is not None and fmt is not None:
        if fmt == "csv":
            content = exports.rooming_csv(rooms)
        elif fmt == "xlsx":
            content = exports.rooming_xlsx(production, rooms)
        else:
            content = exports.rooming_pdf(production, rooms)
        return _download(content, production, f"rooming-list-{rooms.hotel}", fmt)
    if fmt is not None and not problem:
        problem = "Nobody is booked in a hotel yet: there is no rooming list to download."
    context = {"nav": "travel", "hotels": choices, "chosen": chosen, "rooms": rooms}
    if rooms is not None:
        vendor = queries.hotel_vendor(production, rooms.hotel)
        sends = queries.rooming_sends(production, rooms.hotel)
        context.update(
            vendor=vendor,
            address=queries.vendor_reservations_address(vendor),
            sends=sends,
            changed=bool(sends)
            and sends[0]["sent"].fingerprint != lists.rooming_fingerprint(rooms),
            may_send=request.membership.can(Cap.TRAVEL_MANAGE),
        )
    return render(
        request,
        "travel/rooming.html",
        {**context, "problem": problem},
        status=400 if problem else 200,
    )


@production_view(Cap.TRAVEL_VIEW)
def rooming(request) -> HttpResponse:
    return _rooming(request, None)


@production_view(Cap.TRAVEL_VIEW)
def rooming_export(request, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404("No such export.")
    return _rooming(request, fmt)


def _back_to_rooming(production, hotel: str) -> HttpResponse:
    url = reverse("travel:rooming", kwargs={"production": production.slug})
    return redirect(f"{url}?{urlencode({'hotel': hotel})}" if hotel else url)


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def rooming_send(request) -> HttpResponse:
    """Send the hotel its rooming list (the PDF and the XLSX), once per version."""
    production = request.production
    hotel = text_param(request.POST.get("hotel"), 200)
    try:
        sent, now = services.rooming_list_send(
            actor=request.user, production=production, hotel=hotel
        )
    except TravelError as exc:
        messages.error(request, str(exc))
    else:
        if now:
            messages.success(
                request, f"Version {sent.version} of the rooming list is going to {sent.address}."
            )
        else:
            messages.info(
                request,
                f"Nothing changed since version {sent.version} was sent: nothing more was sent.",
            )
    return _back_to_rooming(production, hotel)


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def rooming_hotel_email(request) -> HttpResponse:
    """The hotel's reservations e-mail, kept on the vendor list."""
    production = request.production
    hotel = text_param(request.POST.get("hotel"), 200)
    try:
        services.hotel_email_set(
            actor=request.user,
            production=production,
            hotel=hotel,
            email=text_param(request.POST.get("email"), 254),
        )
    except TravelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{hotel}'s reservations e-mail is on the vendor list.")
    return _back_to_rooming(production, hotel)


# The movement list --------------------------------------------------------------------------


def _movement(request, fmt: str | None) -> HttpResponse:
    production = request.production
    typed = request.GET.get("date")
    moves, problem = None, ""
    try:
        day = parse_day(typed, "date") if typed is not None else production.today()
        moves = lists.movement_list(production, day)
    except ListError as exc:
        problem = str(exc)
    if moves is not None and fmt is not None:
        content = (
            exports.movement_pdf(production, moves)
            if fmt == "pdf"
            else exports.movement_xlsx(production, moves)
        )
        return _download(content, production, f"movement-list-{moves.day.isoformat()}", fmt)
    return render(
        request,
        "travel/movement.html",
        {
            "nav": "travel",
            "moves": moves,
            "typed": text_param(typed, 40) if typed is not None else "",
            "problem": problem,
        },
        status=400 if problem else 200,
    )


@production_view(Cap.TRAVEL_VIEW)
def movement(request) -> HttpResponse:
    return _movement(request, None)


@production_view(Cap.TRAVEL_VIEW)
def movement_export(request, fmt: str) -> HttpResponse:
    if fmt not in ("pdf", "xlsx"):
        raise Http404("No such export.")
    return _movement(request, fmt)


# The travel report --------------------------------------------------------------------------


def _default_range(production) -> tuple[dt.date, dt.date]:
    """The production's dates where it has them, else the month from today."""
    start = production.prep_start or production.shoot_start or production.today()
    end = production.wrap_end or production.shoot_end or start + dt.timedelta(days=30)
    if end < start or (end - start).days >= lists.LONGEST_REPORT_DAYS:
        end = start + dt.timedelta(days=30)
    return start, end


def _report(request, fmt: str | None) -> HttpResponse:
    production = request.production
    typed_from, typed_to = request.GET.get("from"), request.GET.get("to")
    report, problem = None, ""
    try:
        start, end = _default_range(production)
        if typed_from is not None or typed_to is not None:
            start = parse_day(typed_from, "first date")
            end = parse_day(typed_to, "last date")
        report = lists.travel_report(production, start, end)
    except ListError as exc:
        problem = str(exc)
    if report is not None and fmt is not None:
        content = (
            exports.report_csv(report) if fmt == "csv" else exports.report_xlsx(production, report)
        )
        name = f"travel-report-{report.start.isoformat()}-to-{report.end.isoformat()}"
        return _download(content, production, name, fmt)
    return render(
        request,
        "travel/report.html",
        {
            "nav": "travel",
            "report": report,
            "typed_from": text_param(typed_from, 40),
            "typed_to": text_param(typed_to, 40),
            "problem": problem,
        },
        status=400 if problem else 200,
    )


@production_view(Cap.TRAVEL_VIEW)
def report(request) -> HttpResponse:
    return _report(request, None)


@production_view(Cap.TRAVEL_VIEW)
def report_export(request, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such export.")
    return _report(request, fmt)


urlpatterns = [
    path("rooming/", rooming, name="rooming"),
    path("rooming/export.<str:fmt>", rooming_export, name="rooming_export"),
    path("rooming/send/", rooming_send, name="rooming_send"),
    path("rooming/hotel-email/", rooming_hotel_email, name="rooming_hotel_email"),
    path("movement/", movement, name="movement"),
    path("movement/export.<str:fmt>", movement_export, name="movement_export"),
    path("report/", report, name="report"),
    path("report/export.<str:fmt>", report_export, name="report_export"),
]
