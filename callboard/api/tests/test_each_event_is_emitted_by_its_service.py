"""Each of the eight events is announced by the service that makes it happen, once its
transaction commits, with JSON-ready data (ids, numbers, dates, names; no private data) and the
record's API address; a rolled-back write announces nothing."""

import json
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.db import transaction
from django.urls import resolve

from callboard.accounting import services as accounting
from callboard.accounting.tests.test_approval_controls import _invoice, books  # noqa: F401
from callboard.callsheets.services import callsheet_create
from callboard.callsheets.tests.ready import make_ready, publish_despite
from callboard.core import events
from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.distribution.services import delivery_confirm, dispatch_create, message_send
from callboard.paperwork.tests.test_packet_flow import _approve_all, _fill_all, packet  # noqa: F401
from callboard.payroll import services as payroll
from callboard.payroll.tests.helpers import DAY, WEEK, person_with_deal
from callboard.people.models import DistributionGroup
from callboard.people.testing import make_person
from callboard.reports.services import (
    report_approve,
    report_settings_update,
    report_start,
    report_submit,
    set_time_record,
)
from callboard.reports.tests.conftest import day_one, on_set, shooting  # noqa: F401
from callboard.reports.tests.dpr_days import day_filled

PRIVATE = ("ssn", "123456789", "6789", "rate", "account", "@")


@pytest.fixture
def heard(monkeypatch):
    """The events announced, as a listener hears them (the webhooks' own listener aside)."""
    got = []
    monkeypatch.setattr(events, "_LISTENERS", [got.append])
    return got


def only(heard, event, production):
    assert [h.event for h in heard] == [event]
    happened = heard[0]
    assert happened.production_id == production.pk
    json.dumps(happened.data)  # JSON-ready
    # Nothing private in the data (the API address names paths like "accounting/…").
    text = json.dumps({k: v for k, v in happened.data.items() if k != "url"})
    assert not any(word in text.lower() for word in PRIVATE), text
    if happened.data.get("url"):  # the record's address is an API operation that exists
        resolve(urlparse(happened.data["url"]).path)
    return happened.data


def api(production, path):
    return f"/api/productions/{production.slug}/{path}"


def test_publishing_a_call_sheet_announces_it(
    shooting,  # noqa: F811
    heard,
    django_capture_on_commit_callbacks,
):
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    with django_capture_on_commit_callbacks(execute=True):
        publish_despite(sheet)
    data = only(heard, "callsheet.published", sheet.production)
    assert (data["id"], data["day_number"], data["version"]) == (sheet.pk, 1, 1)
    assert data["url"].endswith(api(sheet.production, f"callsheets/{sheet.pk}"))


def test_a_rolled_back_publish_announces_nothing(
    shooting,  # noqa: F811
    heard,
    django_capture_on_commit_callbacks,
):
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        publish_despite(sheet)
        raise RuntimeError("the office's next step failed")
    assert heard == []
    sheet.refresh_from_db()
    assert not sheet.is_published


def test_a_confirmed_delivery_announces_it(production, heard, django_capture_on_commit_callbacks):
    ana = make_person(production, first_name="Ana", last_name="Ruiz")
    dispatch, _ = dispatch_create(
        actor=None,
        production=production,
        kind="note",
        object_id=7,
        key="note-7",
        subject="Tomorrow's call",
        people=[ana],
        valid_for=timedelta(days=3),
    )
    delivery = dispatch.deliveries.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery_confirm(delivery=delivery)
        assert not delivery_confirm(delivery=delivery)  # once
    data = only(heard, "delivery.confirmed", production)
    assert (data["id"], data["dispatch_id"], data["person_id"]) == (
        delivery.pk,
        dispatch.pk,
        ana.pk,
    )
    assert data["recipient"] == "Ana Ruiz" and data["subject"] == "Tomorrow's call"


def test_a_confirmed_message_to_an_address_names_no_address(
    production, heard, django_capture_on_commit_callbacks
):
    dispatch, _ = message_send(
        actor=None,
        production=production,
        kind="note",
        object_id=8,
        key="note-8",
        subject="Parking",
        message="Lot B.\n",
        address="visitor@example.test",
    )
    with django_capture_on_commit_callbacks(execute=True):
        delivery_confirm(delivery=dispatch.deliveries.get())
    data = only(heard, "delivery.confirmed", production)  # no "@" anywhere in it
    assert data["recipient"] is None and data["person_id"] is None


