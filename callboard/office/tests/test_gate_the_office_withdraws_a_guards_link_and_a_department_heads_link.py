"""A guard's phone is lost, a department head leaves: the office withdraws their links and
they stop opening at once (the guard's page, a pass request), not weeks later when they expire.
Only the office can; crew posting to the withdraw URL are refused and nothing changes."""

from callboard.core.capabilities import Role
from callboard.office.models import Pass
from callboard.people.models import Department

from .gate_data import make_gate


def _path(link: str) -> str:
    return link[link.index("/l/") :]


def test_a_withdrawn_guards_link_no_longer_opens_the_guards_page(
    client, coordinator_client, production
):
    gate = make_gate(production)
    base = f"/p/{production.slug}/office/gate/gates/{gate.pk}/guard-link/"
    guard = _path(coordinator_client.post(base).context["link"])
    assert client.get(guard).status_code == 200
    done = coordinator_client.post(base + "withdraw/", follow=True).content.decode()
    assert "1 guard&#x27;s page link(s) withdrawn" in done
    refused = client.get(guard)
    assert refused.status_code == 410 and "withdrawn" in refused.content.decode()
    assert client.post(guard, {"code": "0001"}).status_code == 410


def test_a_withdrawn_department_link_asks_for_nothing(client, coordinator_client, production):
    gate = make_gate(production)
    art = Department.objects.get(production=production, name="Art")
    base = f"/p/{production.slug}/office/gate/request-link/"
    link = _path(coordinator_client.post(base, {"department": art.pk}).context["link"])
    coordinator_client.post(base + "withdraw/", {"department": art.pk})
    assert client.get(link).status_code == 410
    day = production.today()
    fields = {
        "name": "Pat Painter", "host": "Art", "purpose": "work", "gate": gate.pk,
        "start_date": day, "end_date": day, "vehicle": "walk_on",
    }  # fmt: skip
    assert client.post(link, fields).status_code == 410
    assert not Pass.objects.exists()


def test_crew_cannot_withdraw_the_offices_links(member_client, production):
    gate = make_gate(production)
    crew = member_client(Role.CREW)
    url = f"/p/{production.slug}/office/gate/gates/{gate.pk}/guard-link/withdraw/"
    assert crew.post(url).status_code == 403
    art = Department.objects.get(production=production, name="Art")
    url = f"/p/{production.slug}/office/gate/request-link/withdraw/"
    assert crew.post(url, {"department": art.pk}).status_code == 403


def test_a_department_that_is_no_number_is_not_found(coordinator_client, production):
    url = f"/p/{production.slug}/office/gate/request-link/withdraw/"
    assert coordinator_client.post(url, {"department": "abc"}).status_code == 404


def test_making_a_link_for_a_department_that_is_no_number_is_not_found(
    coordinator_client, production
):
    url = f"/p/{production.slug}/office/gate/request-link/"
    assert coordinator_client.post(url, {"department": "abc"}).status_code == 404
