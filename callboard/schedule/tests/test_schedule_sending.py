"""Sending a schedule version: each person their own link (cast their own days, crew the
documents), what moved for them since the version they were last sent, tracked and confirmed
like a call sheet; a replaced version or nobody to send to is refused with nothing sent."""

import pytest

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery, Dispatch
from callboard.people.models import DistributionGroup, Person
from callboard.schedule.models import Element, ScheduleVersion
from callboard.schedule.services import (
    VersionError,
    schedule_version_publish,
    schedule_version_send,
)


def _move(scenario, day_from: int, index: int, to_day: int):
    layout = scenario.layout
    layout["days"][to_day].append(layout["days"][day_from].pop(index))
    scenario.layout = layout
    scenario.save()


@pytest.fixture
def people(small_board):
    production = small_board.production
    george = Person.objects.create(
        production=production, kind=Person.Kind.CAST, first_name="Gene", last_name="Kelly",
        email="gene@example.com", character="GEORGE",
    )  # fmt: skip
    mary = Person.objects.create(
        production=production, kind=Person.Kind.CAST, first_name="Mae", last_name="West",
        email="mae@example.com", character="MARY",
    )  # fmt: skip
    head = Person.objects.create(
        production=production, first_name="Dana", last_name="Grip", email="dana@example.com",
        is_department_head=True,
    )  # fmt: skip
    Element.objects.filter(production=production, name="GEORGE").update(person=george)
    Element.objects.filter(production=production, name="MARY").update(person=mary)
    return george, mary, head


@pytest.fixture
def send(coordinator, django_capture_on_commit_callbacks):
    """Send as the coordinator, the worker's send run as the request's transaction commits."""

    def sending(version, people):
        with django_capture_on_commit_callbacks(execute=True):
            return schedule_version_send(actor=coordinator, version=version, people=people)

    return sending


def _mail(person):
    return OutboundEmail.objects.filter(to=person.email).order_by("-pk").first()


def _link(person):
    delivery = Delivery.objects.filter(person=person).order_by("-queued_at").first()
    body = _mail(person).body
    return delivery, next(line for line in body.splitlines() if "/l/schedule/" in line)


def test_a_sent_version_reaches_each_person_once_with_their_own_link(
    small_board, coordinator, people, send
):
    version = schedule_version_publish(actor=coordinator, scenario=small_board)
    dispatch = send(version, people)
    again = send(version, people)
    assert again.pk == dispatch.pk  # a double click is one send
    assert Delivery.objects.filter(dispatch=dispatch).count() == 3
    assert all(d.sent_at for d in Delivery.objects.filter(dispatch=dispatch))
    assert OutboundEmail.objects.count() == 3
    links = {_link(p)[1] for p in people}
    assert len(links) == 3


def test_cast_see_revised_and_only_what_moved_for_them(
    small_board, coordinator, people, client, send
):
    george, mary, head = people
    white = schedule_version_publish(actor=coordinator, scenario=small_board)
    send(white, people)
    _move(small_board, 2, 0, 0)  # scene 5 (MARY only) from day 3 to day 1
    blue = schedule_version_publish(actor=coordinator, scenario=small_board)
    send(blue, people)

    _, mary_link = _link(mary)
    mary_mail = _mail(mary)
    assert "REVISED — Blue revision" in mary_mail.body
    assert "Sc. 5 moved from day 3 to day 1" in mary_mail.body
    george_mail = _mail(george)
    assert "Sc. 5" not in george_mail.body  # not George's scene
    page = client.get(mary_link).content.decode()
    assert "REVISED — Blue revision" in page
    assert "Sc. 5 moved from day 3 to day 1" in page
    assert "Your days: 2, 3 → <strong>1, 2, 3</strong>" in page
    assert "one-liner" not in page.lower()  # cast get their days, not the whole board
    assert client.get(mary_link + "shooting-schedule.pdf").status_code == 404


