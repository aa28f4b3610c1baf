"""A week of travel for the lists' tests, booked through the services as the office would:

- Margo Lane (cast, home JFK): DL 402 JFK→LAX Wed 9 Dec 2026 8:00 EST → 11:30 PST, met by a
  transfer at 11:45; Chateau Marmont 9–12 Dec (King suite, $425 a night); DL 403 LAX→JFK
  Sat 12 Dec 9:00, driven to LAX at 6:30.
- Dev Patel (crew, home ORD): UA 1180 ORD→DEN then UA 611 DEN→LAX on Wed 9 Dec (a
  connection at Denver), landing LAX 2:10 PM, with no ride booked; "chateau  marmont" (typed
  in lower case) 9–11 Dec at a nightly rate; flies home Fri 11 Dec.
- A block room at the Chateau held for nobody, 9–11 Dec, $300 a night.
- Rosa Diaz at The Standard 10–12 Dec (another hotel), and a cancelled Chateau room.
"""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from callboard.accounting.models import Account
from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.travel.services import booking_cancel, booking_save, travel_profile_save

WEDNESDAY = dt.date(2026, 12, 9)


def _save(production, kind, **values):
    return booking_save(actor=None, production=production, kind=kind, values=values)


def _flight(production, person, carrier, number, origin, destination, departs, arrives, **more):
    return _save(
        production,
        "flight",
        person=person,
        carrier=carrier,
        number=number,
        origin=origin,
        destination=destination,
        starts_local=departs,
        ends_local=arrives,
        cabin="coach",
        **more,
    )


def travel_week(production) -> SimpleNamespace:
    for code, description in (("4510", "Travel — air"), ("4520", "Hotels"), ("4530", "Ground")):
        Account.objects.create(
            production=production,
            code=code,
            number=code,
            description=description,
            category="Travel and living",
        )
    margo = make_person(
        production,
        kind=Person.Kind.CAST,
        first_name="Margaret",
        preferred_name="Margo",
        last_name="Lane",
        character="DETECTIVE ROSS",
        phone="(310) 555-0101",
    )
    dev = make_person(production, first_name="Dev", last_name="Patel", position="Gaffer")
    rosa = make_person(production, first_name="Rosa", last_name="Diaz", position="Key Grip")
    for person, home in ((margo, "JFK"), (dev, "ORD"), (rosa, "SFO")):
        travel_profile_save(
            actor=None,
            person=person,
            local_hire=False,
            home_airports=home,
            cabin_required="",
            passport_expires=None,
        )
    at = dt.datetime
    w = SimpleNamespace(margo=margo, dev=dev, rosa=rosa)
    w.margo_in = _flight(
        production, margo, "DL", "402", "JFK", "LAX",
        at(2026, 12, 9, 8, 0), at(2026, 12, 9, 11, 30),
        cost=Decimal("612.40"), account_code="4510", record_locator="QX7P2L",
    )  # fmt: skip
    w.margo_pickup = _save(
        production,
        "transfer",
        person=margo,
        vehicle="Black Suburban",
        driver="Sal",
        pickup_place="LAX arrivals, door 4",
        dropoff_place="Chateau Marmont",
        starts_local=at(2026, 12, 9, 11, 45),
        ends_local=at(2026, 12, 9, 12, 45),
        cost=Decimal("95.00"),
        account_code="4530",
    )
    w.margo_room = _save(
        production,
        "hotel",
        person=margo,
        hotel="Chateau Marmont",
        room_type="King suite",
        check_in=dt.date(2026, 12, 9),
        check_out=dt.date(2026, 12, 12),
        nightly_rate=Decimal("425.00"),
        confirmation="CM-88120",
        notes="Late checkout requested",
        account_code="4520",
    )
    w.margo_out = _flight(
        production, margo, "DL", "403", "LAX", "JFK",
        at(2026, 12, 12, 9, 0), at(2026, 12, 12, 17, 30),
        cost=Decimal("598.10"), account_code="4510",
    )  # fmt: skip
    w.margo_to_airport = _save(
        production,
        "transfer",
        person=margo,
        vehicle="Black Suburban",
        pickup_place="Chateau Marmont",
        dropoff_place="LAX",
        starts_local=at(2026, 12, 12, 6, 30),
        ends_local=at(2026, 12, 12, 7, 15),
    )
    w.dev_leg1 = _flight(
        production, dev, "UA", "1180", "ORD", "DEN",
        at(2026, 12, 9, 8, 0), at(2026, 12, 9, 9, 45), cost=Decimal("240.00"), account_code="4510",
    )  # fmt: skip
    w.dev_leg2 = _flight(
        production, dev, "UA", "611", "DEN", "LAX",
        at(2026, 12, 9, 11, 5), at(2026, 12, 9, 14, 10), cost=Decimal("180.00"),
    )  # fmt: skip
    w.dev_room = _save(
        production,
        "hotel",
        person=dev,
        hotel="chateau  marmont",
        room_type="Queen",
        check_in=dt.date(2026, 12, 9),
        check_out=dt.date(2026, 12, 11),
        nightly_rate=Decimal("289.00"),
        account_code="4520",
    )
    w.dev_out = _flight(
        production, dev, "UA", "1181", "LAX", "ORD",
        at(2026, 12, 11, 7, 0), at(2026, 12, 11, 13, 5), cost=Decimal("260.00"),
    )  # fmt: skip
    w.block = _save(
        production,
        "hotel",
        person=None,
        hotel="Chateau Marmont",
        room_type="Queen",
        check_in=dt.date(2026, 12, 9),
        check_out=dt.date(2026, 12, 11),
        nightly_rate=Decimal("300.00"),
        notes="Held for the stunt double",
    )
    w.rosa_room = _save(
        production,
        "hotel",
        person=rosa,
        hotel="The Standard",
        check_in=dt.date(2026, 12, 10),
        check_out=dt.date(2026, 12, 12),
        cost=Decimal("510.00"),
    )
    w.cancelled = _save(
        production,
        "hotel",
        person=rosa,
        hotel="Chateau Marmont",
        check_in=dt.date(2026, 12, 9),
        check_out=dt.date(2026, 12, 10),
        nightly_rate=Decimal("425.00"),
    )
    booking_cancel(actor=None, booking=w.cancelled, reason="Moved to the Standard")
    return w
