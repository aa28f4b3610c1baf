"""A department head's signed link: whoever holds it asks the office for a pass, without an
account; the office still approves it; a bad request saves nothing; a forged link opens
nothing."""

from datetime import date

from callboard.office.gate import services
from callboard.office.models import Pass
from callboard.people.models import Department

from .gate_data import make_gate


def test_the_link_asks_and_the_office_approves(client, coordinator_client, production):
    gate = make_gate(production)
    art = Department.objects.get(production=production, name="Art")
    made = coordinator_client.post(
        f"/p/{production.slug}/office/gate/request-link/", {"department": art.pk}
    )
    link = made.context["link"]
    path = link[link.index("/l/") :]
    form = client.get(path)
    assert (
        "Ask for a drive-on" in form.content.decode()
        and "purchase_order" not in form.content.decode()
    )
    day = production.today()
    fields = {
        "name": "Pat Painter", "company": "Scenic Co", "host": "Art department",
        "department": "Art", "purpose": "work", "gate": gate.pk, "start_date": day,
        "end_date": day, "vehicle": "car", "vehicle_make": "Van", "plate": "BAD!!",
    }  # fmt: skip
    assert "not a licence plate" in client.post(path, fields).content.decode()
    assert not Pass.objects.exists()
    sent = client.post(path, fields | {"plate": "8XYZ900"}).content.decode()
    assert "is with the production office" in sent
    asked = Pass.objects.get()
    assert asked.status == Pass.Status.REQUESTED
    assert asked.requested_by is None and asked.requested_by_label == "Art (department link)"
    waiting = coordinator_client.get(f"/p/{production.slug}/office/gate/").content.decode()
    assert "Pat Painter" in waiting
    coordinator_client.post(
        f"/p/{production.slug}/office/gate/passes/{asked.pk}/decide/", {"decision": "approve"}
    )
    asked.refresh_from_db()
    assert asked.status == Pass.Status.APPROVED


def test_a_forged_request_link_opens_nothing(client, production):
    assert client.get("/l/drive-on/forged/").status_code == 410
    # A pass link is not a request link.
    gate = make_gate(production)
    made = services.pass_request(
        actor=None,
        production=production,
        data={"gate": gate, "name": "X", "host": "Y", "start_date": date(2027, 1, 1),
              "end_date": date(2027, 1, 1), "vehicle": "walk_on"},
    )  # fmt: skip
    services.pass_approve(actor=None, pass_obj=made)
    from callboard.office.gate.queries import pass_link_token

    assert client.get(f"/l/drive-on/{pass_link_token(made)}/").status_code == 410
