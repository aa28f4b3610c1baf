import csv
import io
from datetime import date, timedelta

from openpyxl import load_workbook

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.locations import services
from callboard.locations.models import Location

from .conftest import pdf_bytes, url


def test_the_list_shows_status_sets_permit_dates_and_a_lapsed_certificate(
    coordinator_client, production, place, sets
):
    today = production.today()
    candidate = services.candidate_add(
        actor=None, location=place, element=sets["DINER"], price=None
    )
    services.candidate_choose(actor=None, candidate=candidate)
    services.permit_add(
        actor=None, location=place, first_day=date(2026, 12, 10), last_day=date(2026, 12, 11)
    )
    services.document_add(
        actor=None,
        location=place,
        kind="insurance",
        filename="coi.pdf",
        data=pdf_bytes(),
        ends=today - timedelta(days=1),
    )
    services.location_create(actor=None, production=production, name="Motel 6", needs_permit=True)
    page = coordinator_client.get(url(production)).content.decode()
    assert "Needs scouting" in page and "DINER" in page and "Dec 10–Dec 11" in page
    assert "Insurance lapsed" in page
    assert 'class="bad-row"' in page
    assert "no permit" in page and "No certificate of insurance" in page  # the motel


def test_the_list_exports_as_csv_and_excel(coordinator_client, production, place, sets):
    services.location_update(
        actor=None, location=place, latitude=None, longitude=None, contact_name="=HYPERLINK(1)"
    )
    response = coordinator_client.get(url(production, "export.csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Location", "Status", "Sets"]
    assert rows[1][0] == "Rosie's Diner" and rows[1][5] == "'=HYPERLINK(1)"
    response = coordinator_client.get(url(production, "export.xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A3"].value == "Rosie's Diner"
    assert coordinator_client.get(url(production, "export.pdfx")).status_code == 404


def test_a_location_of_another_production_is_not_found(coordinator_client, production):
    theirs = services.location_create(
        actor=None, production=make_production("Other"), name="Theirs"
    )
    assert coordinator_client.get(url(production, f"{theirs.pk}/")).status_code == 404
    response = coordinator_client.post(
        url(production, f"{theirs.pk}/status/"), {"status": "scouted"}
    )
    assert response.status_code == 404
    assert Location.objects.get(pk=theirs.pk).status == Location.Status.NEEDS_SCOUTING


def test_a_removed_location_leaves_the_list(coordinator_client, production, place):
    coordinator_client.post(url(production, f"{place.pk}/remove/"))
    coordinator_client.get(url(production))  # the flash message names it once
    assert "Rosie" not in coordinator_client.get(url(production)).content.decode()
    assert coordinator_client.get(url(production, f"{place.pk}/")).status_code == 404


def test_a_new_location_without_a_name_is_refused(coordinator_client, production):
    response = coordinator_client.post(url(production, "new/"), {"name": "  ", "coordinates": "x"})
    assert response.status_code == 400
    assert not Location.objects.exists()


def test_the_location_manager_manages_and_the_2nd_ad_reads(client, production, place):
    client.force_login(add_member(production, Role.LOCATION_MANAGER))
    page = client.get(f"/p/{production.slug}/").content.decode()
    assert f'href="/p/{production.slug}/locations/"' in page
    response = client.post(url(production, f"{place.pk}/status/"), {"status": "scouted"})
    assert response.status_code == 302
    client.force_login(add_member(production, Role.SECOND_AD))
    assert client.get(url(production, f"{place.pk}/")).status_code == 200
    assert (
        client.post(url(production, f"{place.pk}/status/"), {"status": "confirmed"}).status_code
        == 403
    )
    client.force_login(add_member(production, Role.CREW))
    assert (
        f"/p/{production.slug}/locations/"
        not in client.get(f"/p/{production.slug}/").content.decode()
    )
