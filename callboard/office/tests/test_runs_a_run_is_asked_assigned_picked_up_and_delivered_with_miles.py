import pytest

from callboard.core.testing import make_user
from callboard.office.models import Run

from .runs_testing import chart, office_pa

pytestmark = pytest.mark.django_db


def test_a_run_goes_from_the_ask_to_delivered_with_its_miles(client, coordinator, production):
    chart(production)
    pa, pa_user = office_pa(production)
    base = f"/p/{production.slug}/office/runs/"
    client.force_login(coordinator)
    asked = client.post(
        f"{base}request/",
        {
            "what": "Hard drives for the editor",
            "pickup_address": "1 Main St, Burbank",
            "dropoff_address": "Editorial, 200 Lot Rd",
            "needed_by": "2026-03-02T15:00",
            "account_code": "6500",
        },
    )
    assert asked.status_code == 302
    run = Run.objects.get()
    assert run.status == Run.Status.REQUESTED and run.requested_by_label
    page = client.get(base)
    assert (
        b"Hard drives for the editor" in page.content and pa.display_name.encode() in page.content
    )
    client.post(f"{base}{run.pk}/assign/", {"person": pa.pk})
    run.refresh_from_db()
    assert run.assigned_to == pa and run.status == Run.Status.ASSIGNED

    client.force_login(pa_user)
    mine = client.get(f"{base}mine/")
    assert b"Hard drives for the editor" in mine.content and b"Picked up" in mine.content
    client.post(f"{base}{run.pk}/picked-up/")
    client.post(f"{base}{run.pk}/delivered/", {"miles": "14.2"})
    run.refresh_from_db()
    assert run.status == Run.Status.DELIVERED and str(run.miles) == "14.2"
    assert run.picked_up_at <= run.delivered_at


def test_anyone_on_the_show_may_ask_but_only_the_office_assigns(client, production):
    from callboard.core.capabilities import Role
    from callboard.core.testing import add_member

    crew = add_member(production, Role.CREW)
    client.force_login(crew)
    base = f"/p/{production.slug}/office/runs/"
    client.post(
        f"{base}request/",
        {
            "what": "Sides",
            "pickup_address": "Office",
            "dropoff_address": "Stage 5",
            "needed_by": "2026-03-02T09:00",
        },
    )
    run = Run.objects.get()
    pa, _ = office_pa(production)
    assert client.post(f"{base}{run.pk}/assign/", {"person": pa.pk}).status_code == 403
    assert client.get(f"{base}mine/").status_code == 403
    run.refresh_from_db()
    assert run.assigned_to is None


def test_another_productions_run_is_not_found(client, coordinator, production):
    from callboard.core.testing import make_production

    other = make_production("Other Show")
    pa, _ = office_pa(other)
    run = Run.objects.create(
        production=other,
        number=1,
        what="x",
        pickup_address="a",
        dropoff_address="b",
        needed_by="2026-03-02T09:00Z",
        requested_by_label="someone",
    )
    client.force_login(coordinator)
    response = client.post(f"/p/{production.slug}/office/runs/{run.pk}/assign/", {"person": pa.pk})
    assert response.status_code == 404
    stranger = make_user()
    client.force_login(stranger)
    assert client.get(f"/p/{production.slug}/office/runs/").status_code == 404
