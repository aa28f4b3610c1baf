"""The travel checks on one traveller flown from Los Angeles to an Atlanta shoot: each problem
a coordinator would miss is found and said with the places' own local times."""

import datetime as dt
from dataclasses import replace

import pytest

from callboard.travel import airports
from callboard.travel.checks import (
    BlockRoom,
    Call,
    Flight,
    Rental,
    Stay,
    Traveller,
    findings,
    flight_errors,
)

D = dt.date


def at(code, y, m, d, hh, mm=0):
    return airports.local(code, dt.datetime(y, m, d, hh, mm))


IN = Flight("f1", "DL 402", "LAX", "ATL", at("LAX", 2026, 3, 9, 8), at("ATL", 2026, 3, 9, 15, 30))
OUT = Flight("f2", "DL 403", "ATL", "LAX", at("ATL", 2026, 3, 24, 9), at("LAX", 2026, 3, 24, 11))
HOTEL = Stay("h1", "Hotel Clermont", D(2026, 3, 9), D(2026, 3, 24))
MARGO = Traveller(
    id=1,
    name="Margo Lane",
    home_airports=frozenset({"LAX", "BUR"}),
    flights=(IN, OUT),
    stays=(HOTEL,),
    calls=(Call(at("ATL", 2026, 3, 10, 7), "Stage 4", 45),),
)


def codes(traveller, rooms=()):
    return [f.code for f in findings([traveller], rooms)]


def messages(traveller, code):
    return [f.message for f in findings([traveller]) if f.code == code]


def test_a_well_planned_trip_has_nothing_to_say():
    assert codes(MARGO) == []


def test_a_flight_landing_too_late_for_the_call_says_both_local_times_and_the_transfer():
    day_player = replace(MARGO, calls=(Call(at("ATL", 2026, 3, 9, 16), "Stage 4", 45),))
    assert messages(day_player, "late_arrival") == [
        "Margo Lane: DL 402 lands at ATL 3:30 PM + 45 min to Stage 4 = 4:15 PM, "
        "after the 4:00 PM call on Mon 9 Mar."
    ]
    in_time = replace(day_player, calls=(Call(at("ATL", 2026, 3, 9, 16, 15), "Stage 4", 45),))
    assert codes(in_time) == []


def test_a_call_before_the_first_flight_in_is_late_too():
    early = replace(MARGO, calls=(Call(at("ATL", 2026, 3, 8, 7), "Stage 4", 45), *MARGO.calls))
    assert messages(early, "late_arrival") == [
        "Margo Lane is called Sun 8 Mar at 7:00 AM (Stage 4) but flies in on DL 402, Mon 9 Mar."
    ]


def test_a_trip_with_no_flight_home_is_flagged():
    one_way = replace(MARGO, flights=(IN,), stays=())
    assert messages(one_way, "no_return") == [
        "Margo Lane has no booking back to BUR or LAX after DL 402 to ATL on Mon 9 Mar."
    ]


def test_nights_in_town_without_a_hotel_and_nights_paid_with_nobody_in_the_room():
    short = replace(
        MARGO,
        stays=(
            Stay("h1", "Hotel Clermont", D(2026, 3, 7), D(2026, 3, 12)),
            Stay("h2", "Hotel Clermont", D(2026, 3, 14), D(2026, 3, 25)),
        ),
    )
    assert messages(short, "no_hotel") == [
        "Margo Lane has no hotel on the night of Thu 12 Mar – Fri 13 Mar."
    ]
    assert messages(short, "empty_room") == [
        "Hotel Clermont: Margo Lane's room is paid for the night of Sat 7 Mar – Sun 8 Mar, "
        "when Margo Lane is not in town.",
        "Hotel Clermont: Margo Lane's room is paid for the night of Tue 24 Mar, "
        "when Margo Lane is not in town.",
    ]


def test_someone_who_drives_in_is_not_asked_about_nights():
    driver = replace(MARGO, flights=(), calls=())
    assert codes(driver) == []


