from callboard.scripts.generator import generate_fountain
from callboard.scripts.reading import read_script


def test_the_generator_makes_a_feature_length_script_the_same_every_time():
    text = generate_fountain()
    assert text == generate_fountain()
    script = read_script("long.fountain", text.encode())
    assert len(script.scenes) == 150 and 110 <= script.page_count <= 135
    assert [s.number for s in script.scenes[:3]] == ["1", "2", "3"]
