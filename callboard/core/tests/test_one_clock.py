"""One clock: every time a person reads is on the production's clock and names its zone; none
is bare UTC (issue 15, item 14)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from callboard.core import clock
from callboard.core.capabilities import Role
from callboard.core.links import link_grant_create, link_grant_resolve
from callboard.core.models import AuditEvent, OutboundEmail
from callboard.core.testing import add_member, make_production, make_user
from callboard.paperwork.queries import packet_document
from callboard.paperwork.services import packet_create
from callboard.people.testing import make_person

# 18:30 UTC on a winter day is 10:30 AM in Los Angeles (PST); on a summer day, 11:30 AM (PDT).
WINTER = datetime(2027, 1, 15, 18, 30, tzinfo=UTC)
SUMMER = datetime(2027, 7, 15, 18, 30, tzinfo=UTC)
LA = ZoneInfo("America/Los_Angeles")


def test_a_moment_reads_on_the_productions_clock_with_its_zone():
    assert clock.date_time(WINTER, LA) == "Jan 15, 2027, 10:30 AM PST"
    assert clock.date_time(SUMMER, LA, year=False) == "Jul 15, 11:30 AM PDT"
    assert clock.clock_time(WINTER, ZoneInfo("America/New_York")) == "1:30 PM EST"
    assert clock.date_time("2027-01-15T18:30:00+00:00", LA) == "Jan 15, 2027, 10:30 AM PST"
    assert clock.date_time(WINTER, ZoneInfo("Asia/Dubai")) == "Jan 15, 2027, 10:30 PM UTC+4"
    assert clock.date_time(WINTER, ZoneInfo("Asia/Kolkata")) == "Jan 16, 2027, 12:00 AM IST"
    assert clock.date_time(None, LA) == clock.date_time("not a time", LA) == ""
    assert clock.sortable(WINTER, LA) == "2027-01-15 10:30 PST"


@pytest.fixture
def la_show(db):
    return make_production("Pacific Show", time_zone="America/Los_Angeles")


def test_the_audit_log_reads_in_pacific_time(client, la_show):
    client.force_login(add_member(la_show, Role.COORDINATOR))
    AuditEvent.objects.filter(production=la_show).update(at=WINTER)
    page = client.get(f"/p/{la_show.slug}/audit/").content.decode()
    assert "Jan 15, 2027, 10:30 AM PST" in page
    assert "18:30" not in page and "6:30 PM" not in page


def test_the_outbox_reads_in_the_members_production_time(client, la_show):
    user = add_member(la_show, Role.COORDINATOR, make_user("pc@example.test"))
    client.force_login(user)
    email = OutboundEmail.objects.create(to="pc@example.test", subject="Call sheet", body="x")
    OutboundEmail.objects.filter(pk=email.pk).update(sent_at=SUMMER)
    assert "Jul 15, 11:30 AM PDT" in client.get("/outbox/").content.decode()
    message = client.get(f"/outbox/{email.pk}/").content.decode()
    assert "Jul 15, 2027, 11:30 AM PDT" in message and "18:30" not in message


def test_someone_on_shows_in_two_zones_sees_the_outbox_with_the_zone_named(client, la_show):
    user = add_member(la_show, Role.COORDINATOR, make_user("two@example.test"))
    add_member(make_production("London Show", time_zone="Europe/London"), Role.COORDINATOR, user)
    client.force_login(user)
    email = OutboundEmail.objects.create(to="two@example.test", subject="Hi", body="x")
    OutboundEmail.objects.filter(pk=email.pk).update(sent_at=WINTER)
    assert "Jan 15, 6:30 PM UTC" in client.get("/outbox/").content.decode()


def test_signatures_read_in_pacific_time_on_the_page_and_in_the_packet_pdf(client, la_show):
    client.force_login(add_member(la_show, Role.COORDINATOR))
    person = make_person(la_show, first_name="Ann", last_name="Lee")
    packet = packet_create(
        actor=None,
        production=la_show,
        person=person,
        kinds=["deal_memo"],
        start_date=date(2027, 1, 18),
    )
    form = packet.forms.get()
    form.signatures = {
        "employee": {
            "name": "Ann Lee",
            "typed": "Ann Lee",
            "method": "typed",
            "at": WINTER.isoformat(),
        }
    }
    form.save()
    page = client.get(f"/p/{la_show.slug}/paperwork/{packet.pk}/").content.decode()
    assert "Jan 15, 2027, 10:30 AM PST" in page
    document = packet_document(packet)
    assert document["forms"][0]["signatures"][0]["signed_at"] == "Jan 15, 2027, 10:30 AM PST"
    assert all(entry["at"].endswith(("PST", "PDT")) for entry in document["audit"])


def test_resolving_a_signed_link_sets_its_productions_clock(db):
    tokyo = make_production("Tokyo Show", time_zone="Asia/Tokyo")
    grant, token = link_grant_create(
        production=tokyo, purpose="test", subject=tokyo, valid_for=timedelta(days=1)
    )
    timezone.deactivate()
    link_grant_resolve(token, purpose="test")
    assert timezone.get_current_timezone_name() == "Asia/Tokyo"
    timezone.deactivate()


def test_a_page_opened_by_a_link_reads_on_its_productions_clock_and_nothing_leaks(la_show):
    """The crew's phone pages open through link_grant_resolve, inside ClockMiddleware."""
    from callboard.core.middleware import ClockMiddleware

    seen = []

    def page(request):
        link_grant_resolve(token, purpose="test")
        seen.append(clock.clock_time(WINTER, timezone.get_current_timezone()))
        return None

    _, token = link_grant_create(
        production=la_show, purpose="test", subject=la_show, valid_for=timedelta(days=1)
    )

    class Anonymous:
        user = None

    ClockMiddleware(page)(Anonymous())
    assert seen == ["10:30 AM PST"]
    assert timezone.get_current_timezone_name() == "UTC"  # nothing leaks to the next request
