from callboard.scripts.locking import renumber_to_locked
from callboard.scripts.scenes import Scene


def scene(heading: str, number: str = "") -> Scene:
    return Scene(
        number=number,
        heading=heading,
        int_ext="INT",
        set="",
        time="DAY",
        page_start="1",
        page_end="1",
        eighths=4,
    )


LOCKED = [
    ("1", "INT. KITCHEN - DAY", False),
    ("2", "EXT. DOCKS - NIGHT", False),
    ("3", "INT. DINER - DAY", False),
]


def numbers(pairs):
    return [(s.number, "OMITTED" if s.omitted else s.heading) for s, _ in pairs]


def test_an_unchanged_draft_keeps_every_number():
    new = [scene("INT. KITCHEN - DAY"), scene("EXT. DOCKS - NIGHT"), scene("INT. DINER - DAY")]
    assert [s.number for s, _ in renumber_to_locked(LOCKED, new)] == ["1", "2", "3"]


def test_a_new_scene_takes_an_a_number_after_the_one_before_it():
    new = [
        scene("INT. KITCHEN - DAY"),
        scene("EXT. ROOF - DAWN"),
        scene("EXT. DOCKS - NIGHT"),
        scene("INT. DINER - DAY"),
    ]
    assert numbers(renumber_to_locked(LOCKED, new))[:2] == [
        ("1", "INT. KITCHEN - DAY"),
        ("1A", "EXT. ROOF - DAWN"),
    ]


def test_a_removed_scene_stays_as_omitted_under_its_number():
    new = [scene("INT. KITCHEN - DAY"), scene("INT. DINER - DAY")]
    assert numbers(renumber_to_locked(LOCKED, new)) == [
        ("1", "INT. KITCHEN - DAY"),
        ("2", "OMITTED"),
        ("3", "INT. DINER - DAY"),
    ]


def test_a_rewritten_heading_in_the_same_place_keeps_its_number():
    new = [scene("INT. KITCHEN - DAY"), scene("EXT. DOCKS - DAWN"), scene("INT. DINER - DAY")]
    assert [s.number for s, _ in renumber_to_locked(LOCKED, new)] == ["1", "2", "3"]


def test_two_new_scenes_in_a_row_take_a_and_b():
    new = [
        scene("INT. KITCHEN - DAY"),
        scene("EXT. A - DAY"),
        scene("EXT. B - DAY"),
        scene("EXT. DOCKS - NIGHT"),
        scene("INT. DINER - DAY"),
    ]
    assert [s.number for s, _ in renumber_to_locked(LOCKED, new)] == ["1", "1A", "1B", "2", "3"]
