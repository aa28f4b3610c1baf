"""A coordinator breaks down a script and builds a stripboard by drag and drop in Chromium."""

from pathlib import Path

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, log_in, make_production, make_user
from callboard.schedule.models import Scenario, Strip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCRIPT = Path(__file__).parent / "data" / "board.fountain"


def _strip(page, scene: str):
    return page.locator(f"li.strip:has(.strip-sc:text-is('{scene}'))")


def test_script_to_breakdown_to_stripboard_by_drag_and_drop(browser_page, live_server, tmp_path):
    production = make_production("Browser Schedule Show")
    add_member(production, Role.COORDINATOR, make_user("board@example.test"))
    page = browser_page
    log_in(page, live_server, "board@example.test", production)

    # Issue 3: import the script.
    page.click("nav >> text=Script")
    page.set_input_files("#id_file", str(SCRIPT))
    page.click("button:has-text('Import')")
    page.wait_for_selector("text=4 scenes")

    # The script becomes a breakdown.
    page.click("nav >> text=Schedule")
    page.click("button:has-text('Make strips from the script')")
    page.wait_for_selector("text=4 new scenes")
    assert page.is_visible("text=KITCHEN")

    # A calendar: start on a Thursday, weekends off.
    page.click("nav >> text=Schedule")
    page.click("text=New calendar")
    page.fill("#id_name", "Main unit")
    page.fill("#id_start", "2026-09-03")
    page.fill("#id_events", "2026-09-04 day off\n2026-09-07 holiday")
    page.click("button:has-text('Save calendar')")
    page.wait_for_selector("text=Saved calendar Main unit")

    page.click("text=Script order")
    # Choosing a calendar submits the form: wait for the new page, not the old one's label.
    with page.expect_navigation():
        page.select_option("#board-calendar", label="Main unit")
    page.wait_for_selector(
        "#board-calendar >> option:checked:text-is('Main unit')", state="attached"
    )
    assert page.is_visible("text=4 unscheduled")

    # Drag scene 1 onto "start a new day", then scene 3 into that day, then scene 2 to day 2.
    _strip(page, "1").drag_to(page.locator("ol.new-day"))
    page.wait_for_selector("text=End of Day 1 — Thu Sep 3, 2026")
    # Dropped on the lower half of scene 1: after it.
    _strip(page, "3").drag_to(_strip(page, "1"), target_position={"x": 30, "y": 20})
    page.wait_for_selector("text=2 unscheduled")
    _strip(page, "2").drag_to(page.locator("ol.new-day"))
    # Day 2 skips the day off, the weekend and Labor Day.
    page.wait_for_selector("text=End of Day 2 — Tue Sep 8, 2026")
    assert page.is_visible("text=Fri Sep 4 — Day off")
    assert page.is_visible("text=Mon Sep 7 — Holiday")
    # Scene 4 to the boneyard (the page's foot in view, so dragging near the window's edge
    # does not scroll the board under the pointer).
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    _strip(page, "4").drag_to(page.locator("ol[data-target='boneyard']"))
    page.wait_for_selector("text=Every strip is scheduled.")
    page.screenshot(path=str(tmp_path / "board.png"))

    scenario = Scenario.objects.get(production=production)
    number = dict(Strip.objects.filter(production=production).values_list("pk", "scene_number"))
    board = scenario.board
    assert [[number[pk] for pk in day] for day in board.days] == [["1", "3"], ["2"]]
    assert [number[pk] for pk in board.boneyard] == ["4"]

    # The DOOD follows the board.
    page.click("text=Day Out of Days")
    page.wait_for_selector("table.dood-grid")
    george = page.locator("tr:has(td.name:text-is('GEORGE'))")
    assert "SWF" in george.inner_text() or "SW" in george.inner_text()

    # Issue 15: shift-click two strips (their scenes fill the move box), drag one: both move.
    page.click("main >> text=Script order")
    page.wait_for_selector("#board")
    _strip(page, "3").click(modifiers=["Shift"])
    _strip(page, "2").click(modifiers=["Shift"])
    assert page.input_value("#move-scene") == "3, 2"
    assert page.locator("li.strip.selected").count() == 2
    _strip(page, "2").drag_to(page.locator("ol[data-target='unscheduled']"))
    page.wait_for_selector("text=2 unscheduled")
    board = Scenario.objects.get(production=production).board
    assert [number[pk] for pk in board.unscheduled] == ["3", "2"]
    assert [[number[pk] for pk in day] for day in board.days] == [["1"], []]
    # A typo in the move box moves nothing and says why.
    page.fill("#move-scene", "3, x")
    page.click("button:has-text('Move')")
    page.wait_for_selector("text=Nothing was moved: no scene x on this board.")
    assert Scenario.objects.get(production=production).board == board
