"""I-9 timing: Section 1 by the first day, Section 2 within three business days counted on the
production's own calendar (the first day for a job under three), overdue in red with by how
many days, Section 2 never before Section 1, a receipt's 90-day follow-up, Supplement B."""

from datetime import UTC, date, datetime, timedelta

import pytest

from callboard.paperwork import rules
from callboard.paperwork.queries import packet_findings, packet_i9_status
from callboard.paperwork.services import (
    PacketError,
    i9_section2_record,
    i9_supplement_b_record,
    packet_create,
)
from callboard.people.testing import make_person
from callboard.schedule.models import Calendar, Scenario

START = date(2026, 11, 30)  # a Monday
PASSPORT = rules.I9Document("A", rules.US_PASSPORT, "X12345678", date(2031, 1, 1))


def test_section_2_counts_the_days_the_production_operates():
    six_day_week = lambda day: day.weekday() == 6  # noqa: E731 — closed on Sundays only
    assert rules.i9_section2_due(date(2026, 12, 3)) == date(2026, 12, 8)  # Thu → Tue
    assert rules.i9_section2_due(date(2026, 12, 3), closed=six_day_week) == date(2026, 12, 7)
    assert rules.i9_section2_due(START, job_days=2) == START  # a day player: the first day


def test_overdue_says_by_how_many_business_days_and_keeps_its_words():
    status = rules.i9_status(
        start=START, job_days=None, today=date(2026, 12, 8), section1_on=None, section2_on=None
    )
    section1, section2 = status.overdue
    assert section1.text == "I-9 Section 1 was due on the first day of work, Mon Nov 30, 2026."
    assert section1.lateness == "6 business days overdue"
    assert section2.text == "I-9 Section 2 was due on Thu Dec 3, 2026."
    later = rules.i9_status(
        start=START, job_days=None, today=date(2026, 12, 9), section1_on=None, section2_on=None
    )
    assert later.overdue[1].text == section2.text and later.overdue[1].days_late == 4


def test_the_production_calendar_moves_the_deadline(production):
    calendar = Calendar.objects.create(production=production, name="Six days", weekly_off=[0])
    Scenario.objects.create(production=production, name="Board", calendar=calendar)
    person = make_person(production)
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["i9_section1", "i9_section2"],
        start_date=date(2026, 12, 3),
    )
    assert "Mon Dec 7" in " ".join(packet_i9_status(packet).due)  # Saturday counts


@pytest.fixture
def packet(production):
    person = make_person(production)
    return packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["i9_section1", "i9_section2"],
        start_date=START,
    )


def test_section_2_before_section_1_is_refused(packet):
    with pytest.raises(PacketError, match="Section 1 comes first"):
        i9_section2_record(
            actor=None,
            packet=packet,
            first_day=START,
            reviewer="Ingrid, APOC",
            documents=[PASSPORT],
        )
    assert packet.forms.get(kind="i9_section2").submitted_at is None


def test_overdue_sections_block_approval(packet, production, monkeypatch):
    monkeypatch.setattr(type(production), "today", lambda self: START + timedelta(days=10))
    packet.refresh_from_db()
    assert any("I-9 Section 1 was due" in f for f in packet_findings(packet))


def test_a_receipt_starts_a_90_day_follow_up_closed_by_supplement_b(packet, monkeypatch):
    packet.forms.filter(kind="i9_section1").update(
        status="submitted", submitted_at=datetime(2026, 11, 30, 17, tzinfo=UTC)
    )
    receipt = rules.I9Document("A", rules.US_PASSPORT, "R99998888", None, receipt=True)
    i9_section2_record(
        actor=None, packet=packet, first_day=START, reviewer="Ingrid, APOC", documents=[receipt]
    )
    section2 = packet.forms.get(kind="i9_section2")
    assert section2.values["receipt_until"] == "2027-02-28"
    monkeypatch.setattr(type(packet.production), "today", lambda self: date(2027, 3, 2))
    packet.refresh_from_db()
    assert any(
        "replacement document was due on Sun Feb 28, 2027" in f for f in packet_findings(packet)
    )
    i9_supplement_b_record(
        actor=None,
        packet=packet,
        reason="receipt replaced",
        on=date(2027, 2, 20),
        reviewer="Ingrid, APOC",
        documents=[PASSPORT],
    )
    packet.refresh_from_db()
    assert not any("replacement" in f for f in packet_findings(packet))
    supplement = packet.forms.get(kind="i9_supplement_b")
    assert (
        "•••••5678" in supplement.values["records"]
        and "X12345678" not in supplement.values["records"]
    )


def test_work_authorisation_ending_asks_for_reverification(packet, monkeypatch):
    packet.forms.filter(kind="i9_section1").update(
        status="submitted",
        values={"work_until": "2027-01-15"},
        submitted_at=datetime(2026, 11, 30, 17, tzinfo=UTC),
    )
    i9_section2_record(
        actor=None, packet=packet, first_day=START, reviewer="Ingrid, APOC", documents=[PASSPORT]
    )
    assert any("reverify" in line for line in packet_i9_status(packet).due)
    monkeypatch.setattr(type(packet.production), "today", lambda self: date(2027, 1, 20))
    packet.refresh_from_db()
    assert any("Work authorization ended" in f for f in packet_findings(packet))
