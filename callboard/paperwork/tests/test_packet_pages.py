"""The packet through its pages: the office sends it, the person fills it on a phone through
the link (no account), the office reviews, sends back and approves."""

from datetime import date

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, OutboundEmail
from callboard.core.testing import make_person
from callboard.paperwork.models import Packet
from callboard.paperwork.services import clean_signature_svg, packet_create, packet_form_save


def _link(person) -> str:
    body = OutboundEmail.objects.filter(to=person.email).latest("id").body
    line = next(line for line in body.splitlines() if "/l/packet/" in line)
    return line[line.index("/l/packet/") :]


def test_the_office_sends_and_the_person_fills_on_the_link(
    client, coordinator_client, production, django_capture_on_commit_callbacks
):
    person = make_person(production, first_name="Ann", last_name="Lee", start_date=date(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            f"/p/{production.slug}/paperwork/start/", {"person": person.pk, "state": "NY"}
        )
    assert response.status_code == 302
    packet = Packet.objects.get(person=person)
    assert packet.status == Packet.Status.SENT
    link = _link(person)
    page = client.get(link).content.decode()
    assert "New York pay notice" in page and "I-9 Section 2" not in page  # the office's form
    packet.refresh_from_db()
    assert packet.status == Packet.Status.OPENED
    form = packet.forms.get(kind="direct_deposit")
    response = client.post(f"{link}{form.pk}/", {"legal_name": "Ann Lee",
                                                 "routing_number": "123456789",
                                                 "action": "save"})  # fmt: skip
    assert response.status_code == 400 and "routing" in response.content.decode().lower()
    form.refresh_from_db()
    assert form.values["legal_name"] == "Ann Lee"  # kept although another answer was wrong
    assert client.get("/l/packet/forged/").status_code == 410


def test_only_payroll_sees_private_numbers_and_each_look_is_logged(
    client, member_client, production
):
    person = make_person(production)
    packet = packet_create(actor=None, production=production, person=person,
                           kinds=["start_form"], start_date=None)  # fmt: skip
    form = packet.forms.get()
    packet_form_save(form=form, who="x", answers={"ssn": "123-45-6789"})
    url = f"/p/{production.slug}/paperwork/{packet.pk}/?reveal={form.pk}"
    coordinator = member_client(Role.COORDINATOR)
    assert "123-45-6789" not in coordinator.get(url).content.decode()
    payroll = member_client(Role.PAYROLL)
    assert "123-45-6789" in payroll.get(url).content.decode()
    assert AuditEvent.objects.filter(changes__has_key="viewed_private").count() == 1


def test_a_drawn_signature_keeps_only_its_strokes():
    hostile = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 140"><image href="file:///etc/passwd"/>'
               '<path d="M1 2 L3 4 L5 6" onload="x()"/><script>alert(1)</script></svg>')  # fmt: skip
    clean = clean_signature_svg(hostile)
    assert "image" not in clean and "script" not in clean and "onload" not in clean
    assert 'd="M1 2 L3 4 L5 6"' in clean
    assert clean_signature_svg("<svg>nothing</svg>") == ""
