import pytest
from hypothesis import given
from hypothesis import strategies as st

from callboard.core.eighths import format_eighths, parse_eighths


def test_eighths_add_up_the_way_the_reference_says():
    assert format_eighths(5 + 14 + 3) == "2 6/8"


@pytest.mark.parametrize(
    ("eighths", "shown"), [(0, "0"), (3, "3/8"), (8, "1"), (22, "2 6/8"), (17, "2 1/8")]
)
def test_eighths_are_shown_as_pages_and_eighths(eighths, shown):
    assert format_eighths(eighths) == shown


@given(st.integers(min_value=0, max_value=100_000))
def test_what_is_shown_reads_back_the_same(eighths):
    assert parse_eighths(format_eighths(eighths)) == eighths


@pytest.mark.parametrize("text", ["", "abc", "1 9/8", "3/4", "-1"])
def test_nonsense_is_refused(text):
    with pytest.raises(ValueError):
        parse_eighths(text)
