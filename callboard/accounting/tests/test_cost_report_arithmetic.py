"""The cost report's arithmetic, checked by hand (pure)."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from callboard.accounting.costreport import AccountFigures, build_report, shown


def test_a_hand_checked_report():
    report = build_report(
        [
            # budget 10,000; spent 4,000; 2,500 on order: ETC 3,500, EFC 10,000, on budget.
            AccountFigures(
                "2700", "Set dressing", "Production", D("10000"), D("500"), D("4000"), D("2500")
            ),
            # spent past budget: ETC floors at zero, the overage shows.
            AccountFigures("2800", "Props", "Production", D("3000"), D("0"), D("3400"), D("0")),
            # the office knows better: ETC entered.
            AccountFigures(
                "1400", "Cast", "Above the line", D("50000"), D("0"), D("20000"), D("0"), D("35000")
            ),
        ]
    )
    rows = {r.code: r for r in report.accounts}
    assert (rows["2700"].etc, rows["2700"].efc, rows["2700"].variance) == (
        D("3500"),
        D("10000"),
        D("0"),
    )
    assert (rows["2800"].etc, rows["2800"].efc, rows["2800"].variance) == (
        D("0"),
        D("3400"),
        D("-400"),
    )
    assert (rows["1400"].etc, rows["1400"].efc, rows["1400"].variance) == (
        D("35000"),
        D("55000"),
        D("-5000"),
    )
    production = next(c for c in report.categories if c.name == "Production")
    assert (production.budget, production.efc, production.variance) == (
        D("13000"),
        D("13400"),
        D("-400"),
    )
    assert (report.total.budget, report.total.efc, report.total.variance) == (
        D("63000"),
        D("68400"),
        D("-5400"),
    )
    assert [r.code for r in report.biggest_variances()] == ["1400", "2800"]
    assert report.as_json()["accounts"][1] == {
        "account": "2800",
        "description": "Props",
        "category": "Production",
        "fringe": False,
        "budget": "3000.00",
        "this_period": "0.00",
        "actual": "3400.00",
        "commitments": "0.00",
        "etc": "0.00",
        "efc": "3400.00",
        "variance": "-400.00",
    }


def test_overages_print_in_parentheses():
    assert shown(D("-1234.5")) == "(1,234.50)"
    assert shown(D("1234.5")) == "1,234.50"


amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(amounts, amounts, amounts, st.one_of(st.none(), amounts)), max_size=30))
def test_columns_always_add_up(rows):
    report = build_report(
        [
            AccountFigures(str(1000 + n), "x", ["A", "B", "C"][n % 3], b, D(0), a, c, e)
            for n, (b, a, c, e) in enumerate(rows)
        ]
    )
    for row in report.accounts:
        assert row.efc == row.actual + row.commitments + row.etc and row.etc >= 0
        assert row.variance == row.budget - row.efc
    for name in ("budget", "actual", "etc", "efc", "variance"):
        assert getattr(report.total, name) == sum(
            (getattr(c, name) for c in report.categories), D(0)
        )
