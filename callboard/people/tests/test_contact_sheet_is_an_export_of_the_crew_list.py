"""The contact sheet is one of the crew list's exports, beside PDF, Excel, CSV and vCards."""

import re

from callboard.people.testing import make_person
from callboard.people.tests.test_exports import pdf_text


def _export_row(page: str) -> str:
    return re.search(r'<div class="actions small">Export:(.*?)</div>', page, re.S).group(1)


def test_the_crew_lists_export_row_offers_the_contact_sheet(coordinator_client, production):
    make_person(
        production,
        first_name="Dee",
        last_name="Head",
        position="Production Designer",
        is_department_head=True,
    )
    row = _export_row(
        coordinator_client.get(f"/p/{production.slug}/people/?kind=crew").content.decode()
    )
    link = re.search(r'href="([^"]*contact-sheet\.pdf)"', row).group(1)
    assert "Contact sheet" in row
    response = coordinator_client.get(link)
    assert response["Content-Type"] == "application/pdf"
    assert "Dee Head" in pdf_text(response.content)


def test_the_cast_list_does_not_offer_the_crew_contact_sheet(coordinator_client, production):
    row = _export_row(
        coordinator_client.get(f"/p/{production.slug}/people/?kind=cast").content.decode()
    )
    assert "contact-sheet" not in row


def test_a_role_that_cannot_export_sees_no_contact_sheet_link(member_client, production):
    page = member_client("crew").get(f"/p/{production.slug}/people/?kind=crew").content.decode()
    assert "contact-sheet.pdf" not in page
