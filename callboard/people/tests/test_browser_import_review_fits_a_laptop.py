"""The import review page fits a 1366 x 768 laptop: the page never scrolls sideways, however wide
the file; its first rows scroll inside their own box."""

from pathlib import Path

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, log_in, make_production, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/work/shots")

HEADINGS = [
    "First",
    "Last",
    "Dept.",
    "Job Title",
    "Email Address",
    "Cell Phone",
    "Home Phone",
    "Union",
    "Local #",
    "Start Date",
    "End Date",
    "Street Address",
    "City",
    "State",
    "Zip",
    "Emergency Contact",
    "Emergency Phone",
    "Relationship",
    "Rate",
    "Rate Type",
    "Notes from the production office",
]


def test_the_review_page_of_a_wide_file_fits_1366_pixels(browser_page, live_server, tmp_path):
    production = make_production("Wide File Show")
    coordinator = add_member(production, Role.COORDINATOR, make_user("wide@example.test"))
    row = [
        "Anastasia",
        "Ruiz-Montgomery",
        "Camera",
        "1st Assistant Camera (A camera)",
        "anastasia.ruiz-montgomery@example.test",
        "(323) 555-0111",
        "(323) 555-0199",
        "IATSE",
        "600",
        "1/10/2027",
        "3/20/2027",
        "12345 Very Long Boulevard Name Apt 1001",
        "Los Angeles",
        "CA",
        "90028",
        "Bartholomew Montgomery-Ruiz",
        "(323) 555-0177",
        "Spouse",
        "62.50",
        "Hourly",
        "Prefers text; parks in the lower lot; allergic to shellfish (catering has been told)",
    ]
    csv = tmp_path / "wide-crew-list.csv"
    lines = [",".join(f'"{h}"' for h in HEADINGS)]
    lines += [",".join(f'"{v}"' for v in row).replace("ana", f"a{n}n", 1) for n in range(3)]
    lines.append(
        ",".join(f'"{v}"' for v in row[:4]) + ',"not-an-email",' + ",".join('""' for _ in row[5:])
    )
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server, coordinator.email, production)
    page.goto(f"{live_server.url}/p/{production.slug}/people/import/")
    page.set_input_files("#id_file", str(csv))
    page.click("button:has-text('Upload and review')")
    page.wait_for_selector("text=First rows of the file")
    assert page.is_visible("text=column 'Email Address'")  # named as the file spells it
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths[0]}px in {widths[1]}px"
    box = page.locator(".import-preview")
    inner = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert inner[0] > inner[1], "the wide table should scroll inside its box"
    assert box.bounding_box()["x"] + box.bounding_box()["width"] <= 1366
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "import-review.png"))
