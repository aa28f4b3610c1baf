from hypothesis import given
from hypothesis import strategies as st

from callboard.people.positions import STANDARD_POSITIONS, position_rank


def test_known_titles_sort_in_the_order_of_the_trade():
    titles = [
        "Set PA",
        "Unit Production Manager",
        "Producer",
        "1st Assistant Director",
        "Line Producer",
    ]
    assert sorted(titles, key=position_rank) == [
        "Producer",
        "Line Producer",
        "Unit Production Manager",
        "1st Assistant Director",
        "Set PA",
    ]


def test_titles_are_matched_regardless_of_case_and_punctuation():
    assert position_rank("KEY GRIP.") == position_rank("key grip")


def test_unknown_titles_follow_known_ones_ranked_by_their_words():
    assert position_rank("Dolly Grip") < position_rank("Head of Drones")
    assert (
        position_rank("Head of Drones")
        < position_rank("Key Drone Pilot")
        < position_rank("Drone PA")
    )


@given(st.text(max_size=60))
def test_any_title_gets_a_rank(title):
    rank = position_rank(title)
    assert rank[0] in (0, 1) and rank[1] < len(STANDARD_POSITIONS)
