from datetime import date

import pytest

from callboard.office.supplies.stock import due_back, number_key, reorder_quantity


@pytest.mark.parametrize(
    "typed, key",
    [("12", "12"), ("#12", "12"), ("No. 12", "12"), (" 012 ", "12"), ("0", "0"),
     ("c02 xk1", "C02XK1"), ("# ", ""), ("", "")],
)  # fmt: skip
def test_the_same_item_however_its_number_is_typed(typed, key):
    assert number_key(typed) == key


def test_an_order_brings_the_shelf_to_twice_its_level():
    assert reorder_quantity(1, 4) == 7
    assert reorder_quantity(0, 0) == 1


def test_an_item_is_due_back_within_a_week_of_the_end_date_and_overdue_after():
    today = date(2026, 3, 10)
    assert due_back(None, today) == ""
    assert due_back(date(2026, 3, 18), today) == ""
    assert due_back(date(2026, 3, 17), today) == "soon"
    assert due_back(today, today) == "soon"
    assert due_back(date(2026, 3, 9), today) == "overdue"
