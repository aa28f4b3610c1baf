"""USS 1.0 read/write (callboard.schedule.uss): samples, round trip, bad input."""

import copy
import json
from pathlib import Path

import pytest

from callboard.schedule.uss import Schedule, UssError, read_uss, write_uss

DATA = Path(__file__).parent / "data" / "uss"
SMALL = (DATA / "small_sample_schedule.uss").read_bytes()
FULL = (DATA / "full_sample_schedule.uss").read_bytes()


def problems(doc) -> list[str]:
    data = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    with pytest.raises(UssError) as exc:
        read_uss(data)
    assert exc.value.problems
    return exc.value.problems


def full_doc() -> dict:
    return copy.deepcopy(FULL_DOC)


FULL_DOC = json.loads(FULL)


def test_full_sample_counts():
    s = read_uss(FULL)
    assert isinstance(s, Schedule)
    assert (len(s.breakdowns), len(s.elements), len(s.categories)) == (174, 238, 34)
    assert (len(s.stripboards), len(s.calendars)) == (4, 3)
    assert s.name == "Full Sample Schedule" and s.version == "1.0.0"
    assert [sb.name for sb in s.stripboards] == [
        "Script Order",
        "First Pass",
        "Second Pass",
        "Rev. WHITE",
    ]
    first = s.stripboards[1]
    assert len(first.board("stripboard").days) == 61
    assert len(first.board("boneyard").breakdown_ids) == 2
    assert s.stripboards[0].board("stripboard").days == []  # script order: no day grouping
    george = s.elements[0]
    assert (george.name, george.element_id, george.drop_days) == ("GEORGE", "1", 10)
    assert [e.name for e in george.events] == ["travel", "rehearsal"]
    cal = next(c for c in s.calendars if c.id == first.calendar)
    assert cal.days_off == [6, 0] and str(cal.start) == "2022-08-03"
    assert [e.name for e in cal.events if e.name == "holiday"] == ["holiday", "holiday"]
    assert s.warnings == [
        "elements[2].linkedElements[0]: "
        'no element with id "5d8f983d6922e70017a5416c" (kept, ignored)'
    ]


def test_small_sample_spec_spellings():
    s = read_uss(SMALL)
    assert len(s.breakdowns) == 2 and len(s.elements) == 6 and len(s.stripboards) == 2
    assert s.breakdowns[0].type == "banner" and s.breakdowns[1].pages == 0.25
    assert s.elements[0].drop_days == 10  # "dropDayCount" here, "doodDayCount" in the full sample


@pytest.mark.parametrize("data", [SMALL, FULL], ids=["small", "full"])
def test_round_trip(data):
    s = read_uss(data)
    out = write_uss(s)
    assert read_uss(out) == s
    assert json.loads(out) == json.loads(data)  # same keys, shapes and values as the sample
    assert write_uss(read_uss(out)) == out


def test_round_trip_detects_change():
    s = read_uss(SMALL)
    s.breakdowns[1].pages = 0.5
    assert read_uss(write_uss(s)) != read_uss(SMALL)


def test_not_json():
    (p,) = problems(b"this is { not json")
    assert p.startswith("not JSON")
    (p,) = problems(b"\xff\xfe\x00garbage")
    assert p.startswith("not JSON")


def test_missing_top_key_and_not_object():
    assert problems({"breakdowns": []}) == [
        '(file): missing top-level key "universalScheduleStandard"'
    ]
    assert problems([1, 2]) == ["(file): expected a JSON object, got array"]
    assert problems({"universalScheduleStandard": "x"}) == [
        "universalScheduleStandard: expected an object, got string"
    ]


def test_missing_keys():
    doc = full_doc()
    u = doc["universalScheduleStandard"]
    del u["elements"]
    del u["breakdowns"][3]["id"]
    del u["stripboards"][1]["boards"][0]["breakdownArrays"]
    ps = problems(doc)
    assert 'universalScheduleStandard: missing key "elements"' in ps
    assert 'breakdowns[3]: missing key "id"' in ps
    assert 'stripboards[1].boards[0]: missing key "breakdownIds"' in ps


