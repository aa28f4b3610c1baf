"""Strip colours and script-change flags (issue 15 item 7): EST is exterior; CONTINUOUS, LATER,
SAME and MOMENTS LATER take the day or night of the scene before; a script revision that
changes a scheduled scene's INT/EXT, D/N or cast flags its strip until someone acknowledges."""

from datetime import date

import pytest

from callboard.core.models import AuditEvent
from callboard.schedule.models import Scenario, Strip, StripChange
from callboard.schedule.queries import strip_infos
from callboard.schedule.services import breakdown_seed
from callboard.schedule.testing import board_post
from callboard.scripts.services import script_version_import

FIRST = b"""Title: Flags

EXT. BRIDGE - NIGHT

GEORGE
Clarence!

INT. BAR - CONTINUOUS

NICK
Get out.

EST. BEDFORD FALLS - DAY

Snow.

INT. KITCHEN - MOMENTS LATER

MARY
George?

INT. BANK - LATER

POTTER
Bailey!
"""

# Scene 1 turns to day (so scene 2, CONTINUOUS, does too); scene 4 loses MARY, gains ZUZU;
# scene 5 (unscheduled) changes too, but only scheduled scenes are flagged.
SECOND = b"""Title: Flags

EXT. BRIDGE - DAY

GEORGE
Clarence!

INT. BAR - CONTINUOUS

NICK
Get out.

EST. BEDFORD FALLS - DAY

Snow.

INT. KITCHEN - MOMENTS LATER

ZUZU
Daddy!

EXT. BANK - LATER

POTTER
Bailey!
"""


def _version(production, data, colour):
    return script_version_import(
        actor=None,
        production=production,
        filename="flags.fountain",
        data=data,
        colour=colour,
        revision_date=date(2026, 3, 1),
        max_bytes=10_000_000,
    )


@pytest.fixture
def seeded(production):
    breakdown_seed(actor=None, version=_version(production, FIRST, "White"))
    return production


def _by_scene(production):
    return {i.scene: i for i in strip_infos(production).values() if i.kind == "scene"}


def test_continuous_and_later_scenes_take_the_colour_of_the_scene_before(seeded):
    strips = _by_scene(seeded)
    assert strips["1"].colour == "green"  # night exterior
    assert strips["2"].colour == "blue"  # INT, CONTINUOUS after a night scene: night interior
    assert strips["4"].colour == "white"  # MOMENTS LATER after a day scene
    assert strips["5"].colour == "white"


def test_an_establishing_shot_takes_the_exterior_colour(seeded):
    strips = _by_scene(seeded)
    assert strips["3"].is_exterior and strips["3"].colour == "yellow"


def test_the_board_shows_the_resolved_letter_beside_the_scripts_word(coordinator_client, seeded):
    scenario = Scenario.objects.get(production=seeded)
    page = coordinator_client.get(
        f"/p/{seeded.slug}/schedule/scenarios/{scenario.pk}/"
    ).content.decode()
    assert "<b>N</b> CONTINUOUS" in page and "strip-blue" in page


def _schedule(production, *numbers):
    scenario = Scenario.objects.get(production=production)
    pks = [Strip.objects.get(production=production, scene_number=n).pk for n in numbers]
    board = scenario.board
    scenario.layout = {
        "days": [pks],
        "unscheduled": [s for s in board.unscheduled if s not in pks],
        "boneyard": [],
    }
    scenario.save()
    return scenario


def test_a_revision_flags_scheduled_strips_whose_int_ext_day_night_or_cast_changed(seeded):
    scenario = _schedule(seeded, "1", "2", "3", "4")
    summary = breakdown_seed(actor=None, version=_version(seeded, SECOND, "Blue"))
    assert summary.flagged == 3
    changes = {
        c.strip.scene_number: c.changes
        for c in StripChange.objects.filter(production=seeded).select_related("strip")
    }
    assert changes == {
        "1": ["D/N: N → D"],
        "2": ["D/N: N (CONTINUOUS) → D (CONTINUOUS)"],
        "4": ["cast added: 5. ZUZU", "cast removed: 3. MARY"],
    }
    assert "5" not in changes  # not scheduled: the board has nothing to re-check
    assert scenario.pk


def test_the_board_flags_the_strip_until_someone_acknowledges_it(
    coordinator_client, coordinator, seeded
):
    scenario = _schedule(seeded, "1", "2", "3", "4")
    breakdown_seed(actor=None, version=_version(seeded, SECOND, "Blue"))
    url = f"/p/{seeded.slug}/schedule/scenarios/{scenario.pk}/"
    page = coordinator_client.get(url).content.decode()
    assert "3 scenes on this board changed in the script" in page
    assert page.count("⚑ changed") == 3 and "D/N: N → D" in page
    bridge = Strip.objects.get(production=seeded, scene_number="1")
    response = board_post(coordinator_client, scenario, "acknowledge", strip=bridge.pk)
    assert response.status_code == 200
    assert response.content.decode().count("⚑ changed") == 2
    change = StripChange.objects.get(strip=bridge)
    assert change.acknowledged_by == coordinator and change.acknowledged_at is not None
    event = AuditEvent.objects.filter(object_type="strip").latest("at")
    assert event.changes == {"acknowledged": ["D/N: N → D"]}
    again = board_post(coordinator_client, scenario, "acknowledge", strip=bridge.pk)
    assert again.status_code == 409 and "no script change waiting" in again.content.decode()
