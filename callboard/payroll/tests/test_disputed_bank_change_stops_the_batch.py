"""A direct-deposit change the person says they did not make stops their pay: the batch
cannot close and nobody may override it, until a later change they confirm replaces it.
A change they have not answered, or confirmed, since their last batch is checked by payroll,
who may let it pass with a reason."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from callboard.accounting.models import LedgerLine
from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import add_member
from callboard.paperwork.models import BankChange, Packet, PacketForm
from callboard.payroll import queries, services
from callboard.payroll.models import PayrollBatch

from .helpers import WEEK, approve_and_review, person_with_deal

pytestmark = pytest.mark.django_db

DAY = {
    "date": (WEEK + timedelta(days=1)).isoformat(),
    "call": "07:00",
    "wrap": "15:00",
    "ndb": None,
    "note": "",
    "meals": [{"start": "12:00", "end": "12:30"}],
}


def _batch(production, person) -> PayrollBatch:
    card = services.timecard_prepare(actor=None, person=person, week_start=WEEK)
    card = services.timecard_save(actor=None, card=card, days=[DAY])
    services.timecard_submit(card=card, signature=person.full_name)
    card = approve_and_review(production, card)
    return services.payroll_batch_create(
        actor=add_member(production, Role.COORDINATOR), production=production, card_ids=[card.pk]
    )


def _change(form, status, *, days_ago, after="Other Bank ••••4321") -> BankChange:
    change = BankChange.objects.create(
        form=form, before="First Bank ••••6789", after=after, status=status
    )
    BankChange.objects.filter(pk=change.pk).update(at=timezone.now() - timedelta(days=days_ago))
    return change


def test_a_disputed_bank_change_stops_the_batch_and_cannot_be_overridden(production):
    ann = person_with_deal(production, first_name="Ann", last_name="Lee")
    packet = Packet.objects.create(production=production, person=ann, status=Packet.Status.APPROVED)
    form = PacketForm.objects.create(packet=packet, kind="direct_deposit")
    _change(form, BankChange.Status.DISPUTED, days_ago=2)
    batch = _batch(production, ann)
    assert batch.closed_at is None and not LedgerLine.objects.exists()
    assert queries.batch_warnings(batch) == []
    [blocker] = queries.batch_blockers(batch)
    assert blocker.startswith(
        "Ann Lee says they did not change their direct deposit to Other Bank ••••4321 on "
    )
    assert "do not pay into it" in blocker

    user = add_member(production, Role.PAYROLL)
    membership = Membership.objects.get(production=production, user=user)
    with pytest.raises(services.TimeCardError):
        services.payroll_batch_warning_override(
            actor=user,
            membership=membership,
            batch=batch,
            warning=blocker,
            reason="Pay her all the same.",
        )
    url = f"/p/{production.slug}/timecards/batches/{batch.pk}/"
    payroll = Client()
    payroll.force_login(user)
    payroll.post(url + "override/", {"warning": blocker, "reason": "Pay her anyway."})
    page = payroll.get(url)
    assert b"Stops this batch (no override)" in page.content
    assert b"take them off this batch" in page.content
    assert page.content.count(b'name="warning"') == 0
    refused = payroll.post(url + "close/", follow=True)
    assert b"do not pay into it" in refused.content
    batch.refresh_from_db()
    assert batch.closed_at is None and not LedgerLine.objects.exists()

    # She gives her right details again and confirms them: that change is checked, then paid.
    _change(form, BankChange.Status.CONFIRMED, days_ago=1, after="First Bank ••••6789")
    assert queries.batch_blockers(batch) == []
    [confirmed] = queries.batch_warnings(batch)
    assert confirmed.startswith(
        "Ann Lee confirmed a change of their direct deposit to First Bank ••••6789 on "
    )
    services.payroll_batch_warning_override(
        actor=user,
        membership=membership,
        batch=batch,
        warning=confirmed,
        reason="Called Ann on her known number.",
    )
    services.payroll_batch_close(actor=user, batch=batch)
    batch.refresh_from_db()
    assert batch.closed_at is not None and LedgerLine.objects.exists()


def test_a_pending_bank_change_waits_for_the_person_and_payroll_may_let_it_pass(production):
    ann = person_with_deal(production, first_name="Ann", last_name="Lee")
    packet = Packet.objects.create(production=production, person=ann, status=Packet.Status.APPROVED)
    form = PacketForm.objects.create(packet=packet, kind="direct_deposit")
    _change(form, BankChange.Status.PENDING, days_ago=1)
    batch = _batch(production, ann)
    [waiting] = queries.batch_warnings(batch)
    assert "waits for their confirmation" in waiting and queries.batch_blockers(batch) == []
    with pytest.raises(services.TimeCardError, match="1 warning to resolve or override"):
        services.payroll_batch_close(actor=add_member(production, Role.PAYROLL), batch=batch)
