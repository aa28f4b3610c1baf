"""The demo's places and travel (issue 19): the two locations the first days shoot at, each
with its film permit, its drive from the airport, its owner's certificate of insurance and the
sets it was chosen for at its price (and one set's other candidate, not chosen); the lead flown
in from New York on the DOOD's travel day with a hotel and per diem; a day player flying in from
San Francisco whose flight lands too late for her call on the drafted day (the check flags it);
a block room at the cast hotel; the show's airport and hotel; every booking and the per diem
coded to the budget's above-the-line travel & living account. Everything through the services,
as the office would (it runs after the accounting demo, whose chart of accounts the codes are
checked against)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import issued
from callboard.documents.render import render_pdf
from callboard.locations.models import Location
from callboard.locations.services import (
    candidate_add,
    candidate_choose,
    document_add,
    location_create,
    location_status_set,
    permit_add,
)
from callboard.people.models import Person
from callboard.schedule.models import Element, Ucid
from callboard.travel import queries as travel_queries
from callboard.travel.models import Booking, Scout
from callboard.travel.services import (
    booking_save,
    hotel_email_set,
    per_diem_account_set,
    per_diem_rate_save,
    scout_order_farthest_first,
    scout_rider_add,
    scout_save,
    scout_stop_add,
    scout_van_save,
    travel_profile_save,
    travel_settings_save,
)

from .shootdays import PLACES

HOTEL = "The Hollywood Roosevelt"
# The demo budget's account for above-the-line travel & living (demo/accounting.py): both
# travellers are cast, so their flights, hotel, the cast block room and per diem code there.
TRAVEL_ACCOUNT = "1500"
# Each shoot location's name as the call sheets print it, its permit's permitted hours (FilmLA)
# and the drive from LAX the office typed.
LOCATIONS = {
    "Rosie's Diner": ("FilmLA 26-4417", dt.time(6, 0), dt.time(23, 0), 40),
    "St. Vibiana's": ("FilmLA 26-4452", dt.time(6, 0), dt.time(22, 0), 35),
}
# Each location's owner and the insurer on the owner's certificate of insurance.
OWNERS = {
    "Rosie's Diner": ("Rosie's Diner LLC", "Golden State Mutual Insurance Co.", "GSM-CGL-4471208"),
    "St. Vibiana's": ("Vibiana Hall Partners LP", "Pacific Casualty Company", "PCC-GL-0099314"),
}
# The sets (as the script names them) each location is a candidate for, at its price; the
# alley had a second candidate, the church's side alley, not chosen.
CANDIDATES = (
    ("DINER", "Rosie's Diner", "6500", "per shoot day; prep and strike days at half", True),
    ("ALLEY BEHIND THE DINER", "Rosie's Diner", "1500", "per shoot day, with the diner", True),
    ("CHURCH STEPS", "St. Vibiana's", "4000", "per shoot day, steps and sidewalk", True),
    (
        "ALLEY BEHIND THE DINER", "St. Vibiana's", "2200",
        "per day, the side alley: no match for the diner's back door", False,
    ),
)  # fmt: skip
CERTIFICATE = Path(__file__).parent / "typst" / "insurance.typ"


def _certificate(
    actor, production, location, owner: str, insurer: str, policy: str, start: dt.date
):
    """The owner's certificate of insurance: a year's policy around the shoot, the production
    company named as holder and additional insured."""
    starts = (start - dt.timedelta(days=90)).replace(day=1)
    ends = starts.replace(year=starts.year + 1) - dt.timedelta(days=1)
    pdf = render_pdf(
        CERTIFICATE,
        {
            "insured": owner,
            "address": location.address,
            "insurer": insurer,
            "policy_kind": "Commercial general liability",
            "policy": policy,
            "starts": f"{starts:%B %-d, %Y}",
            "ends": f"{ends:%B %-d, %Y}",
            "issued": f"{start - dt.timedelta(days=21):%B %-d, %Y}",
            "each_occurrence": "$1,000,000",
            "aggregate": "$2,000,000",
            "premises": location.address,
            "holder": production.company or production.title,
            "production": production.title,
        },
    )
    document_add(
        actor=actor,
        location=location,
        kind="insurance",
        filename=f"certificate-of-insurance-{policy.lower()}.pdf",
        data=pdf,
        title=f"Owner's certificate of insurance ({insurer})",
        starts=starts,
        ends=ends,
    )


def _locations(actor, production, start: dt.date, end: dt.date) -> None:
    made = {}
    for key, (number, opens, closes, minutes) in LOCATIONS.items():
        place = PLACES[key]
        owner, insurer, policy = OWNERS[key]
        location = location_create(
            actor=actor,
            production=production,
            name=place["location_name"],
            address=place["set_address"],
            latitude=place["latitude"],
            longitude=place["longitude"],
            owner=owner,
            basecamp=place["basecamp"],
            crew_parking=place["crew_parking"],
            airport_transfer_minutes=minutes,
        )
        made[key] = location
        _certificate(actor, production, location, owner, insurer, policy, start)
        for status in (Location.Status.SCOUTED, Location.Status.CONFIRMED):
            location_status_set(actor=actor, location=location, status=status)
        permit_add(
            actor=actor,
            location=location,
            first_day=start,
            last_day=end,
            number=number,
            issuer="FilmLA",
            opens=opens,
            closes=closes,
        )
    sets = Element.objects.filter(production=production, category__ucid=Ucid.SET)
    for set_name, key, price, note, chosen in CANDIDATES:
        for element in sets.filter(name__iexact=set_name):
            candidate = candidate_add(
                actor=actor, location=made[key], element=element, price=Decimal(price),
                price_note=note,
            )  # fmt: skip
            if chosen:
                candidate_choose(actor=actor, candidate=candidate)


def _flight(actor, production, person, number, origin, destination, departs, arrives, **more):
    return booking_save(
        actor=actor,
        production=production,
        kind=Booking.Kind.FLIGHT,
        values={
            "person": person,
            "carrier": number.split()[0],
            "number": number.split()[1],
            "origin": origin,
            "destination": destination,
            "starts_local": departs,
            "ends_local": arrives,
            "account_code": TRAVEL_ACCOUNT,
            **more,
        },
    )


def _hotel(actor, production, person, check_in, check_out, confirmation):
    return booking_save(
        actor=actor,
        production=production,
        kind=Booking.Kind.HOTEL,
        values={
            "person": person,
            "hotel": HOTEL,
            "room_type": "King",
            "nightly_rate": Decimal("289.00"),
            "check_in": check_in,
            "check_out": check_out,
            "confirmation": confirmation,
            "cost": Decimal("289.00") * (check_out - check_in).days,
            "account_code": TRAVEL_ACCOUNT,
        },
    )


def _tech_scout(actor, production, day: dt.date):
    """Next week's tech scout of both places with the heads of department, farthest first."""
    monday = day + dt.timedelta(days=7 - day.weekday())
    scout = scout_save(
        actor=actor,
        production=production,
        values={
            "date": monday + dt.timedelta(days=1),
            "kind": Scout.Kind.TECH,
            "call_time": dt.time(7, 30),
            "meeting_place": "Production office, 4000 Warner Blvd, Burbank",
            "meeting_coordinates": "34.1485, -118.3370",
            "lunch_place": "Philippe the Original, 1001 N Alameda St",
            "lunch_time": dt.time(12, 0),
            "lunch_minutes": 45,
            "notes": "Heads of department: bring your questions for the owners.",
        },
    )
    for location in Location.objects.filter(production=production).order_by("name"):
        scout_stop_add(actor=actor, scout=scout, location=location, minutes=75)
    scout_order_farthest_first(actor=actor, scout=scout)
    van = scout_van_save(actor=actor, scout=scout, name="Van 1", driver="Transportation captain")
    heads = Person.objects.active().filter(production=production, is_department_head=True)
    for person in heads.order_by("department__name")[:10]:
        scout_rider_add(actor=actor, van=van, person=person)
    return scout