def test_approving_a_dpr_announces_it(
    day_one,  # noqa: F811
    coordinator,
    heard,
    django_capture_on_commit_callbacks,
):
    report = report_start(actor=coordinator, call_sheet=day_one)
    day_filled(coordinator, report)
    report_submit(actor=coordinator, report=report)
    with django_capture_on_commit_callbacks(execute=True):
        report_approve(actor=add_member(report.production, Role.UPM), report=report)
    data = only(heard, "dpr.approved", report.production)
    assert (data["report_id"], data["date"], data["version"]) == (report.pk, "2026-12-10", 1)
    assert data["url"].endswith(api(report.production, f"reports/{report.pk}"))


def test_a_status_report_sent_from_set_announces_it(
    day_one,  # noqa: F811
    coordinator,
    heard,
    django_capture_on_commit_callbacks,
):
    production = day_one.production
    group = DistributionGroup.objects.create(production=production, name="Status", kind="custom")
    group.members.add(make_person(production, first_name="Una", last_name="Upm"))
    report_settings_update(
        actor=coordinator,
        production=production,
        status_group=group,
        status_by_text=False,
        report_group=None,
        tolerance_minutes=6,
        credit_parts=False,
    )
    report = report_start(actor=coordinator, call_sheet=day_one)
    with django_capture_on_commit_callbacks(execute=True):
        set_time_record(actor=coordinator, report=report, kind="first_shot", minutes=7 * 60 + 40)
        # A time that sends no status report announces nothing.
        set_time_record(actor=coordinator, report=report, kind="meal_out", minutes=12 * 60)
    data = only(heard, "status_report.sent", production)
    assert (data["report_id"], data["status_report"]) == (report.pk, "first-shot")


def test_approving_a_time_card_announces_it(production, heard, django_capture_on_commit_callbacks):
    rosa = person_with_deal(production, first_name="Rosa", last_name="Diaz")
    card = payroll.timecard_prepare(actor=None, person=rosa, week_start=WEEK)
    card = payroll.timecard_save(actor=None, card=card, days=[DAY])
    card = payroll.timecard_submit(card=card, signature=rosa.full_name)
    with django_capture_on_commit_callbacks(execute=True):
        payroll.timecard_approve(actor=add_member(production, Role.UPM), card=card)
    data = only(heard, "timecard.approved", production)
    assert (data["id"], data["person"], data["week_start"]) == (card.pk, "Rosa Diaz", "2026-03-01")
    assert data["url"].endswith(api(production, f"timecards/{card.pk}"))


def test_a_start_packet_is_announced_at_its_last_approval(
    packet,  # noqa: F811
    heard,
    django_capture_on_commit_callbacks,
):
    _fill_all(packet)
    packet.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        packet = _approve_all(packet)  # three steps, one event
    data = only(heard, "packet.approved", packet.production)
    assert (data["id"], data["person_id"], data["person"]) == (
        packet.pk,
        packet.person_id,
        "Ann Lee",
    )


def test_a_po_is_announced_when_its_chain_is_complete(
    books,  # noqa: F811
    coordinator,
    heard,
    django_capture_on_commit_callbacks,
):
    production, vendor = books
    po, _ = accounting.po_create(
        actor=coordinator,
        production=production,
        vendor=vendor,
        description="Booths",
        lines=[accounting.LineInput("2700", "Booths", Decimal("2"), Decimal("600"))],
    )
    accounting.po_submit(actor=coordinator, po=po)
    with django_capture_on_commit_callbacks(execute=True):
        for role in ("coordinator", "upm"):
            po = accounting.po_approve(actor=add_member(production, role), role=role, po=po)
    assert po.status == "approved"
    data = only(heard, "po.approved", production)
    assert (data["id"], data["number"], data["vendor"]) == (po.pk, po.code, "Hollywood Props")
    assert data["total"] == "1200.00"
    assert data["url"].endswith(api(production, f"accounting/purchase-orders/{po.pk}"))


def test_approving_an_invoice_announces_it(
    books,  # noqa: F811
    coordinator,
    heard,
    django_capture_on_commit_callbacks,
):
    production, vendor = books
    invoice = _invoice(coordinator, production, vendor, amount="300")
    with django_capture_on_commit_callbacks(execute=True):
        accounting.invoice_approve(actor=add_member(production, Role.UPM), invoice=invoice)
    data = only(heard, "invoice.approved", production)
    assert (data["id"], data["number"], data["total"]) == (invoice.pk, "HP-1", "300.00")
    assert data["date"] == "2026-03-02" and data["vendor"] == "Hollywood Props"
    assert data["url"].endswith(api(production, f"accounting/invoices/{invoice.pk}"))
