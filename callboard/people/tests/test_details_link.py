"""Crew check their own details through a signed link, with no account."""

import re

from callboard.core.models import AuditEvent, LinkGrant, OutboundEmail
from callboard.people.testing import make_person


def send_link(client, production, person, capture):
    with capture(execute=True):
        client.post(f"/p/{production.slug}/people/{person.pk}/details-link/")
    email = OutboundEmail.objects.filter(to=person.email).latest("sent_at")
    return re.search(r"https?://[^/]+(/l/details/\S+)", email.body).group(1)


def test_a_crew_member_corrects_their_phone_through_the_link(
    coordinator_client, production, client, django_capture_on_commit_callbacks
):
    person = make_person(production, first_name="Ana", last_name="Ruiz", phone="(323) 555-0000")
    link = send_link(coordinator_client, production, person, django_capture_on_commit_callbacks)
    coordinator_client.logout()
    page = client.get(link)
    assert "Ana Ruiz" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"  # no-referrer makes Chrome post Origin: null
    response = client.post(
        link,
        {
            "phone": "(323) 555-7777",
            "emergency_name": "Luis Ruiz",
            "emergency_phone": "(323) 555-8888",
        },
    )
    assert "your details are saved" in response.content.decode()
    person.refresh_from_db()
    assert person.phone == "(323) 555-7777" and person.emergency_name == "Luis Ruiz"
    event = AuditEvent.objects.filter(object_id=person.pk, action="update").get()
    assert event.actor_label == "Ana Ruiz (own details link)"
    assert event.changes["phone"] == ["(323) 555-0000", "(323) 555-7777"]


def test_the_link_cannot_change_name_email_or_position(
    coordinator_client, production, client, django_capture_on_commit_callbacks
):
    person = make_person(production, first_name="Ana", position="Loader", email="ana@example.test")
    link = send_link(coordinator_client, production, person, django_capture_on_commit_callbacks)
    client.post(
        link,
        {"first_name": "Mallory", "email": "m@evil.test", "position": "Producer", "rate": "9999"},
    )
    person.refresh_from_db()
    assert (person.first_name, person.email, person.position) == (
        "Ana",
        "ana@example.test",
        "Loader",
    )


def test_a_new_link_withdraws_the_old_one_and_withdrawn_links_say_so(
    coordinator_client, production, client, django_capture_on_commit_callbacks
):
    person = make_person(production)
    first = send_link(coordinator_client, production, person, django_capture_on_commit_callbacks)
    second = send_link(coordinator_client, production, person, django_capture_on_commit_callbacks)
    response = client.get(first)
    assert response.status_code == 404 and "withdrawn" in response.content.decode()
    assert client.get(second).status_code == 200
    grant = LinkGrant.objects.filter(revoked_at__isnull=True).get()
    coordinator_client.post(
        f"/p/{production.slug}/people/{person.pk}/details-link/{grant.pk}/revoke/"
    )
    assert client.get(second).status_code == 404


def test_a_forged_link_is_refused(client, production):
    response = client.get("/l/details/eyJnIjoxfQ:forged:signature/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_someone_without_an_email_cannot_be_sent_a_link(coordinator_client, production):
    person = make_person(production, email="")
    response = coordinator_client.post(
        f"/p/{production.slug}/people/{person.pk}/details-link/", follow=True
    )
    assert "has no e-mail address" in response.content.decode()
    assert not LinkGrant.objects.exists()