def test_a_block_room_with_nobody_in_it_is_paid_for_nothing():
    room = BlockRoom("b1", "Hotel Clermont", D(2026, 3, 9), D(2026, 3, 11))
    found = findings([], [room])
    assert [f.message for f in found] == [
        "Hotel Clermont: a room is held with nobody in it on the night of Mon 9 Mar – Tue 10 Mar."
    ]


def test_overlapping_flights_hotels_and_cars_are_flagged_but_a_car_and_a_transfer_are_not():
    twice = replace(
        MARGO,
        flights=(IN, replace(IN, ref="f3", name="UA 10"), OUT),
        stays=(HOTEL, Stay("h2", "The Georgian", D(2026, 3, 20), D(2026, 3, 24))),
        rentals=(
            Rental("c1", "car", at("ATL", 2026, 3, 9, 16), at("ATL", 2026, 3, 24, 8)),
            Rental("c2", "car", at("ATL", 2026, 3, 23, 9), at("ATL", 2026, 3, 24, 8)),
            Rental("t1", "transfer", at("ATL", 2026, 3, 9, 15, 45), at("ATL", 2026, 3, 9, 16, 30)),
        ),
    )
    assert messages(twice, "overlap") == [
        "Margo Lane: DL 402 and UA 10 are in the air at the same time.",
        "Margo Lane: Hotel Clermont and The Georgian are both booked from Fri 20 Mar.",
        "Margo Lane: two car bookings overlap from Mon 23 Mar.",
    ]


def test_a_cabin_below_the_deal_is_flagged():
    business = replace(MARGO, cabin_required="business")
    assert messages(business, "class_below") == [
        "Margo Lane: DL 402 is booked in coach; the deal says business.",
        "Margo Lane: DL 403 is booked in coach; the deal says business.",
    ]
    flown = replace(business, flights=tuple(replace(f, cabin="first") for f in MARGO.flights))
    assert codes(flown) == []


def test_a_passport_missing_or_expiring_within_six_months_of_an_international_flight():
    abroad = replace(
        MARGO,
        flights=(
            replace(
                IN, destination="YYZ", arrives=at("YYZ", 2026, 3, 9, 15, 30), international=True
            ),
            replace(OUT, origin="YYZ", departs=at("YYZ", 2026, 3, 24, 9), international=True),
        ),
        stays=(),
        calls=(),
    )
    assert messages(abroad, "passport") == [
        "Margo Lane flies abroad on DL 402 (Mon 9 Mar) with no passport expiry on file.",
        "Margo Lane flies abroad on DL 403 (Tue 24 Mar) with no passport expiry on file.",
    ]
    expiring = replace(abroad, passport_expires=D(2026, 9, 15))
    assert messages(expiring, "passport") == [
        "Margo Lane's passport expires 15 Sep 2026, within six months of DL 403 on Tue 24 Mar."
    ]
    assert messages(replace(abroad, passport_expires=D(2027, 1, 1)), "passport") == []


@pytest.mark.parametrize(
    ("departs", "arrives", "error"),
    [
        (at("LAX", 2026, 3, 9, 8), at("ATL", 2026, 3, 9, 10), "lands before it takes off"),
        (at("LAX", 2026, 3, 9, 8), at("LAX", 2026, 3, 9, 8), "lands before it takes off"),
        (at("LAX", 2026, 3, 9, 8), at("ATL", 2026, 3, 10, 17), "would be 30 hours in the air"),
    ],
)
def test_an_impossible_flight_is_refused_in_words(departs, arrives, error):
    flight = replace(IN, departs=departs, arrives=arrives)
    assert error in flight_errors(flight)[0]
    assert flight_errors(IN) == []


def test_a_code_that_is_not_an_airport_is_refused():
    assert airports.airport(" lax ").tz.key == "America/Los_Angeles"
    with pytest.raises(airports.AirportError, match="is not an airport code"):
        airports.airport("LA")
    with pytest.raises(airports.AirportError, match="QQQ is not an airport's IATA code"):
        airports.airport("QQQ")
