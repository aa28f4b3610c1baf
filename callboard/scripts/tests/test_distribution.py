"""Sending a version: one watermarked copy and personal link each, opened copies logged."""

import re
from pathlib import Path

import pypdfium2
from django.core.files.uploadedfile import SimpleUploadedFile

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Dispatch
from callboard.distribution.tasks import dispatch_send
from callboard.people.models import DistributionGroup
from callboard.people.testing import make_person
from callboard.scripts.models import CopyAccess, Distribution, ScriptCopy, ScriptVersion

CYBER_BOB = Path(__file__).parent / "data" / "public-domain" / "Cyber_Bob_ep00001.fountain"


def send(client, production, capture, **data):
    client.post(
        f"/p/{production.slug}/scripts/",
        {
            "file": SimpleUploadedFile("bob.fountain", CYBER_BOB.read_bytes()),
            "colour": "White",
            "revision_date": "2027-01-04",
        },
    )
    version = ScriptVersion.objects.get()
    with capture(execute=True):
        response = client.post(
            f"/p/{production.slug}/scripts/{version.pk}/send/", {"valid_days": 7, **data}
        )
    return version, response


def send_to_ana(client, production, capture):
    """Ana Ruiz, alone, is sent a version: (the version, her link)."""
    make_person(production, first_name="Ana", last_name="Ruiz", email="ana@example.test")
    version, _ = send(client, production, capture, people=[p.pk for p in production.people.all()])
    return version, re.search(r"(/l/script/\S+)", OutboundEmail.objects.get().body).group(1)


def test_each_recipient_gets_a_copy_with_their_name_and_a_personal_link(
    coordinator_client, production, client, django_capture_on_commit_callbacks
):
    ana = make_person(production, first_name="Ana", last_name="Ruiz", email="ana@example.test")
    make_person(production, first_name="Bo", last_name="Lee", email="bo@example.test")
    crew = DistributionGroup.objects.get(production=production, kind="all_crew")
    version, response = send(
        coordinator_client, production, django_capture_on_commit_callbacks, groups=[crew.pk]
    )
    distribution = Distribution.objects.get()
    assert response.status_code == 302 and distribution.copies.count() == 2
    # Each copy is a delivery of one send, tracked like a call sheet's.
    dispatch = Dispatch.objects.get(kind="script_copy", object_id=distribution.pk)
    assert dispatch.status == "done"
    assert sorted(d.address for d in dispatch.deliveries.filter(sent_at__isnull=False)) == [
        "ana@example.test",
        "bo@example.test",
    ]
    email = OutboundEmail.objects.get(to="ana@example.test")
    link = re.search(r"https?://[^/]+(/l/script/\S+)", email.body).group(1)
    coordinator_client.logout()
    pdf = client.get(link, HTTP_USER_AGENT="Phone")
    text = pypdfium2.PdfDocument(b"".join(pdf.streaming_content))[1].get_textpage().get_text_range()
    assert "ANA RUIZ" in text and "Issued to Ana Ruiz" in text
    access = CopyAccess.objects.get()
    assert access.copy.person == ana and access.user_agent == "Phone"


def test_a_withdrawn_link_stops_working(
    coordinator_client, production, client, django_capture_on_commit_callbacks
):
    version, link = send_to_ana(coordinator_client, production, django_capture_on_commit_callbacks)
    copy = ScriptCopy.objects.get()
    coordinator_client.post(f"/p/{production.slug}/scripts/{version.pk}/copies/{copy.pk}/revoke/")
    response = client.get(link)
    assert response.status_code == 404 and "withdrawn" in response.content.decode()


def test_the_office_sees_who_opened_their_copy(
    coordinator_client, production, client, django_capture_on_commit_callbacks
):
    version, link = send_to_ana(coordinator_client, production, django_capture_on_commit_callbacks)
    client.get(link)
    page = coordinator_client.get(
        f"/p/{production.slug}/scripts/{version.pk}/sent/{Distribution.objects.get().pk}/"
    ).content.decode()
    assert "1 of 1 copies made" in page and "1 opened" in page and "1×" in page
    assert "Access log" in page and "127.0.0.1" in page


def test_sending_to_nobody_with_an_email_is_refused(
    coordinator_client, production, django_capture_on_commit_callbacks
):
    make_person(production, email="")
    page = send(
        coordinator_client,
        production,
        django_capture_on_commit_callbacks,
        people=[p.pk for p in production.people.all()],
    )[1].content.decode()
    assert "Choose a group or some people" in page or "has an e-mail address" in page
    assert not Distribution.objects.exists()


def test_a_retried_send_sends_each_copy_once_and_opening_it_counts(
    coordinator_client, production, client, django_capture_on_commit_callbacks
):
    _, link = send_to_ana(coordinator_client, production, django_capture_on_commit_callbacks)
    dispatch = Dispatch.objects.get(kind="script_copy")
    dispatch_send.call(dispatch_id=dispatch.pk)  # the task run again (a retry): nothing more goes
    assert OutboundEmail.objects.filter(to="ana@example.test").count() == 1
    copy = ScriptCopy.objects.get()
    made = copy.made_at
    client.get(link)
    delivery = dispatch.deliveries.get()
    assert delivery.grant == copy.grant and delivery.opened_at is not None
    copy.refresh_from_db()
    assert copy.made_at == made  # one copy, made once
