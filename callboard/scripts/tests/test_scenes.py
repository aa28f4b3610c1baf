"""The scene list read off a paginated screenplay: numbers, sets, pages, eighths, characters."""

from pathlib import Path

from callboard.scripts.fountain import decode_script_bytes, read_fountain
from callboard.scripts.pagination import paginate
from callboard.scripts.scenes import _numbers, scene_list

DATA = Path(__file__).parent / "data"


def scenes_of(text: str):
    screenplay = read_fountain(text)
    pages = paginate(screenplay)
    return scene_list(screenplay, pages), pages


def test_a_real_script_gives_its_scenes_with_pages_and_eighths():
    text = decode_script_bytes((DATA / "public-domain" / "Cyber_Bob_ep00001.fountain").read_bytes())
    scenes, pages = scenes_of(text)
    assert [s.heading for s in scenes][:2] == [
        "EXT. PARK--DAY",
        "EXT. SUBURBAN TRAFFIC INTERSECTION--DAY",
    ]
    assert (scenes[0].int_ext, scenes[0].set, scenes[0].time) == ("EXT", "PARK", "DAY")
    assert scenes[0].page_start == "1" and scenes[-1].page_end == pages[-1].number
    assert "BOB" in scenes[0].characters
    assert abs(sum(s.eighths for s in scenes) - 8 * len(pages)) <= len(scenes)


def test_scene_numbers_as_written_are_kept_and_unnumbered_drafts_are_numbered_in_order():
    numbered, _ = scenes_of("INT. A - DAY #12#\n\nHi.\n\nINT. B - DAY #12A#\n\nHo.\n")
    assert [s.number for s in numbered] == ["12", "12A"]
    plain, _ = scenes_of("INT. A - DAY\n\nHi.\n\nEXT. B - NIGHT\n\nHo.\n")
    assert [s.number for s in plain] == ["1", "2"]


def test_an_unnumbered_scene_in_a_numbered_draft_takes_the_next_letter():
    assert _numbers(["71", None, None, "72"]) == ["71", "71A", "71B", "72"]


def test_an_omitted_scene_keeps_its_number_and_takes_no_time():
    scenes, _ = scenes_of("INT. A - DAY #1#\n\nHi.\n\nOMITTED #2#\n\nINT. C - DAY #3#\n\nHo.\n")
    omitted = scenes[1]
    assert omitted.number == "2" and omitted.omitted and omitted.eighths == 0


def test_characters_are_one_name_however_the_cue_is_extended():
    scenes, _ = scenes_of("INT. A - DAY\n\nBOB (V.O.)\nHi.\n\nBOB (CONT'D)\nHo.\n\nANN\nHey.\n")
    assert scenes[0].characters == ["BOB", "ANN"]


def test_a_short_scene_counts_at_least_one_eighth():
    scenes, _ = scenes_of("INT. A - DAY\n\nHi.\n\nINT. B - DAY\n\n" + "Long action.\n\n" * 40)
    assert scenes[0].eighths >= 1
