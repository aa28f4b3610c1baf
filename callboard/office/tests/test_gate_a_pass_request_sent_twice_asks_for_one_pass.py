"""A double click on "Send to the office" (on the page, or on a department head's link on a
phone) asks for one pass: the form's one-time token makes the second post save nothing."""

import re

from callboard.office.models import Pass
from callboard.people.models import Department

from .gate_data import make_gate


def _fields(page: str, gate, day) -> dict:
    return {
        "once": re.search(r'name="once" value="([^"]+)"', page).group(1),
        "name": "Pat Painter", "company": "Scenic Co", "host": "Art department",
        "department": "Art", "purpose": "work", "gate": gate.pk, "start_date": day,
        "end_date": day, "vehicle": "car", "vehicle_make": "Van", "plate": "8XYZ900",
    }  # fmt: skip


def test_the_page_posted_twice_asks_once(coordinator_client, production):
    gate = make_gate(production)
    url = f"/p/{production.slug}/office/gate/ask/"
    fields = _fields(coordinator_client.get(url).content.decode(), gate, production.today())
    coordinator_client.post(url, fields)
    again = coordinator_client.post(url, fields, follow=True)
    assert "already asked for" in again.content.decode()
    assert Pass.objects.count() == 1


def test_the_department_link_posted_twice_asks_once(client, coordinator_client, production):
    gate = make_gate(production)
    art = Department.objects.get(production=production, name="Art")
    link = coordinator_client.post(
        f"/p/{production.slug}/office/gate/request-link/", {"department": art.pk}
    ).context["link"]
    path = link[link.index("/l/") :]
    fields = _fields(client.get(path).content.decode(), gate, production.today())
    client.post(path, fields)
    again = client.post(path, fields).content.decode()
    assert "is with the production office" in again
    assert Pass.objects.count() == 1
