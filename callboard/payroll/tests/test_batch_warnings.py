"""A payroll batch with someone who has no approved start packet, or whose direct-deposit
details changed since their last batch, stays open (nothing posted to the books) until
someone whose role may (payroll, the UPM) overrides each warning with a reason."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from callboard.accounting.models import LedgerLine
from callboard.core.capabilities import Role
from callboard.core.models import Production
from callboard.core.testing import add_member
from callboard.paperwork.models import BankChange, Packet, PacketForm
from callboard.payroll import queries, services
from callboard.payroll.models import PayrollBatch, TimeCard

from .helpers import DAY, WEEK, approve_and_review, batch_to_payroll, person_with_deal

pytestmark = pytest.mark.django_db


def _reviewed(production, person, week=WEEK):
    card = services.timecard_prepare(actor=None, person=person, week_start=week)
    day = DAY | {"date": (week + timedelta(days=1)).isoformat()}
    card = services.timecard_save(actor=None, card=card, days=[day])
    services.timecard_submit(card=card, signature=person.full_name)
    return approve_and_review(production, card)


def _packet(production, person, status=Packet.Status.APPROVED) -> Packet:
    return Packet.objects.create(production=production, person=person, status=status)


def test_no_approved_packet_keeps_the_batch_open_until_payroll_overrides(production):
    ann = person_with_deal(production, first_name="Ann", last_name="Lee")
    bo = person_with_deal(production, first_name="Bo", last_name="Ray")
    _packet(production, ann)
    _packet(production, bo, status=Packet.Status.SUBMITTED)  # not approved yet
    cards = [_reviewed(production, p) for p in (ann, bo)]
    coordinator = add_member(production, Role.COORDINATOR)
    batch = services.payroll_batch_create(
        actor=coordinator, production=production, card_ids=[c.pk for c in cards]
    )
    assert batch.closed_at is None and not LedgerLine.objects.exists()
    warning = "Bo Ray has no approved start packet."
    assert queries.batch_warnings(batch) == [warning]

    url = f"/p/{production.slug}/timecards/batches/{batch.pk}/"
    office = Client()
    office.force_login(coordinator)
    refused = office.post(url + "close/", follow=True)
    assert b"1 warning to resolve or override with a reason first" in refused.content
    office.post(url + "override/", {"warning": warning, "reason": "Paid all the same."})
    batch.refresh_from_db()
    assert batch.closed_at is None and not LedgerLine.objects.exists()

    payroll = Client()
    payroll.force_login(add_member(production, Role.PAYROLL))
    payroll.post(
        url + "override/",
        {
            "warning": warning,
            "reason": "Wages are owed; the office chases Bo's I-9.",
        },
    )
    page = office.get(url)
    assert b"Wages are owed; the office chases Bo&#x27;s I-9." in page.content
    office.post(url + "close/")
    batch.refresh_from_db()
    assert batch.closed_at is not None and batch.closed_by == coordinator
    assert LedgerLine.objects.filter(source_id__in=[c.pk for c in cards]).exists()


def test_everyone_with_an_approved_packet_closes_the_batch_at_once(production):
    ann = person_with_deal(production, first_name="Ann", last_name="Lee")
    _packet(production, ann)
    batch = services.payroll_batch_create(
        actor=add_member(production, Role.COORDINATOR),
        production=production,
        card_ids=[_reviewed(production, ann).pk],
    )
    assert batch.closed_at is not None and queries.batch_warnings(batch) == []
    assert LedgerLine.objects.exists()


def _bank_change(packet, at, status=BankChange.Status.PENDING) -> BankChange:
    form, _ = PacketForm.objects.get_or_create(packet=packet, kind="direct_deposit")
    change = BankChange.objects.create(
        form=form, before="First Bank ••••6789", after="Other Bank ••••4321", status=status
    )
    BankChange.objects.filter(pk=change.pk).update(at=at)
    change.refresh_from_db()
    return change


def test_bank_details_changed_since_the_last_batch_are_flagged_on_the_next(production):
    ann = person_with_deal(production, first_name="Ann", last_name="Lee")
    packet = _packet(production, ann)
    _bank_change(packet, timezone.now() - timedelta(days=10))  # before batch 1
    first = batch_to_payroll(production, [_reviewed(production, ann)])
    # Her change before batch 1 was flagged on it; it is not flagged again.
    assert [w for w in queries.batch_warnings(first) if "direct deposit" in w]
    PayrollBatch.objects.filter(pk=first.pk).update(closed_at=timezone.now() - timedelta(days=5))
    changed = _bank_change(packet, timezone.now() - timedelta(days=1))
    second = services.payroll_batch_create(
        actor=add_member(production, Role.COORDINATOR),
        production=production,
        card_ids=[_reviewed(production, ann, week=WEEK + timedelta(days=7)).pk],
    )
    when = timezone.localtime(changed.at, production.tzinfo)
    assert queries.batch_warnings(second) == [
        f"Ann Lee's direct deposit was changed to Other Bank ••••4321 on {when:%a} {when:%b} "
        f"{when.day}, {when:%Y} and waits for their confirmation: confirm the change with them "
        f"before paying."
    ]
    assert second.closed_at is None
    # Another production's change is not hers.
    Packet.objects.filter(pk=packet.pk).update(
        production=Production.objects.create(title="Other", slug="other-show")
    )
    assert queries.batch_warnings(second) == ["Ann Lee has no approved start packet."]


def test_a_card_in_an_open_batch_is_corrected_only_once_the_batch_is_closed(production):
    ann = person_with_deal(production, first_name="Ann", last_name="Lee")
    card = _reviewed(production, ann)
    office = add_member(production, Role.COORDINATOR)
    batch = services.payroll_batch_create(actor=office, production=production, card_ids=[card.pk])
    assert batch.closed_at is None
    with pytest.raises(services.TimeCardError, match="Payroll batch 1 is still open"):
        services.timecard_correct(actor=office, card=card, reason="Wrap was 16:00")
    card.refresh_from_db()
    assert card.replaced_at is None and TimeCard.objects.filter(person=ann).count() == 1