def test_wrong_types_all_reported():
    doc = full_doc()
    u = doc["universalScheduleStandard"]
    u["breakdowns"][0]["pages"] = "3"
    u["categories"][0]["ucid"] = "100"
    u["elements"][0]["isDood"] = "yes"
    u["elements"][1]["daysOff"] = [7]
    u["calendars"][0]["events"][1]["date"] = "next tuesday"
    u["calendars"][0]["events"][2]["type"] = "party"
    ps = problems(doc)
    assert ps == [
        "breakdowns[0].pages: must be a number, got string",
        "categories[0].ucid: must be an integer, got string",
        "elements[0].isDood: must be true or false, got string",
        "elements[1].daysOff[0]: must be a weekday number 0..6, got 7",
        'calendars[0].events[1].date: "next tuesday" is not an ISO date',
        'calendars[0].events[2].type: "party" is not one of start|dayOff|event',
    ]


def test_dangling_ids():
    doc = full_doc()
    u = doc["universalScheduleStandard"]
    u["breakdowns"][12]["elements"][1] = "5d9fdeadbeef"
    u["elements"][5]["category"] = "nope"
    u["stripboards"][2]["calendar"] = "nocal"
    u["stripboards"][1]["boards"][1]["breakdownArrays"][0] = "gone"
    ps = problems(doc)
    assert 'breakdowns[12].elements[1]: no element with id "5d9fdeadbeef"' in ps
    assert 'elements[5].category: no category with id "nope"' in ps
    assert 'stripboards[2].calendar: no calendar with id "nocal"' in ps
    assert 'stripboards[1].boards[1].breakdownArrays[0]: no breakdown with id "gone"' in ps
    assert len(ps) == 4


def test_duplicate_ids():
    doc = full_doc()
    u = doc["universalScheduleStandard"]
    u["elements"][7]["id"] = u["elements"][3]["id"]
    u["breakdowns"].append(copy.deepcopy(u["breakdowns"][0]))
    ps = problems(doc)
    assert f'elements[7].id: duplicate id "{u["elements"][3]["id"]}" (also elements[3])' in ps
    assert (
        f'breakdowns[174].id: duplicate id "{u["breakdowns"][0]["id"]}" (also breakdowns[0])' in ps
    )


def test_breakdown_twice_on_one_stripboard():
    doc = full_doc()
    sb = doc["universalScheduleStandard"]["stripboards"][1]
    day0 = sb["boards"][0]["breakdownArrays"][0]
    sb["boards"][1]["breakdownArrays"].append(day0[0])  # in a day on the board and in the boneyard
    (p,) = problems(doc)
    assert p == (
        f'stripboards[1].boards[1].breakdownArrays[2]: breakdown "{day0[0]}" is already on this '
        "stripboard at stripboards[1].boards[0].breakdownArrays[0][0]"
    )


def test_same_breakdown_on_two_stripboards_is_fine():
    s = read_uss(FULL)
    a, b = (set(sb.board("stripboard").breakdown_ids) for sb in s.stripboards[:2])
    assert a & b


def test_nothing_half_imported_on_many_problems():
    doc = full_doc()
    for b in doc["universalScheduleStandard"]["breakdowns"]:
        b["type"] = 5
    ps = problems(doc)
    assert len(ps) == 174 and ps[0] == "breakdowns[0].type: must be a string, got number"
    assert "174 problems" in str(UssError(ps))


def test_schedule_built_in_code_writes_and_reads():
    s = Schedule(id="x", name="Built")
    s2 = read_uss(write_uss(s))
    assert s2 == s
    body = json.loads(write_uss(s))["universalScheduleStandard"]
    assert body["ussVersion"] == "1.0.0" and body["breakdowns"] == [] and body["stripboards"] == []
