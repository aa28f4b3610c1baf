"""The gate list of a day: approved daily passes and deliveries (with their PO), everyone the
call sheet calls who holds no pass (cast, day players), run-of-show crew listed once on their
own list; in the columns the studio asks for, as PDF, CSV and XLSX."""

import io
from datetime import date

from openpyxl import load_workbook

from callboard.accounting.models import PurchaseOrder
from callboard.office.gate import queries, services
from callboard.office.models import Pass
from callboard.people.models import Person, Vendor
from callboard.people.testing import make_person

from .gate_data import approved_pass, make_gate, pass_data, publish_sheet

DAY = date(2027, 4, 2)


def _scene(production):
    gate = make_gate(production, columns=["pass", "name", "company", "arrival", "po", "source"])
    side = make_gate(production, name="Stage 5 door")
    services.gate_save(actor=None, production=production, gate=gate, name=gate.name,
                       kind=gate.kind, columns=gate.columns, takes_call_sheet=True)  # fmt: skip
    vendor = Vendor.objects.create(production=production, name="Rapid Rentals")
    po = PurchaseOrder.objects.create(
        production=production, number=12, vendor=vendor, description="Generator"
    )
    approved_pass(gate, DAY, name="Dana Whitfield")
    approved_pass(gate, DAY, name="Rick Lomax", company="", purpose="delivery",
                  purchase_order=po, vehicle="tbd", plate="")  # fmt: skip
    approved_pass(side, DAY, name="Side Door Guest")
    # Asked for but not approved: on no list.
    services.pass_request(actor=None, production=production,
                          data=pass_data(gate, DAY, name="Not Approved"))  # fmt: skip
    grip = make_person(production, first_name="Gail", last_name="Grip")
    approved_pass(gate, date(2027, 4, 1), name="Gail Grip", person=grip, run_of_show=True,
                  end_date=date(2027, 5, 1))  # fmt: skip
    star = make_person(production, kind=Person.Kind.CAST, first_name="Margo", last_name="Lane")
    day_player = make_person(production, first_name="Tom", last_name="Daily")
    publish_sheet(production, DAY, {star: "06:30", grip: "07:00", day_player: "07:00"})
    return gate, side


def test_the_list_holds_guests_deliveries_and_the_called_without_a_pass(production):
    gate, side = _scene(production)
    doc = queries.list_document(gate, DAY)
    assert doc["headers"] == [
        "Pass #",
        "Name (as on ID)",
        "Company",
        "Arrival",
        "PO",
        "On the list as",
    ]
    names = [row[1] for row in doc["rows"]]
    # By arrival: the cast member at 6:30, the day player at 7:00, then the passes.
    assert names == ["Margo Lane", "Tom Daily", "Dana Whitfield", "Rick Lomax"]
    delivery = doc["rows"][3]
    assert delivery[2] == "Rapid Rentals" and delivery[4] == "PO 0012"
    assert delivery[5] == "Delivery (PO 0012)"
    assert doc["rows"][0][5] == "Call sheet" and doc["rows"][0][3] == "6:30 AM"
    # The run-of-show grip is on their own list once, not on the day's.
    run = queries.list_document(gate, DAY, run_of_show=True)
    assert [row[1] for row in run["rows"]] == ["Gail Grip"]
    # The side door has only its own pass; the call sheet comes through the main gate.
    assert [r[1] for r in queries.list_document(side, DAY)["rows"]] == ["Side Door Guest"]
    assert Pass.objects.filter(name="Not Approved", status="requested").exists()


def test_the_list_prints_and_exports_in_the_studios_columns(coordinator_client, production):
    gate, _ = _scene(production)
    base = f"/p/{production.slug}/office/gate/gates/{gate.pk}/{DAY.isoformat()}"
    pdf = coordinator_client.get(f"{base}/list.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    csv = coordinator_client.get(f"{base}/list.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0] == "Pass #,Name (as on ID),Company,Arrival,PO,On the list as"
    assert "Rick Lomax" in csv and "Plate" not in csv
    book = load_workbook(io.BytesIO(coordinator_client.get(f"{base}/list.xlsx").content))
    values = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "Margo Lane" in values and "PO 0012" in values
    run = coordinator_client.get(f"{base}/run-of-show.csv").content.decode("utf-8-sig")
    assert "Gail Grip" in run and "Margo Lane" not in run
    page = coordinator_client.get(
        f"/p/{production.slug}/office/gate/gates/{gate.pk}/list/?date={DAY}"
    )
    assert "Tom Daily" in page.content.decode()


def test_a_studio_columns_choice_is_kept(coordinator_client, production):
    response = coordinator_client.post(
        f"/p/{production.slug}/office/gate/gates/",
        {"name": "Studio Main Gate", "kind": "studio", "columns": ["name", "plate", "host"]},
    )
    assert response.status_code == 302
    gate = production.gates.get()
    assert gate.columns == ["name", "plate", "host"]
    again = coordinator_client.post(
        f"/p/{production.slug}/office/gate/gates/", {"name": "studio main gate", "kind": "studio"}
    )
    assert "already a gate" in again.content.decode()
    assert production.gates.count() == 1
