"""A flag to check on a time card blocks the office's review until someone whose role may
(payroll, the UPM) overrides it with a written reason, shown to whoever reviews next; and
nobody approves or reviews a card whose hours they entered, nor reviews one they approved."""

import pytest
from django.test import Client

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, WarningOverride
from callboard.core.testing import add_member
from callboard.payroll import services
from callboard.payroll.models import TimeCard
from callboard.payroll.services import TimeCardError

from .helpers import WEEK, day_post, person_with_deal

pytestmark = pytest.mark.django_db

LATE_LUNCH = {
    "date": "2026-03-02",
    "call": "07:00",
    "wrap": "19:00",
    "ndb": None,
    "note": "",
    "meals": [{"start": "13:20", "end": "13:50"}],
}
FLAG = (
    "Mon Mar 2: $21.43 — first meal started 13:20, 20 min late (due 13:00, 6:00 after call 07:00)"
)


@pytest.fixture
def crew(production):
    return person_with_deal(production, first_name="Ann", last_name="Lee", email="ann@example.test")


def _approved(production, crew, days=(LATE_LUNCH,)):
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    card = services.timecard_save(actor=None, card=card, days=list(days))
    services.timecard_submit(card=card, signature="Ann Lee")
    return services.timecard_approve(actor=add_member(production, Role.UPM), card=card)


def _as(production, role) -> Client:
    client = Client()
    client.force_login(add_member(production, role))
    return client


def test_an_open_flag_blocks_the_review_until_payroll_overrides_it_with_a_reason(
    coordinator_client, production, crew
):
    card = _approved(production, crew)
    act = f"/p/{production.slug}/timecards/{card.pk}/"
    refused = coordinator_client.post(act + "review/", follow=True)
    assert b"1 warning to resolve or override with a reason first" in refused.content
    card.refresh_from_db()
    assert card.status == TimeCard.Status.APPROVED
    # The coordinator's role may not override; a reason too short to read is refused.
    coordinator_client.post(act + "override/", {"warning": FLAG, "reason": "It is fine."})
    payroll = _as(production, Role.PAYROLL)
    payroll.post(act + "override/", {"warning": FLAG, "reason": "ok"})
    assert not WarningOverride.objects.exists()
    payroll.post(
        act + "override/",
        {
            "warning": FLAG,
            "reason": "Lunch called late by the AD; penalty stands.",
        },
    )
    page = coordinator_client.get(f"/p/{production.slug}/timecards/{card.pk}/")
    assert b"Lunch called late by the AD; penalty stands." in page.content
    week = coordinator_client.get(f"/p/{production.slug}/timecards/?week=2026-03-01")
    assert b"(overridden with a reason)" in week.content
    coordinator_client.post(act + "review/")
    card.refresh_from_db()
    assert card.status == TimeCard.Status.REVIEWED
    assert card.reviewed_flags[0]["message"] == FLAG
    assert card.reviewed_flags[0]["override"] == "Lunch called late by the AD; penalty stands."
    assert AuditEvent.objects.filter(
        object_type="timecard", object_id=card.pk, changes__has_key="warning_overridden"
    ).exists()


def test_an_apoc_reads_the_flag_without_money_and_cannot_override(production, crew):
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    card = services.timecard_save(actor=None, card=card, days=[LATE_LUNCH])
    services.timecard_submit(card=card, signature="Ann Lee")
    head = _as(production, Role.APOC)
    page = head.get(f"/p/{production.slug}/timecards/{card.pk}/")
    assert b"meal penalty" in page.content and b"$21.43" not in page.content
    assert b"Override with a reason" not in page.content
    head.post(
        f"/p/{production.slug}/timecards/{card.pk}/override/",
        {"warning": FLAG, "reason": "A long enough reason here."},
    )
    assert not WarningOverride.objects.exists()


def test_nobody_reviews_a_card_whose_hours_they_typed(
    coordinator_client, coordinator, production, crew
):
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    post = {
        "rules": "ca-nonunion",
        "rate": "300",
        "per": "day",
        "guaranteed_hours": "12",
        "days_per_week": "5",
        "kit_rental_per": "week",
    }
    coordinator_client.post(
        f"/p/{production.slug}/timecards/{card.pk}/",
        post | day_post(1, "07:00", "19:00", ("12:00", "12:30")),
    )
    card.refresh_from_db()
    assert card.entered_by == [coordinator.pk]
    services.timecard_submit(card=card, signature="Ann Lee")
    services.timecard_approve(actor=add_member(production, Role.UPM), card=card)
    page = coordinator_client.post(f"/p/{production.slug}/timecards/{card.pk}/review/", follow=True)
    assert b"You entered this time card: someone else approves it." in page.content
    card.refresh_from_db()
    assert card.status == TimeCard.Status.APPROVED


def test_nobody_approves_a_card_they_signed_for_the_person(production, crew):
    upm = add_member(production, Role.UPM)
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    card = services.timecard_save(actor=None, card=card, days=[LATE_LUNCH])
    services.timecard_submit(card=card, signature="For Ann", actor=upm, who=str(upm))
    with pytest.raises(TimeCardError, match="You entered hours on this time card"):
        services.timecard_approve(actor=upm, card=card)
    card.refresh_from_db()
    assert card.status == TimeCard.Status.SUBMITTED


def test_whoever_approved_a_card_does_not_also_review_it(production, crew):
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    card = services.timecard_save(
        actor=None, card=card, days=[{**LATE_LUNCH, "meals": [{"start": "12:00", "end": "12:30"}]}]
    )
    services.timecard_submit(card=card, signature="Ann Lee")
    upm = add_member(production, Role.UPM)
    card = services.timecard_approve(actor=upm, card=card)
    with pytest.raises(TimeCardError, match="already approved a step"):
        services.timecard_review(actor=upm, card=card)
    assert services.timecard_review(
        actor=add_member(production, Role.PAYROLL), card=card
    ).status == (TimeCard.Status.REVIEWED)
