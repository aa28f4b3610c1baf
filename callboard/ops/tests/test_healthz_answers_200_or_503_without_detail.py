"""/healthz, for a load balancer or a monitor: 200 "ok" when the database, the cache and a
worker's heartbeat are fine, 503 "unavailable" when not; anonymous callers get nothing more,
the installation's staff get each check as JSON. It never waits for a worker."""

from datetime import timedelta

import pytest
from django.utils import timezone

from callboard.core.testing import make_user
from callboard.ops.models import WorkerHeartbeat


def beating(seconds_ago: float) -> None:
    seen = timezone.now() - timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(
        name="box:9", backend="database", started_at=seen, last_seen_at=seen
    )


@pytest.mark.django_db
def test_all_well_is_200_ok_and_nothing_else(client):
    beating(3)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_no_worker_alive_is_503_without_saying_why(client):
    beating(600)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


@pytest.mark.django_db
def test_staff_see_each_check(client):
    beating(3)
    staff = make_user("ops@example.test")
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    client.force_login(staff)
    answer = client.get("/healthz").json()
    assert answer["ok"] is True
    assert list(answer["checks"]) == ["database", "cache", "worker"]
    assert "box:9 (database)" in answer["checks"]["worker"]["detail"]


@pytest.mark.django_db
def test_a_signed_in_member_who_is_not_staff_gets_no_detail(client):
    beating(3)
    client.force_login(make_user("crew@example.test"))
    response = client.get("/healthz")
    assert response.content == b"ok\n"
