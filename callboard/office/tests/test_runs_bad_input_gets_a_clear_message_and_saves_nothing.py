"""A run with no address, negative miles, a delivery without a pick-up, someone else's run
marked by a PA: a clear message, nothing saved."""

import datetime as dt

import pytest
from django.utils import timezone

from callboard.core.models import AuditEvent
from callboard.office.models import Run

from .runs_testing import chart, office_pa

pytestmark = pytest.mark.django_db


def _run(production, pa, status=Run.Status.ASSIGNED):
    return Run.objects.create(
        production=production,
        number=Run.objects.count() + 1,
        what="Camera cards",
        pickup_address="Camera house",
        dropoff_address="Stage 5",
        needed_by=timezone.now() + dt.timedelta(hours=2),
        requested_by_label="Coordinator",
        assigned_to=pa,
        status=status,
    )


def test_a_run_with_no_address_is_refused(coordinator_client, production):
    chart(production)
    response = coordinator_client.post(
        f"/p/{production.slug}/office/runs/request/",
        {
            "what": "Cards",
            "pickup_address": "   ",
            "dropoff_address": "",
            "needed_by": "2026-03-02T09:00",
            "account_code": "6500",
        },
    )
    assert response.status_code == 400
    assert b"Give the address to pick up at." in response.content
    assert b"Give the address to drop off at." in response.content
    assert not Run.objects.exists()


def test_an_account_not_in_the_chart_or_a_bad_time_is_refused(coordinator_client, production):
    chart(production)
    response = coordinator_client.post(
        f"/p/{production.slug}/office/runs/request/",
        {
            "what": "Cards",
            "pickup_address": "A",
            "dropoff_address": "B",
            "needed_by": "tuesday-ish",
            "account_code": "9999",
        },
    )
    assert response.status_code == 400 and b"Needed by" in response.content
    assert not Run.objects.exists()


def test_negative_miles_are_refused(client, production):
    pa, user = office_pa(production)
    run = _run(production, pa, Run.Status.PICKED_UP)
    run.picked_up_at = timezone.now()
    run.save()
    client.force_login(user)
    page = client.post(
        f"/p/{production.slug}/office/runs/{run.pk}/delivered/", {"miles": "-3"}, follow=True
    )
    assert "Miles cannot be negative." in page.content.decode()
    for hostile in ("NaN", "1e9", "twelve"):
        client.post(f"/p/{production.slug}/office/runs/{run.pk}/delivered/", {"miles": hostile})
    run.refresh_from_db()
    assert run.status == Run.Status.PICKED_UP and run.miles is None


def test_a_run_not_picked_up_cannot_be_delivered(client, production):
    pa, user = office_pa(production)
    run = _run(production, pa)
    client.force_login(user)
    page = client.post(
        f"/p/{production.slug}/office/runs/{run.pk}/delivered/", {"miles": "5"}, follow=True
    )
    assert "has not been picked up yet" in page.content.decode()
    run.refresh_from_db()
    assert run.status == Run.Status.ASSIGNED and run.delivered_at is None


def test_a_pa_cannot_mark_someone_elses_run(client, production):
    owner, _ = office_pa(production, first_name="Rita")
    _, intruder = office_pa(production)
    run = _run(production, owner)
    client.force_login(intruder)
    page = client.post(f"/p/{production.slug}/office/runs/{run.pk}/picked-up/", follow=True)
    assert f"{owner.display_name}’s, not yours" in page.content.decode()
    run.refresh_from_db()
    assert run.status == Run.Status.ASSIGNED and run.picked_up_at is None
    assert not AuditEvent.objects.filter(object_type="run").exists()


def test_a_mileage_rate_that_is_not_a_rate_is_refused(coordinator_client, production):
    from callboard.office.models import RunSettings

    for bad in ("-1", "abc", "Infinity", "0.123456"):
        coordinator_client.post(f"/p/{production.slug}/office/runs/rate/", {"mileage_rate": bad})
    assert not RunSettings.objects.exists()


def test_miles_that_are_no_number_say_so_not_that_they_are_negative(client, production):
    pa, user = office_pa(production)
    run = _run(production, pa, Run.Status.PICKED_UP)
    run.picked_up_at = timezone.now()
    run.save()
    client.force_login(user)
    page = client.post(
        f"/p/{production.slug}/office/runs/{run.pk}/delivered/", {"miles": "NaN"}, follow=True
    ).content.decode()
    assert "is not a number of miles" in page and "cannot be negative" not in page
    run.refresh_from_db()
    assert run.status == Run.Status.PICKED_UP and run.miles is None
