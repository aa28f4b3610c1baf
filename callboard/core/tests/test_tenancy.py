"""A member of production A can reach nothing of production B, through any URL."""

from datetime import date, timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from callboard.accounting.models import (
    Budget,
    CheckRequest,
    Envelope,
    Invoice,
    PaymentProblem,
    PettyCashFloat,
    PurchaseOrder,
    Receipt,
)
from callboard.api.models import Webhook
from callboard.callsheets.models import CallSheet
from callboard.core.capabilities import Role
from callboard.core.links import link_grant_create
from callboard.core.models import Invitation, Membership
from callboard.core.testing import add_member, make_production
from callboard.distribution.services import dispatch_create
from callboard.locations import services as locations
from callboard.locations.models import LocationDocument
from callboard.office.models import (
    Gate,
    IssuedItem,
    Lunch,
    Pass,
    Restaurant,
    Room,
    RoomBooking,
    RoomSetupTask,
    Run,
    Supply,
    SupplyOrderLine,
    SupplyRequest,
)
from callboard.paperwork.models import Packet, PacketForm, PacketUpload
from callboard.payroll import services
from callboard.payroll.models import PayrollBatch
from callboard.people.models import Department, DistributionGroup, ImportBatch, Person, Vendor
from callboard.people.testing import make_person
from callboard.reports.models import ProductionReport
from callboard.schedule.models import (
    Calendar,
    Category,
    Element,
    Scenario,
    ScheduleVersion,
    Strip,
)
from callboard.scripts.models import Distribution, ScriptCopy, ScriptVersion
from callboard.travel.models import Booking, Scout, ScoutRider, ScoutStop, ScoutVan
from callboard.wrap.models import Binder, ChecklistItem, WrapDocument


