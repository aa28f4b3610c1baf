"""The fringe arithmetic (fringes.py): caps per person per calendar year across batches, per
hour and per day amounts, union lines, nothing on what is not wages."""

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from callboard.accounting.fringes import CardPay, FringeRule, batch_fringes, card_fringes

FUTA = FringeRule("FUTA", "7100", "percent", D("0.6"), D("7000"))
MEDICARE = FringeRule("Medicare", "7100", "percent", D("1.45"))
IATSE = FringeRule("IATSE P&H", "7200", "hour", D("9.50"), union="IATSE")
PER_DAY = FringeRule("Local health", "7200", "day", D("42"), union="Teamsters")
WHOLE = FringeRule("Whole wage base", "7100", "percent", D("100"), D("7000"))  # amount = basis
SAG = FringeRule("SAG-AFTRA P&H", "7200", "scale", D("21"), D("250000"), union="SAG-AFTRA")


def _card(wages, person="ann", year=2026, union="IATSE", hours=D("50"), days=5, key=None):
    return CardPay(key or object(), person, year, union, D(wages), hours, days)


def test_futa_stops_at_its_wage_base_across_batches():
    first = card_fringes([FUTA], _card("5000"), earned_before=D("0"))
    second = card_fringes([FUTA], _card("5000"), earned_before=D("5000"))
    third = card_fringes([FUTA], _card("5000"), earned_before=D("10000"))
    assert [f.amount for f in first + second] == [D("30.00"), D("12.00")]
    assert third == []  # the wage base is used up: no line at all


def test_a_new_calendar_year_starts_the_wage_base_again():
    cards = [_card("7000", year=2026), _card("7000", year=2027)]
    assert [f.amount for f in batch_fringes([FUTA], cards, {})] == [D("42.00"), D("42.00")]


def test_hours_and_days_are_charged_per_union():
    iatse = _card("2000", union="IATSE", hours=D("60.5"), days=5)
    teamster = _card("2000", union="teamsters", hours=D("50"), days=4)
    found = {
        (f.name, f.key): f.amount for f in batch_fringes([IATSE, PER_DAY], [iatse, teamster], {})
    }
    assert found == {
        ("IATSE P&H", iatse.key): D("574.75"),
        ("Local health", teamster.key): D("168.00"),
    }


def test_scale_stops_at_its_ceiling():
    fringes = batch_fringes(
        [SAG], [_card("200000", union="SAG-AFTRA"), _card("100000", union="SAG-AFTRA")], {}
    )
    assert [f.basis_amount for f in fringes] == [D("200000"), D("50000")]
    assert [f.amount for f in fringes] == [D("42000.00"), D("10500.00")]


money = st.decimals(min_value=0, max_value=50000, places=2)


@given(st.lists(money, min_size=1, max_size=12), money)
def test_capped_wages_never_pass_the_cap_and_reach_it_when_earned(weeks, before):
    cards = [_card(str(w)) for w in weeks]
    charged = sum(
        (f.basis_amount for f in batch_fringes([WHOLE], cards, {("ann", 2026): before})), D(0)
    )
    assert charged == max(min(sum(weeks, D(0)) + before, D("7000")) - before, D(0))


@given(st.lists(st.tuples(st.sampled_from(["ann", "bo", "cy"]), money), min_size=1, max_size=15))
def test_each_person_has_a_wage_base_of_their_own(cards):
    fringes = batch_fringes(
        [WHOLE], [_card(str(w), person=p, key=(n, p)) for n, (p, w) in enumerate(cards)], {}
    )
    for person in {p for p, _ in cards}:
        earned = sum((w for p, w in cards if p == person), D(0))
        charged = sum((f.basis_amount for f in fringes if f.key[1] == person), D(0))
        assert charged == min(earned, D("7000"))


@given(money, money)
def test_uncapped_percentages_are_on_every_dollar(wages, before):
    [fringe] = card_fringes([MEDICARE], _card(str(wages)), before) or [None]
    if wages * D("0.0145") >= D("0.005"):
        assert fringe.amount == (wages * D("0.0145")).quantize(D("0.01"), ROUND_HALF_UP)
