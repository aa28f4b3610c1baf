"""In a browser: a crew list with both a "Phone" and a "Cell" column. The review page says, above
the rows, which of the two is imported as Mobile and that the other is not, and lists every
column of the file left out; it still fits a 1366-px laptop."""

from pathlib import Path

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, log_in, make_production, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/work/shots")


def test_the_review_page_says_which_phone_column_is_imported(browser_page, live_server, tmp_path):
    production = make_production("Two Phones Show")
    coordinator = add_member(production, Role.COORDINATOR, make_user("phones@example.test"))
    csv = tmp_path / "crew-with-two-phones.csv"
    csv.write_text(
        "First,Last,Dept,Position,Phone,Cell,Email,Shoe size\n"
        "Ana,Ruiz,Camera,1st AC,(323) 555-0100,(323) 555-0111,ana@example.test,8\n"
        "Bo,Lee,Grip,Best Boy Grip,(323) 555-0200,(323) 555-0112,bo@example.test,11\n",
        encoding="utf-8",
    )
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server, coordinator.email, production)
    page.goto(f"{live_server.url}/p/{production.slug}/people/import/")
    page.set_input_files("#id_file", str(csv))
    page.click("button:has-text('Upload and review')")
    page.wait_for_selector("text=First rows of the file")
    left_out = page.locator("#left-out")
    assert left_out.is_visible()
    text = left_out.inner_text()
    assert "Not imported from the file: 'Cell' (F), 'Shoe size' (H)." in text, text
    assert "column 'Phone' (E) is imported as Mobile and column 'Cell' (F) is not imported" in text
    assert page.is_visible("text=All 2 rows are ready to import, without the columns listed above")
    box = left_out.bounding_box()
    assert box["x"] + box["width"] <= 1366 and box["y"] < 768  # seen without scrolling
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "import-review-columns-left-out.png"))
