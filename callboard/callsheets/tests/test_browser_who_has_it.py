"""The coordinator narrows who has the demo's drafted sheet to a department, then to a status
through its count, and resends to what is shown: only the copy that did not go out goes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from callboard.callsheets.models import CallSheet
from callboard.core.models import OutboundEmail
from callboard.demo.build import DEMO_PASSWORD, demo_production_build
from callboard.distribution.models import Delivery
from callboard.distribution.services import dispatch_create
from callboard.people.models import Department, Person

from .ready import publish_despite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filter_by_department_then_by_a_count_and_resend_to_those_shown(browser_page, live_server):
    production = demo_production_build()
    sheet = CallSheet.objects.filter(production=production).order_by("-day_number").first()
    sheet = publish_despite(sheet)
    people = list(Person.objects.filter(production=production, deleted_at__isnull=True))
    dispatch_create(
        actor=None,
        production=production,
        kind="callsheet",
        object_id=sheet.pk,
        key="browser",
        subject="Call sheet #1",
        people=people,
        valid_for=timedelta(days=5),
    )
    camera = Department.objects.get(production=production, name="Camera")
    copies = Delivery.objects.filter(
        dispatch__kind="callsheet", dispatch__object_id=sheet.pk
    ).exclude(channel="none")  # the sheet's copies, not another kind's with the same id
    in_camera = list(copies.filter(person__department=camera).order_by("pk"))
    failed, confirmed = in_camera[0], in_camera[1]
    elsewhere = copies.exclude(person__department=camera).order_by("pk").first()
    Delivery.objects.filter(pk__in=[failed.pk, elsewhere.pk]).update(sent_at=None, error="550")
    Delivery.objects.filter(pk=confirmed.pk).update(confirmed_at=timezone.now())
    before = OutboundEmail.objects.filter(to=failed.address).count()

    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "coordinator@demo.callboard.test")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/p/{production.slug}/")
    page.goto(f"{live_server.url}/p/{production.slug}/callsheets/{sheet.pk}/sent/")

    with page.expect_navigation():
        page.select_option("#who-department", str(camera.pk))
    assert page.is_visible(f"text={len(in_camera)} recipients")
    assert page.locator("th[scope=rowgroup]").all_inner_texts() == [f"CAMERA ({len(in_camera)})"]
    page.click(".status-counts >> text=1 failed")
    page.wait_for_url(f"**?status=failed&department={camera.pk}")
    assert page.locator("tbody tr:not(.group-head)").count() == 1
    assert page.is_visible(f"td:text-is('{failed.person.display_name}')")

    page.click("button:has-text('Resend to these (1 did not go out)')")
    page.wait_for_selector("text=Sending again to 1 of the 1 shown")
    assert OutboundEmail.objects.filter(to=failed.address).count() == before + 1
    assert Delivery.objects.get(pk=elsewhere.pk).state == "failed"  # not in the filter