def test_crew_get_the_schedule_documents(small_board, coordinator, people, client, send):
    version = schedule_version_publish(actor=coordinator, scenario=small_board)
    send(version, people)
    _, link = _link(people[2])
    page = client.get(link).content.decode()
    assert "Shoot days (3)" in page
    response = client.get(link + "one-liner.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_opening_and_confirming_is_tracked_on_the_version_page(
    small_board, coordinator, coordinator_client, people, client, send
):
    version = schedule_version_publish(actor=coordinator, scenario=small_board)
    send(version, people)
    delivery, link = _link(people[1])
    client.get(link)
    client.post(link)
    client.post(link)  # a second tap changes nothing
    delivery.refresh_from_db()
    assert delivery.opened_at and delivery.confirmed_at
    url = f"/p/{small_board.production.slug}/schedule/versions/{version.pk}/"
    page = coordinator_client.get(url).content.decode()
    assert "Mae West" in page and "confirmed" in page


def test_the_send_form_sends_to_groups(
    small_board, coordinator, coordinator_client, people, django_capture_on_commit_callbacks
):
    production = small_board.production
    groups = DistributionGroup.objects.filter(production=production)
    heads = groups.get(kind=DistributionGroup.Kind.DEPARTMENT_HEADS)
    cast = groups.get(kind=DistributionGroup.Kind.CAST)
    version = schedule_version_publish(actor=coordinator, scenario=small_board)
    url = f"/p/{production.slug}/schedule/versions/{version.pk}/send/"
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"groups": [heads.pk, cast.pk]}, follow=True)
    assert "Sending White" in response.content.decode()
    assert set(Delivery.objects.values_list("person_id", flat=True)) == {p.pk for p in people}


def test_a_replaced_version_is_not_sent(small_board, coordinator, coordinator_client, people):
    white = schedule_version_publish(actor=coordinator, scenario=small_board)
    schedule_version_publish(actor=coordinator, scenario=small_board)
    with pytest.raises(VersionError, match="replaced by version 2"):
        schedule_version_send(actor=coordinator, version=white, people=people)
    url = f"/p/{small_board.production.slug}/schedule/versions/{white.pk}/send/"
    response = coordinator_client.post(url, {"people": [p.pk for p in people]}, follow=True)
    assert "replaced by version 2" in response.content.decode()
    assert not Dispatch.objects.exists() and not OutboundEmail.objects.exists()


def test_nobody_to_send_to_is_refused(small_board, coordinator, coordinator_client, people):
    version = schedule_version_publish(actor=coordinator, scenario=small_board)
    unreachable = Person.objects.create(production=small_board.production, first_name="Nomail")
    with pytest.raises(VersionError, match="none of the chosen people"):
        schedule_version_send(actor=coordinator, version=version, people=[unreachable])
    url = f"/p/{small_board.production.slug}/schedule/versions/{version.pk}/send/"
    response = coordinator_client.post(url, {}, follow=True)
    assert "Choose a group or some people" in response.content.decode()
    assert not Dispatch.objects.exists()


def test_a_forged_or_other_kind_link_does_not_open(small_board, coordinator, people, client, send):
    version = schedule_version_publish(actor=coordinator, scenario=small_board)
    send(version, people)
    assert client.get("/l/schedule/not-a-token/").status_code == 410
    _, link = _link(people[0])
    call_link = link.replace("/l/schedule/", "/l/call/")
    assert client.get(call_link).status_code == 404
    assert ScheduleVersion.objects.count() == 1


def test_a_person_of_another_production_is_not_sent_anything(
    small_board, coordinator, coordinator_client, people
):
    from callboard.core.testing import make_production

    other = make_production("Other Show")
    stranger = Person.objects.create(production=other, first_name="Stan", email="s@example.com")
    version = schedule_version_publish(actor=coordinator, scenario=small_board)
    url = f"/p/{small_board.production.slug}/schedule/versions/{version.pk}/send/"
    response = coordinator_client.post(url, {"people": [stranger.pk]})
    assert response.status_code == 200  # the form says the choice is not valid
    with pytest.raises(VersionError, match="none of the chosen people"):
        schedule_version_send(actor=coordinator, version=version, people=[stranger])
    assert not Dispatch.objects.exists()