def production_url_patterns():
    """Every URL pattern that takes a production slug, with its full route."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "<slug:production>" in route:
                yield route

    return sorted(set(walk(get_resolver().url_patterns)))


def fill(route: str, slug: str, ids: dict) -> str:
    url = (
        route.replace("<slug:production>", slug)
        .replace("<str:fmt>", "csv")
        .replace("<slug:kind>", "one-liner")
        .replace("<str:day>", "2027-03-01")
        .replace("<str:which>", "daily")
    )
    for name, value in ids.items():
        url = url.replace(f"<int:{name}>", str(value))
    assert "<" not in url, f"test does not know how to fill {route}"
    return "/" + url


@pytest.fixture
def two_productions(db):
    a, b = make_production("Show A"), make_production("Show B")
    intruder = add_member(a, Role.STUDIO_ADMIN)
    person_b = make_person(b)
    vendor_b = Vendor.objects.create(production=b, name="B Rentals")
    grant_b, _ = link_grant_create(
        production=b, purpose="person.details", subject=person_b, valid_for=timedelta(days=1)
    )
    version_b = ScriptVersion.objects.create(
        production=b,
        colour="White",
        revision_date="2027-01-01",
        source_format="fountain",
        source_name="b.fountain",
        source="b.fountain",
        pdf="b.pdf",
        page_count=1,
    )
    distribution_b = Distribution.objects.create(version=version_b, expires_at="2099-01-01T00:00Z")
    copy_b = ScriptCopy.objects.create(
        distribution=distribution_b,
        person=person_b,
        watermark="B",
        grant=link_grant_create(
            production=b, purpose="script.copy", subject=person_b, valid_for=timedelta(days=1)
        )[0],
    )
    calendar_b = Calendar.objects.create(production=b, name="B calendar", start="2027-03-01")
    strip_b = Strip.objects.create(production=b, scene_number="1", eighths=8)
    element_b = Element.objects.create(
        production=b,
        name="B LEAD",
        board_id="1",
        category=Category.objects.create(production=b, ucid=100, name="Cast"),
    )
    strip_b.elements.add(element_b)
    scenario_b = Scenario.objects.create(
        production=b, name="B board", calendar=calendar_b, layout={"days": [[strip_b.pk]]}
    )
    sheet_b = CallSheet.objects.create(
        production=b,
        scenario=scenario_b,
        day_number=1,
        date="2027-03-01",
        number=1,
        crew_call="07:00",
    )
    dispatch_b, _ = dispatch_create(
        actor=None,
        production=b,
        kind="callsheet",
        object_id=sheet_b.pk,
        key="b-1",
        subject="B",
        people=[person_b],
        valid_for=timedelta(days=3),
    )
    delivery_b = dispatch_b.deliveries.get()
    packet_b = Packet.objects.create(production=b, person=person_b)
    form_b = PacketForm.objects.create(packet=packet_b, kind="i9_section1")
    upload_b = PacketUpload.objects.create(
        form=form_b,
        file="x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        sha256="0" * 64,
    )
    person_b.rate, person_b.rate_unit = 300, "day"
    person_b.save()
    card_b = services.timecard_prepare(actor=None, person=person_b, week_start=date(2027, 2, 28))
    batch_b = PayrollBatch.objects.create(production=b, number=1)
    budget_b = Budget.objects.create(production=b, version=1, name="B budget")
    po_b = PurchaseOrder.objects.create(production=b, number=1, vendor=vendor_b, description="B PO")
    invoice_b = Invoice.objects.create(
        production=b, vendor=vendor_b, number="B-1", date="2027-03-01"
    )
    check_b = CheckRequest.objects.create(production=b, number=1, payee="B payee", reason="B")
    envelope_b = Envelope.objects.create(
        production=b,
        sequence=1,
        float=PettyCashFloat.objects.create(
            production=b, person=person_b, initials="BB", amount=100
        ),
    )
    receipt_b = Receipt.objects.create(
        production=b, person=person_b, vendor_name="B", date="2027-03-01", total=1
    )
    location_b = locations.location_create(actor=None, production=b, name="B Diner")
    set_b = Element.objects.create(
        production=b,
        name="B DINER",
        category=Category.objects.create(production=b, ucid=0, name="Set"),
    )
    scout_b = Scout.objects.create(
        production=b, date="2027-03-01", call_time="07:00", meeting_place="B office"
    )
    van_b = ScoutVan.objects.create(scout=scout_b, name="B van")
    gate_b = Gate.objects.create(production=b, name="B gate")
    restaurant_b = Restaurant.objects.create(production=b, vendor=vendor_b)
    room_b = Room.objects.create(production=b, name="B room", capacity=10)
    room_booking_b = RoomBooking.objects.create(
        production=b,
        room=room_b,
        title="B read",
        starts_at="2027-03-01T10:00Z",
        ends_at="2027-03-01T11:00Z",
    )
    supply_b = Supply.objects.create(production=b, name="B paper")
    office_ids_b = {
        "gate_pk": gate_b.pk,
        "pass_pk": Pass.objects.create(
            production=b,
            number=1,
            gate=gate_b,
            name="B guest",
            host="B host",
            start_date="2027-03-01",
            end_date="2027-03-01",
        ).pk,
        "restaurant_pk": restaurant_b.pk,
        "lunch_pk": Lunch.objects.create(
            production=b, restaurant=restaurant_b, date="2027-03-01", cutoff="2027-03-01T18:00Z"
        ).pk,
        "room_booking_pk": room_booking_b.pk,
        "task_pk": RoomSetupTask.objects.create(production=b, booking=room_booking_b).pk,
        "run_pk": Run.objects.create(
            production=b,
            number=1,
            what="B run",
            pickup_address="B1",
            dropoff_address="B2",
            needed_by="2027-03-01T18:00Z",
            requested_by_label="B",
        ).pk,
        "supply_pk": supply_b.pk,
        "supply_request_pk": SupplyRequest.objects.create(
            production=b, supply=supply_b, quantity=1
        ).pk,
        "line_pk": SupplyOrderLine.objects.create(supply=supply_b, po=po_b, quantity=1).pk,
        "item_pk": IssuedItem.objects.create(
            production=b,
            kind="walkie",
            number="1",
            number_key="1",
            person=person_b,
            issued_on="2027-03-01",
        ).pk,
    }
    ids_b = {
        **office_ids_b,
        "checklist_item_pk": ChecklistItem.objects.create(production=b, title="B item").pk,
        "binder_pk": Binder.objects.create(production=b, edition="office", sections=["crew"]).pk,
        "wrap_document_pk": WrapDocument.objects.create(
            production=b,
            kind="appearance",
            title="B release",
            file="wrap/b/release.pdf",
            original_name="release.pdf",
            content_type="application/pdf",
            size=1,
        ).pk,
        "scout_pk": scout_b.pk,
        "stop_pk": ScoutStop.objects.create(scout=scout_b, location=location_b, position=1).pk,
        "van_pk": van_b.pk,
        "rider_pk": ScoutRider.objects.create(scout=scout_b, van=van_b, person=person_b).pk,
        "location_pk": location_b.pk,
        "document_pk": LocationDocument.objects.create(
            location=location_b,
            kind="photo",
            file="b.png",
            original_name="b.png",
            content_type="image/png",
        ).pk,
        "permit_pk": locations.permit_add(
            actor=None, location=location_b, first_day=date(2027, 3, 1), last_day=date(2027, 3, 1)
        ).pk,
        "candidate_pk": locations.candidate_add(
            actor=None, location=location_b, element=set_b, price=None
        ).pk,
        "report_pk": ProductionReport.objects.create(
            production=b, call_sheet=sheet_b, day_number=1, date="2027-03-01"
        ).pk,
        "envelope_pk": envelope_b.pk,
        "booking_pk": Booking.objects.create(
            production=b, kind="hotel", hotel="B", check_in="2027-03-01", check_out="2027-03-02"
        ).pk,
        "receipt_pk": receipt_b.pk,
        "problem_pk": PaymentProblem.objects.create(production=b, title="B problem").pk,
        "request_pk": check_b.pk,
        "po_pk": po_b.pk,
        "invoice_pk": invoice_b.pk,
        "webhook_pk": Webhook.objects.create(
            production=b, url="https://b.example.com/hook", events=["po.approved"], secret_sealed=""
        ).pk,
        "budget_pk": budget_b.pk,
        "card_pk": card_b.pk,
        "batch_pk": batch_b.pk,
        "form_pk": form_b.pk,
        "upload_pk": upload_b.pk,
        "packet_pk": packet_b.pk,
        "sheet_pk": sheet_b.pk,
        "delivery_pk": delivery_b.pk,
        "scenario_pk": scenario_b.pk,
        "schedule_version_pk": ScheduleVersion.objects.create(
            production=b,
            scenario=scenario_b,
            number=1,
            colour="White",
            date=date(2026, 12, 4),
            published_at=b.created_at,
            board={"scenario": scenario_b.uss_id, "days": []},
            documents={},
        ).pk,
        "strip_pk": strip_b.pk,
        "element_pk": element_b.pk,
        "calendar_pk": calendar_b.pk,
        "distribution_pk": distribution_b.pk,
        "copy_pk": copy_b.pk,
        "version_pk": version_b.pk,
        "grant_pk": grant_b.pk,
        "person_pk": person_b.pk,
        "vendor_pk": vendor_b.pk,
        "group_pk": DistributionGroup.objects.filter(production=b).first().pk,
        "department_pk": Department.objects.filter(production=b).first().pk,
        "import_pk": ImportBatch.objects.create(
            production=b,
            filename="b.csv",
            table={"headers": ["Name"], "rows": [["Ann"]], "row_numbers": [2]},
        ).pk,
        "membership_pk": Membership.objects.filter(production=b).first().pk,
        "invitation_pk": Invitation.objects.create(
            production=b, email="x@example.test", role="crew", expires_at="2099-01-01T00:00Z"
        ).pk,
    }
    return a, b, intruder, ids_b


def test_every_production_url_is_covered():
    routes = production_url_patterns()
    assert len(routes) >= 25
    assert any("people/export" in r for r in routes)


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_url_of_another_production_is_404(client, two_productions, method):
    a, b, intruder, ids_b = two_productions
    client.force_login(intruder)
    for route in production_url_patterns():
        url = fill(route, b.slug, ids_b)
        response = getattr(client, method)(url)
        assert response.status_code == 404, f"{method.upper()} {url} gave {response.status_code}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_objects_of_another_production_are_404_under_your_own(client, two_productions, method):
    a, b, intruder, ids_b = two_productions
    client.force_login(intruder)
    for route in production_url_patterns():
        if not any(f"<int:{name}>" in route for name in ids_b):
            continue
        url = fill(route, a.slug, ids_b)
        response = getattr(client, method)(url)
        # A GET to a POST-only action is refused (405) before any lookup: nothing of B shows.
        allowed = {404, 405} if method == "get" else {404}
        assert response.status_code in allowed, (
            f"{method.upper()} {url} gave {response.status_code}"
        )
    assert Person.objects.get(pk=ids_b["person_pk"]).deleted_at is None


def test_logged_out_visitors_are_sent_to_login(client, two_productions):
    a, *_ = two_productions
    response = client.get(f"/p/{a.slug}/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_inactive_membership_sees_nothing(client, two_productions):
    a, _, intruder, _ = two_productions
    Membership.objects.filter(user=intruder).update(is_active=False)
    client.force_login(intruder)
    assert client.get(f"/p/{a.slug}/").status_code == 404


def test_home_lists_only_your_productions(client, two_productions):
    a, b, intruder, _ = two_productions
    make_production("Show C")
    add_member(make_production("Show D"), Role.CREW, intruder)
    client.force_login(intruder)
    page = client.get("/?all=1").content.decode()
    assert "Show A" in page and "Show D" in page
    assert "Show B" not in page and "Show C" not in page
