"""Which flight a transfer or a rental car meets, on the movement list (pure: no database):
the same traveller, the same day on each one's own clock, near the landing (a pickup, a car
picked up) or the take-off (a ride to the airport, a car returned); the nearest when two
flights qualify; none when nothing is near."""

import datetime as dt
from zoneinfo import ZoneInfo

from callboard.travel.lists import (
    CAR_PICKUP,
    CAR_RETURN,
    TRANSFER,
    Leg,
    Ride,
    ride_meets,
    rides_matched,
)

LA = ZoneInfo("America/Los_Angeles")
NY = ZoneInfo("America/New_York")


def at(hour, minute=0, day=9, zone=LA):
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=zone)


LANDS = Leg(person_id=1, arriving=True, at=at(11, 30), airport="LAX", flight="DL 402")
LEAVES = Leg(person_id=1, arriving=False, at=at(18, 0), airport="LAX", flight="DL 405")


def ride(kind, when, person=1, ref=0):
    return Ride(ref=ref, person_id=person, kind=kind, at=when)


def test_a_pickup_after_landing_meets_the_arrival():
    assert ride_meets(ride(TRANSFER, at(11, 45)), LANDS)
    assert ride_meets(ride(TRANSFER, at(10, 0)), LANDS)  # booked early: the driver waits
    assert ride_meets(ride(CAR_PICKUP, at(12, 30)), LANDS)
    assert LANDS.text == "DL 402 landing LAX 11:30 AM PST"


def test_a_ride_far_from_the_flight_or_someone_else_s_meets_nothing():
    assert not ride_meets(ride(TRANSFER, at(7, 0)), LANDS)  # to set in the morning
    assert not ride_meets(ride(TRANSFER, at(15, 0)), LANDS)
    assert not ride_meets(ride(TRANSFER, at(11, 45), person=2), LANDS)
    assert not ride_meets(ride(TRANSFER, at(11, 45, day=10)), LANDS)


def test_a_car_is_picked_up_at_an_arrival_and_returned_before_a_departure():
    assert not ride_meets(ride(CAR_RETURN, at(12, 0)), LANDS)
    assert not ride_meets(ride(CAR_PICKUP, at(16, 0)), LEAVES)
    assert ride_meets(ride(CAR_RETURN, at(16, 0)), LEAVES)
    assert not ride_meets(ride(CAR_RETURN, at(18, 30)), LEAVES)  # after take-off
    assert not ride_meets(ride(CAR_RETURN, at(12, 0)), LEAVES)  # six hours before


def test_each_is_compared_on_its_own_clock():
    # 2:30 PM in New York is 11:30 AM in Los Angeles: the same moment as the landing.
    assert ride_meets(ride(TRANSFER, at(14, 30, zone=NY)), LANDS)
    # 11:30 PM on the 8th in Los Angeles is the 9th in New York: the date on each clock.
    late = Leg(person_id=1, arriving=True, at=at(0, 30, zone=NY), airport="JFK", flight="AA 1")
    assert not ride_meets(ride(TRANSFER, at(21, 45, day=8)), late)


def test_the_nearest_flight_wins_and_a_ride_near_none_has_none():
    earlier = Leg(person_id=1, arriving=True, at=at(10, 0), airport="LAX", flight="UA 9")
    rides = [ride(TRANSFER, at(11, 40), ref=0), ride(TRANSFER, at(7, 0), ref=1)]
    matched = rides_matched(rides, [earlier, LANDS, LEAVES])
    assert matched == {0: LANDS, 1: None}
