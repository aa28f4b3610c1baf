"""The payroll edition holds the signed start packets: only a member who reads private payroll
data builds or downloads it; a coordinator is refused, and nothing is built."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.wrap.binder import services
from callboard.wrap.binder.services import BinderError
from callboard.wrap.models import Binder

from .helpers import seed


@pytest.mark.django_db
def test_a_coordinator_cannot_build_the_payroll_edition(coordinator_client, production):
    response = coordinator_client.post(
        f"/p/{production.slug}/wrap/binder/build/",
        {"edition": "payroll", "sections": ["crew", "signed_packets"]},
    )
    assert response.status_code == 403
    assert b"Only payroll may build the payroll edition" in response.content
    assert not Binder.objects.exists()
    page = coordinator_client.get(f"/p/{production.slug}/wrap/binder/?edition=payroll")
    assert b"only payroll builds and reads it" in page.content
    assert b'name="sections"' not in page.content


@pytest.mark.django_db
def test_the_service_refuses_the_payroll_edition_to_a_coordinator(production, coordinator):
    membership = production.memberships.get(user=coordinator)
    with pytest.raises(BinderError):
        services.binder_request(
            production=production,
            membership=membership,
            actor=coordinator,
            edition="payroll",
            sections=["crew"],
        )
    assert not Binder.objects.exists()


@pytest.mark.django_db
def test_signed_packets_belong_to_the_payroll_edition_only(production):
    payroll = add_member(production, Role.PAYROLL)
    membership = production.memberships.get(user=payroll)
    with pytest.raises(BinderError, match="not part of this edition"):
        services.binder_request(
            production=production,
            membership=membership,
            actor=payroll,
            edition="studio",
            sections=["crew", "signed_packets"],
        )


@pytest.mark.django_db
def test_payroll_builds_it_and_a_coordinator_cannot_download_it(
    client, production, coordinator, django_capture_on_commit_callbacks
):
    seed(production)
    payroll = add_member(production, Role.PAYROLL)
    client.force_login(payroll)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/p/{production.slug}/wrap/binder/build/",
            {"edition": "payroll", "sections": ["crew", "packet_status", "signed_packets"]},
        )
    assert response.status_code == 302
    binder = Binder.objects.get(production=production)
    assert binder.status == Binder.Status.DONE and binder.edition == "payroll"
    pdf = client.get(f"/p/{production.slug}/wrap/binder/{binder.pk}/pdf/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:5] == b"%PDF-"
    client.force_login(coordinator)
    for fmt in ("pdf", "zip"):
        refused = client.get(f"/p/{production.slug}/wrap/binder/{binder.pk}/{fmt}/")
        assert refused.status_code == 403
    page = client.get(f"/p/{production.slug}/wrap/binder/").content.decode()
    assert f"/wrap/binder/{binder.pk}/pdf/" not in page and "for payroll" in page


@pytest.mark.django_db
def test_a_coordinator_downloads_the_office_edition(
    coordinator_client, production, django_capture_on_commit_callbacks
):
    seed(production)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            f"/p/{production.slug}/wrap/binder/build/",
            {"edition": "office", "sections": ["crew", "cast"]},
        )
    binder = Binder.objects.get(production=production)
    response = coordinator_client.get(f"/p/{production.slug}/wrap/binder/{binder.pk}/zip/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert (
        coordinator_client.get(f"/p/{production.slug}/wrap/binder/{binder.pk}/exe/").status_code
        == 404
    )
    wrap = coordinator_client.get(f"/p/{production.slug}/wrap/").content.decode()
    assert 'id="wrap-binder"' in wrap and "Office</strong> edition" in wrap
