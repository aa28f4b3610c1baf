"""A day at a confirmed location: the call sheet starts with the location's place (address,
parking, coordinates, hospital) and is checked against its film permit (issue 19, item 1)."""

from datetime import date, time
from decimal import Decimal

import pytest

from callboard.callsheets.checks import blocking
from callboard.callsheets.queries import sheet_findings, sheet_view
from callboard.callsheets.services import CallSheetError, callsheet_create, callsheet_publish
from callboard.locations import services as locations
from callboard.locations.models import Location
from callboard.schedule.models import Element, Ucid

from .ready import make_ready


def _bailey_house(production, status=Location.Status.CONFIRMED, **fields):
    """The Bailey house, chosen for the board's location element of that name, at ``status``."""
    place = locations.location_create(
        actor=None,
        production=production,
        name="The Bailey House",
        address="320 Sycamore, Bedford Falls",
        basecamp="Church lot, 300 Sycamore",
        crew_parking="Bedford Falls High, north lot",
        latitude=Decimal("34.1"),
        longitude=Decimal("-118.3"),
        hospital_name="Bedford Falls General",
        hospital_address="1 Hospital Way",
        hospital_phone="(555) 010-0911",
        **fields,
    )
    element = Element.objects.get(
        production=production, category__ucid=Ucid.LOCATION, name="Bailey house"
    )
    candidate = locations.candidate_add(actor=None, location=place, element=element, price=None)
    locations.candidate_choose(actor=None, candidate=candidate)
    for step in (Location.Status.SCOUTED, Location.Status.CONFIRMED, Location.Status.RELEASED):
        if place.status == status:
            break
        place = locations.location_status_set(actor=None, location=place, status=step)
    return place


def _permit(place, *, first=date(2026, 12, 10), last=date(2026, 12, 11), opens, closes):
    return locations.permit_add(
        actor=None,
        location=place,
        number="FLA-42",
        first_day=first,
        last_day=last,
        opens=opens,
        closes=closes,
    )


def _permit_findings(sheet):
    return [f for f in sheet_findings(sheet_view(sheet)) if f.code.startswith("permit-")]


def test_a_new_sheet_at_a_confirmed_location_takes_its_place(shooting):
    _bailey_house(shooting.production)
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    assert sheet.location_name == "The Bailey House"
    assert sheet.set_address == "320 Sycamore, Bedford Falls"
    assert sheet.basecamp == "Church lot, 300 Sycamore"
    assert sheet.crew_parking == "Bedford Falls High, north lot"
    assert (sheet.latitude, sheet.longitude) == (Decimal("34.1"), Decimal("-118.3"))
    assert (sheet.hospital_name, sheet.hospital_phone) == (
        "Bedford Falls General",
        "(555) 010-0911",
    )


def test_a_location_only_scouted_fills_nothing(shooting):
    _bailey_house(shooting.production, status=Location.Status.SCOUTED)
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    assert sheet.location_name == "" and sheet.set_address == ""


def test_at_the_same_place_as_yesterday_what_the_office_typed_stays(shooting):
    place = _bailey_house(shooting.production, needs_permit=False)
    first = callsheet_create(actor=None, scenario=shooting, day_number=1)
    first = make_ready(first, crew_parking="Use the church lot today", set_address="")
    second = callsheet_create(actor=None, scenario=shooting, day_number=2)
    assert second.crew_parking == "Use the church lot today"  # typed yesterday, kept
    assert second.set_address == place.address  # blank yesterday, filled from the location


def test_a_crew_call_before_the_permitted_hours_must_be_overridden_with_a_reason(shooting):
    _permit(_bailey_house(shooting.production), opens=time(8, 0), closes=time(22, 0))
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    found = _permit_findings(sheet)
    assert [(f.code, f.severity) for f in found] == [("permit-hours", "error")] * 2
    assert found[0].message == (
        "Crew call 7:00 AM is before The Bailey House's permitted hours "
        "(8:00 AM–10:00 PM, permit FLA-42)."
    )
    assert found[1].message.startswith("2 calls outside The Bailey House's permitted hours")
    with pytest.raises(CallSheetError, match="before The Bailey House's permitted hours"):
        callsheet_publish(actor=None, sheet=sheet)
    sheet.refresh_from_db()
    assert not sheet.is_published


def test_a_wrap_after_the_permitted_hours_is_flagged_and_hours_past_midnight_are_read(shooting):
    place = _bailey_house(shooting.production)
    _permit(place, opens=time(6, 0), closes=time(18, 0))
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    assert [f.message for f in _permit_findings(sheet)] == [
        "The estimated wrap 7:00 PM is after The Bailey House's permitted hours "
        "(6:00 AM–6:00 PM, permit FLA-42)."
    ]
    place.permits.update(closes=time(2, 0))  # a night permit: until 2 AM the next morning
    assert _permit_findings(sheet) == []


def test_a_day_outside_the_permit_or_no_permit_at_all_is_an_error(shooting):
    place = _bailey_house(shooting.production)
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    assert [f.message for f in _permit_findings(sheet)] == [
        "The Bailey House needs a film permit and none is on file."
    ]
    _permit(place, first=date(2026, 12, 11), last=date(2026, 12, 11), opens=None, closes=None)
    found = _permit_findings(sheet)
    assert [(f.code, f.message) for f in found] == [
        (
            "permit-dates",
            "The Bailey House: no permit covers Thu Dec 10 (the permit runs Fri Dec 11).",
        )
    ]
    assert found[0] in blocking(sheet_findings(sheet_view(sheet)))


def test_a_call_inside_the_permit_is_not_flagged(shooting):
    _permit(_bailey_house(shooting.production), opens=time(6, 0), closes=time(22, 0))
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    assert _permit_findings(sheet) == []
