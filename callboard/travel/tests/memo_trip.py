"""Margo's trip, as the memo tests book it: JFK → LAX on Wed 9 Dec 2026, a transfer to the
hotel, three nights, and LAX → JFK on Sat 12 Dec."""

import datetime as dt
from decimal import Decimal

from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.travel.services import booking_save, per_diem_rate_save, travel_profile_save


def margo_with_a_trip(production, *, email="margo@example.test"):
    margo = make_person(
        production,
        kind=Person.Kind.CAST,
        first_name="Margo",
        last_name="Lane",
        character="Detective Ruiz",
        email=email,
    )
    travel_profile_save(
        actor=None,
        person=margo,
        local_hire=False,
        home_airports="JFK",
        cabin_required="business",
        passport_expires=None,
    )
    book(production, "flight", person=margo, carrier="DL", number="402", origin="JFK",
         destination="LAX", starts_local=dt.datetime(2026, 12, 9, 8, 0),
         ends_local=dt.datetime(2026, 12, 9, 11, 30), cabin="business", seat="3A",
         record_locator="GXK4QP")  # fmt: skip
    book(production, "transfer", person=margo, vehicle="Black SUV", driver="Sam Ortiz",
         pickup_place="LAX Terminal 3", dropoff_place="Chateau Marmont",
         starts_local=dt.datetime(2026, 12, 9, 12, 0),
         ends_local=dt.datetime(2026, 12, 9, 13, 15), confirmation="TR-88")  # fmt: skip
    book(production, "hotel", person=margo, hotel="Chateau Marmont", room_type="King suite",
         check_in=dt.date(2026, 12, 9), check_out=dt.date(2026, 12, 12),
         confirmation="CM-5521")  # fmt: skip
    book(production, "flight", person=margo, carrier="DL", number="403", origin="LAX",
         destination="JFK", starts_local=dt.datetime(2026, 12, 12, 13, 0),
         ends_local=dt.datetime(2026, 12, 12, 21, 25), cabin="business")  # fmt: skip
    return margo


def book(production, kind, **values):
    return booking_save(actor=None, production=production, kind=kind, values=values)


def los_angeles_rate(production):
    return per_diem_rate_save(
        actor=None,
        production=production,
        city="Los Angeles",
        daily=Decimal("80.00"),
        breakfast=Decimal("18"),
        lunch=Decimal("20"),
        dinner=Decimal("37"),
    )
