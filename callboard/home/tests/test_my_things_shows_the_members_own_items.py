"""Ann logs in and finds her packet, her time cards, her call sheets, her calendar feed and
her union days on one page, and nobody else's."""

from datetime import timedelta

import pytest
from django.conf import settings

from callboard.core.models import LinkGrant
from callboard.payroll.models import PayStub
from callboard.people.testing import make_person

from .conftest import published_sheet, send_card, send_packet, send_sheet, worked_card

pytestmark = pytest.mark.django_db


def test_the_page_lists_her_packet_cards_calls_and_union_days(
    ann_client, ann, production, this_week, django_capture_on_commit_callbacks
):
    other = make_person(production, first_name="Zed", last_name="Other", rate=55, rate_unit="hour")
    send_packet(ann, django_capture_on_commit_callbacks)
    send_packet(other, django_capture_on_commit_callbacks)
    send_card(ann, this_week, django_capture_on_commit_callbacks)
    worked_card(ann, this_week - timedelta(days=7), approved=True)
    worked_card(other, this_week - timedelta(days=14), approved=True)
    today = production.today()
    sheet = published_sheet(production, today + timedelta(days=1), {ann: "06:30", other: "09:00"})
    deliveries = send_sheet(sheet, [ann, other])
    deliveries[other.pk].confirmed_at = sheet.created_at
    deliveries[other.pk].save()
    PayStub.objects.create(
        production=production,
        person=ann,
        employer="Harbor Lights",
        job="Camera Operator",
        union=True,
        start_date=today - timedelta(days=400),
        end_date=today - timedelta(days=380),
        days=12,
    )

    page = ann_client.get(f"/p/{production.slug}/me/")
    html = page.content.decode()
    assert page.status_code == 200
    packets = html.split('id="packets"')[1].split('id="timecards"')[0]
    assert "Sent" in packets and "Left: Crew start form, Direct deposit" in packets
    cards = html.split('id="timecards"')[1].split('id="callsheets"')[0]
    assert "This week" in cards and "Check your hours and sign." in cards
    assert "Week of" in cards and "20.0 h worked · 2 days" in cards and "Approved" in cards
    calls = html.split('id="callsheets"')[1].split('id="union-days"')[0]
    assert "Your call 06:30 call" in calls and "Not confirmed" in calls
    assert "09:00" not in calls  # Zed's call, and his confirmation, are his
    assert "/l/calls/" in calls  # the calendar feed the call-sheet e-mails carry
    union = html.split('id="union-days"')[1]
    assert "12 union days · 2 non-union days" in union
    assert "Zed" not in html and "Harbor Lights" in union


def test_a_member_with_nothing_yet_reads_what_comes_and_when(ann_client, ann, production):
    html = ann_client.get(f"/p/{production.slug}/me/").content.decode()
    assert "No start paperwork for you on this show." in html
    assert "No card yet: the office sends it" in html
    assert "No paid days recorded yet." in html


def test_her_calendar_feed_opens_without_a_login_and_carries_her_calls(
    client, ann_user, ann, production
):
    published_sheet(production, production.today() + timedelta(days=1), {ann: "06:30"})
    client.force_login(ann_user)
    html = client.get(f"/p/{production.slug}/me/").content.decode()
    client.get(f"/p/{production.slug}/me/")
    # One feed per person, not one per page view.
    assert LinkGrant.objects.filter(purpose="calendar", subject_id=ann.pk).count() == 1
    feed = html.split('id="calendar-feed">')[1].split("<")[0]
    assert 'href="webcal://' in html
    client.logout()
    ics = client.get(feed.removeprefix(settings.SITE_URL))
    assert ics.status_code == 200 and b"Call 06:30 call" in ics.content