def travel_demo_build(*, actor, production) -> dict:
    sheets = CallSheet.objects.filter(production=production).order_by("date")
    drafted = sheets.filter(status=CallSheet.Status.DRAFT).last()
    _locations(actor, production, sheets.first().date, sheets.first().date + dt.timedelta(60))
    travel_settings_save(actor=actor, production=production, airport="LAX", hotel=HOTEL)
    per_diem_rate_save(
        actor=actor,
        production=production,
        city="Los Angeles",
        daily=Decimal("86"),
        breakfast=Decimal("20"),
        lunch=Decimal("22"),
        dinner=Decimal("39"),
    )
    per_diem_account_set(actor=actor, production=production, account_code=TRAVEL_ACCOUNT)

    # The lead, from New York on the DOOD's travel day, business class as her deal says.
    lead = Person.objects.get(production=production, kind="cast", cast_number=1)
    travel_profile_save(
        actor=actor,
        person=lead,
        local_hire=False,
        home_airports="JFK LGA",
        cabin_required="business",
        passport_expires=dt.date(2031, 5, 14),
    )
    [trip] = [t for t in travel_queries.trips(production) if t.person_id == lead.pk]
    _flight(
        actor, production, lead, "DL 423", "JFK", "LAX",
        dt.datetime.combine(trip.fly_in, dt.time(8, 0)),
        dt.datetime.combine(trip.fly_in, dt.time(11, 29)),
        cabin="business", seat="2A", record_locator="HX7QPL", cost=Decimal("1184.60"),
        confirmation="HX7QPL",
    )  # fmt: skip
    _flight(
        actor, production, lead, "DL 906", "LAX", "JFK",
        dt.datetime.combine(trip.fly_out, dt.time(13, 15)),
        dt.datetime.combine(trip.fly_out, dt.time(21, 47)),
        cabin="business", seat="3C", record_locator="HX7QPL", cost=Decimal("1126.20"),
        confirmation="HX7QPL",
    )  # fmt: skip
    _hotel(actor, production, lead, trip.fly_in, trip.fly_out, "HR-55190")
    # The cast hotel joins the vendor list with its reservations desk, where its rooming list goes.
    hotel_email_set(
        actor=actor, production=production, hotel=HOTEL, email="reservations@roosevelt.example"
    )

    # A day player from San Francisco on the drafted day: her flight lands ten minutes before
    # her pickup, and the drive from LAX is longer than that.
    calls = issued(drafted).calls
    cast_called = Person.objects.filter(pk__in=list(calls), kind="cast").order_by("-cast_number")
    day_player = cast_called.first()
    travel_profile_save(
        actor=actor,
        person=day_player,
        local_hire=False,
        home_airports="SFO",
        cabin_required="coach",
        passport_expires=None,
    )
    pickup = dt.datetime.combine(drafted.date, calls[day_player.pk].first)
    lands = pickup - dt.timedelta(minutes=10)
    _flight(
        actor, production, day_player, "UA 1187", "SFO", "LAX",
        lands - dt.timedelta(hours=1, minutes=30), lands, cost=Decimal("214.40"),
        confirmation="KD93LM", record_locator="KD93LM",
    )  # fmt: skip
    _hotel(
        actor, production, day_player, drafted.date, drafted.date + dt.timedelta(days=2),
        "HR-55231",
    )  # fmt: skip
    _flight(
        actor, production, day_player, "UA 2210", "LAX", "SFO",
        dt.datetime.combine(drafted.date + dt.timedelta(days=2), dt.time(10, 5)),
        dt.datetime.combine(drafted.date + dt.timedelta(days=2), dt.time(11, 35)),
        cost=Decimal("198.10"), confirmation="KD93LM", record_locator="KD93LM",
    )  # fmt: skip
    # A room of the block the hotel holds for the next cast arrivals, nobody in it yet.
    booking_save(
        actor=actor,
        production=production,
        kind=Booking.Kind.HOTEL,
        values={
            "person": None,
            "hotel": HOTEL,
            "room_type": "King (block)",
            "nightly_rate": Decimal("289.00"),
            "check_in": drafted.date + dt.timedelta(days=3),
            "check_out": drafted.date + dt.timedelta(days=5),
            "confirmation": "HR-BLOCK-2",
            "account_code": TRAVEL_ACCOUNT,
        },
    )
    scout = _tech_scout(actor, production, drafted.date)
    return {
        "scout": f"{scout.date:%a %-d %b}",
        "locations": len(LOCATIONS),
        "lead": lead.display_name,
        "day_player": day_player.display_name,
        "findings": len(travel_queries.travel_findings(production)),
    }
