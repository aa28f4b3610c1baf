"""The packet through its pages: the office sends it, the person fills it on a phone through
the link (no account), the office reviews, sends back and approves."""

from datetime import date

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, OutboundEmail
from callboard.paperwork.answers import clean_signature_svg
from callboard.paperwork.models import Packet
from callboard.paperwork.services import packet_create, packet_form_save, packet_send
from callboard.paperwork.tasks import packet_remind, schedule_reminder
from callboard.people.testing import make_person


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
    response = client.post(
        f"{link}{form.pk}/",
        {"legal_name": "Ann Lee", "routing_number": "123456789", "action": "save"},
    )
    assert response.status_code == 400 and "routing" in response.content.decode().lower()
    form.refresh_from_db()
    assert form.values["legal_name"] == "Ann Lee"  # kept although another answer was wrong
    assert client.get("/l/packet/forged/").status_code == 410


def test_only_payroll_sees_private_numbers_and_each_look_is_logged(
    client, member_client, production
):
    person = make_person(production)
    packet = packet_create(
        actor=None, production=production, person=person, kinds=["start_form"], start_date=None
    )
    form = packet.forms.get()
    packet_form_save(form=form, who="x", answers={"ssn": "123-45-6789"})
    url = f"/p/{production.slug}/paperwork/{packet.pk}/?reveal={form.pk}"
    coordinator = member_client(Role.COORDINATOR)
    assert "123-45-6789" not in coordinator.get(url).content.decode()
    payroll = member_client(Role.PAYROLL)
    assert "123-45-6789" in payroll.get(url).content.decode()
    assert AuditEvent.objects.filter(changes__has_key="viewed_private").count() == 1


def test_a_drawn_signature_keeps_only_its_strokes():
    hostile = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 140"><image href="file:///etc/passwd"/>'
        '<path d="M1 2 L3 4 L5 6" onload="x()"/><script>alert(1)</script></svg>'
    )
    clean = clean_signature_svg(hostile)
    assert "image" not in clean and "script" not in clean and "onload" not in clean
    assert 'd="M1 2 L3 4 L5 6"' in clean
    assert clean_signature_svg("<svg>nothing</svg>") == ""


def test_section_2_needs_list_a_or_b_and_c_and_records_the_examination(
    coordinator_client, production
):
    person = make_person(production, start_date=date(2026, 3, 2))
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["i9_section1", "i9_section2"],
        start_date=date(2026, 3, 2),
    )
    url = f"/p/{production.slug}/paperwork/{packet.pk}/i9-section-2/"
    packet.forms.filter(kind="i9_section1").update(status="submitted")
    coordinator_client.post(
        url,
        {
            "first_day": "2026-03-02",
            "reviewer": "Ingrid Osei, Coordinator",
            "doc1_title": "Driver's license issued by a U.S. state or outlying possession",
            "doc1_number": "D123",
            "doc1_expires": "2030-01-01",
        },
    )
    section2 = packet.forms.get(kind="i9_section2")
    assert section2.submitted_at is None  # List B alone is not enough
    coordinator_client.post(
        url,
        {
            "first_day": "2026-03-02",
            "reviewer": "Ingrid Osei, Coordinator",
            "doc1_title": "U.S. Passport",
            "doc1_number": "X123",
            "doc1_expires": "2031-05-01",
        },
    )
    section2.refresh_from_db()
    assert section2.submitted_at and "U.S. Passport" in section2.values["documents"]


def test_an_unfinished_packet_gets_reminders_and_a_finished_one_does_not(
    coordinator_client, production, django_capture_on_commit_callbacks
):
    person = make_person(production, email="late@example.test")
    packet = packet_create(
        actor=None, production=production, person=person, kinds=["nda"], start_date=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        packet_send(actor=None, packet=packet)
    with django_capture_on_commit_callbacks(execute=True):
        packet_remind.call(packet_id=packet.pk)
    assert (
        OutboundEmail.objects.filter(to="late@example.test", subject__startswith="Reminder").count()
        == 1
    )
    Packet.objects.filter(pk=packet.pk).update(status=Packet.Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        packet_remind.call(packet_id=packet.pk, count=1)
    assert (
        OutboundEmail.objects.filter(to="late@example.test", subject__startswith="Reminder").count()
        == 1
    )


def test_reminders_are_scheduled_where_the_worker_can_wait(settings, production):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    person = make_person(production)
    packet = packet_create(
        actor=None, production=production, person=person, kinds=["nda"], start_date=None
    )
    assert schedule_reminder(packet.pk) is True
