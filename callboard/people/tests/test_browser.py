"""The coordinator's first path through a real browser: log in, add a crew member, see the list."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, log_in, make_production, make_user
from callboard.people.models import Person
from callboard.people.testing import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_add_a_crew_member_and_find_them_on_the_crew_list(browser_page, live_server):
    production = make_production("Browser Show")
    add_member(production, Role.COORDINATOR, make_user("coord@example.test", name="Casey Coord"))
    make_person(production, first_name="Existing", last_name="Grip", position="Key Grip")
    page = browser_page
    log_in(page, live_server, "coord@example.test", production)
    page.click("text=Add crew member")
    page.fill("#id_first_name", "Ana")
    page.fill("#id_last_name", "Ruiz")
    page.select_option("#id_department", label="Camera")
    page.fill("#id_position", "1st AC")
    page.fill("#id_email", "ana@example.test")
    page.fill("#id_phone", "(323) 555-0111")
    page.click("button:has-text('Save')")
    page.wait_for_selector("h1:has-text('Ana Ruiz')")
    page.click("nav >> text=Crew")
    page.wait_for_selector("text=Existing Grip")
    assert page.is_visible("text=Ana Ruiz")
    page.fill("#q", "ruiz")
    page.wait_for_selector("text=Existing Grip", state="hidden")  # no eval: the CSP forbids it
    assert page.is_visible("text=Ana Ruiz")
    assert Person.objects.get(email="ana@example.test").department.name == "Camera"


def test_import_a_list_then_download_the_crew_list_pdf_and_spreadsheet(
    browser_page, live_server, tmp_path
):
    production = make_production("Browser Import Show")
    coordinator = add_member(production, Role.COORDINATOR, make_user("coord2@example.test"))
    csv = tmp_path / "crew.csv"
    csv.write_text(
        "Name,Dept,Job title,E-mail,Cell\n"
        "Ana Ruiz,Camera,1st AC,ana@example.test,(323) 555-0111\n"
        "Bo Lee,Grips,Dolly Grip,bo@example.test,(323) 555-0112\n",
        encoding="latin-1",
    )
    page = browser_page
    log_in(page, live_server, coordinator.email, production)
    page.click("text=Import a list")
    page.set_input_files("#id_file", str(csv))
    page.click("button:has-text('Upload and review')")
    page.wait_for_selector("text=All 2 rows are ready to import")
    page.click("button:has-text('Import 2 crew members')")
    page.wait_for_selector("text=Imported 2 people")
    assert page.is_visible("text=Bo Lee") and page.is_visible("text=Dolly Grip")
    with page.expect_download() as pdf:
        page.click("#results >> text=PDF")
    assert pdf.value.suggested_filename.endswith(".pdf")
    assert pdf.value.path().read_bytes()[:5] == b"%PDF-"
    with page.expect_download() as sheet:
        page.click("#results >> text=Excel")
    assert sheet.value.suggested_filename.endswith(".xlsx")
    assert Person.objects.filter(production=production).count() == 2


def test_a_crew_member_saves_their_details_from_the_emailed_link_on_a_phone(
    browser_page, live_server, settings
):
    from callboard.core.links import link_grant_create
    from callboard.people.services import DETAILS_LINK

    production = make_production("Browser Link Show")
    person = make_person(production, first_name="Ana", last_name="Ruiz", phone="(323) 555-0000")
    from datetime import timedelta

    _, token = link_grant_create(
        production=production, purpose=DETAILS_LINK, subject=person, valid_for=timedelta(days=1)
    )
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/l/details/{token}/")
    page.fill("#id_phone", "323 555 7777")
    page.click("button:has-text('Save my details')")
    page.wait_for_selector("text=your details are saved")
    person.refresh_from_db()
    assert person.phone == "(323) 555-7777"
