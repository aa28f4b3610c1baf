"""Writes for petty cash: floats, envelopes and their receipts link, receipts, reconciling an
envelope, and card statements matched to receipts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.links import link_grant_create, link_grant_revoke
from callboard.core.models import AuditEvent, Production
from callboard.distribution.services import dispatch_create
from callboard.documents.uploads import UploadError, check_upload

from .. import sending
from ..costreport import dollars
from ..models import (
    CardStatementLine,
    Envelope,
    LedgerLine,
    PettyCashFloat,
    Receipt,
    ReceiptLine,
)
from ..pettycash import reconcile
from ..queries import (
    accounts_for,
    receipt_flags_for,
)
from ..tasks import envelope_pdf_build
from .common import (
    AccountingError,
    _void,
)

RECEIPTS_LINK_PURPOSE = "receipts"


RECEIPTS_LINK_DAYS = 60


@dataclass(frozen=True)
class ReceiptLineInput:
    account_code: str
    description: str
    amount: Decimal
    set_code: str = ""


@transaction.atomic
def float_create(
    *, actor, production: Production, person, initials: str, amount: Decimal
) -> Envelope:
    """A float for a person, with their first envelope open (JS01)."""
    initials = re.sub(r"[^A-Za-z]", "", initials).upper()[:4]
    if person.production_id != production.pk:
        raise AccountingError("Choose someone on this production.")
    if not 2 <= len(initials) <= 4:
        raise AccountingError(
            "Give the person's initials (2 to 4 letters) for the envelope numbers."
        )
    if amount <= 0:
        raise AccountingError("The float must be more than 0.")
    if PettyCashFloat.objects.filter(production=production, initials=initials).exists():
        raise AccountingError(
            f"Envelopes {initials}01… already belong to another float; use other initials."
        )
    held = PettyCashFloat.objects.create(
        production=production, person=person, initials=initials, amount=amount
    )
    envelope = Envelope.objects.create(production=production, float=held, sequence=1)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=held,
        changes={"amount": str(amount)},
    )
    return envelope


@transaction.atomic
def envelope_link_send(*, actor, envelope: Envelope) -> str:
    """Send the float holder a link to add receipts to their open envelope from a phone (a new
    send replaces the old link): a delivery of distribution's, sent once this commits."""
    person = envelope.float.person
    if not person.email:
        raise AccountingError(f"{person.display_name} has no e-mail address on the crew list.")
    if envelope.status != Envelope.Status.OPEN:
        raise AccountingError("This envelope is reconciled; send the next one's link.")
    if envelope.grant is not None:
        link_grant_revoke(grant=envelope.grant)
    grant, token = link_grant_create(
        production=envelope.production,
        purpose=RECEIPTS_LINK_PURPOSE,
        subject=envelope,
        created_by=actor,
        valid_for=timedelta(days=RECEIPTS_LINK_DAYS),
    )
    envelope.grant = grant
    envelope.save(update_fields=["grant"])
    production = envelope.production
    # One send per link: a retried task or a double-click's second request sends it once.
    dispatch_create(
        actor=actor,
        production=production,
        kind=sending.KIND,
        object_id=envelope.pk,
        key=f"{sending.KIND}-{envelope.pk}-{grant.pk}",
        subject=f"{production.title}: receipts for envelope {envelope.code}",
        people=[person],
        grants={person.pk: grant},
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=envelope,
        changes={"link_sent_to": person.email},
    )
    return settings.SITE_URL + reverse("receipts_by_link", args=[token])


def envelope_pdf_queue(*, envelope: Envelope) -> None:
    """The envelope's PDF (cover and every receipt) is made again by the worker; its page
    shows the progress."""
    Envelope.objects.filter(pk=envelope.pk).update(pdf_status="queued", pdf_progress=0)
    envelope_pdf_build.enqueue(envelope_id=envelope.pk)


@transaction.atomic
def receipt_add(
    *,
    production: Production,
    person,
    on: date,
    vendor_name: str,
    lines: list[ReceiptLineInput],
    envelope: Envelope | None = None,
    paid: str = "cash",
    card_last4: str = "",
    file: tuple[str, bytes] | None = None,
    actor=None,
    who: str = "",
) -> tuple[Receipt, list[str]]:
    """A receipt coded line by line (its total is the lines' sum), with its photo or PDF.
    Returns it with what accounting will be asked about (alcohol, tobacco, prepaid gas, no
    photo, a likely duplicate). Nothing is kept when anything cannot be right."""
    problems = []
    if envelope is not None and envelope.status != Envelope.Status.OPEN:
        problems.append(f"Envelope {envelope.code} is reconciled; receipts go in the next one.")
    if not vendor_name.strip():
        problems.append("Say where it was bought.")
    if paid == Receipt.Paid.CARD and not re.fullmatch(r"\d{4}", card_last4 or ""):
        problems.append("Give the last 4 digits of the card.")
    accounts = accounts_for(production, [ln.account_code for ln in lines])
    for n, line in enumerate(lines, start=1):
        if line.account_code not in accounts:
            problems.append(f"Line {n}: choose an account from the chart.")
        if line.amount <= 0:
            problems.append(f"Line {n}: the amount must be more than 0.")
        if not line.description.strip():
            problems.append(f"Line {n}: say what it was for.")
    if not lines:
        problems.append("Give at least one line: account, what it was for, amount.")
    stored = None
    if file is not None:
        try:
            stored = check_upload(file[1])
        except UploadError as exc:
            problems.append(f"The photo: {exc}")
    if problems:
        raise AccountingError("Nothing was saved.", problems)
    total = sum((ln.amount for ln in lines), Decimal("0.00"))
    receipt = Receipt.objects.create(
        production=production,
        person=person,
        envelope=envelope,
        paid=paid,
        card_last4=card_last4 if paid == Receipt.Paid.CARD else "",
        vendor_name=vendor_name.strip()[:200],
        date=on,
        total=total,
        content_type=stored.content_type if stored else "",
    )
    if stored is not None:
        receipt.file.save(
            f"receipt-{receipt.pk}.{stored.extension}", ContentFile(stored.data), save=True
        )
    ReceiptLine.objects.bulk_create(
        ReceiptLine(
            receipt=receipt,
            account=accounts[ln.account_code],
            description=ln.description.strip()[:200],
            amount=ln.amount,
            set_code=ln.set_code.strip()[:40],
        )
        for ln in lines
    )
    audit_record(
        actor=actor,
        actor_label=who,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=receipt,
        changes={"total": str(total), "envelope": envelope.code if envelope else ""},
    )
    return receipt, receipt_flags_for(receipt)


@transaction.atomic
def envelope_reconcile(*, actor, envelope: Envelope, cash_on_hand: Decimal) -> Envelope:
    """Float = cash on hand + receipts, or nothing happens. The receipts become actual cost,
    the float is replenished by their total, and the next envelope opens."""
    envelope = Envelope.objects.select_for_update().select_related("float").get(pk=envelope.pk)
    if envelope.status != Envelope.Status.OPEN:
        raise AccountingError(f"Envelope {envelope.code} is already reconciled.")
    lines = list(
        ReceiptLine.objects.filter(
            receipt__envelope=envelope, receipt__voided_at__isnull=True
        ).select_related("account", "receipt")
    )
    if not lines:
        raise AccountingError("The envelope has no receipts yet.")
    if cash_on_hand < 0:
        raise AccountingError("Cash on hand cannot be negative.")
    result = reconcile(
        float_amount=envelope.float.amount,
        lines=[(ln.account.code, ln.amount) for ln in lines],
        cash_on_hand=cash_on_hand,
    )
    if not result.balanced:
        state = "short" if result.difference > 0 else "over"
        raise AccountingError(
            f"Envelope {envelope.code} does not balance: "
            f"the float is {dollars(result.float_amount)}, "
            f"cash on hand {dollars(cash_on_hand)} + receipts {dollars(result.receipts)} = "
            f"{dollars(cash_on_hand + result.receipts)} "
            f"({state} by {dollars(abs(result.difference))}). "
            f"Count the cash again or find the missing receipt."
        )
    envelope.status, envelope.cash_on_hand, envelope.replenished = (
        Envelope.Status.RECONCILED,
        cash_on_hand,
        result.replenish,
    )
    envelope.reconciled_at, envelope.reconciled_by = timezone.now(), actor
    envelope.save()
    if envelope.grant is not None:
        link_grant_revoke(grant=envelope.grant)
    LedgerLine.objects.bulk_create(
        LedgerLine(
            production=envelope.production,
            account_code=ln.account.code,
            date=ln.receipt.date,
            amount=ln.amount,
            source=LedgerLine.Source.RECEIPT,
            source_id=ln.receipt_id,
            description=f"Petty cash {envelope.code} — {ln.receipt.vendor_name}: {ln.description}"[
                :300
            ],
        )
        for ln in lines
    )
    Envelope.objects.create(
        production=envelope.production, float=envelope.float, sequence=envelope.sequence + 1
    )
    audit_record(
        actor=actor,
        production=envelope.production,
        action=AuditEvent.Action.UPDATE,
        obj=envelope,
        changes={"cash_on_hand": str(cash_on_hand), "replenish": str(result.replenish)},
    )
    return envelope


@transaction.atomic
def receipt_void(*, actor, receipt: Receipt, reason: str) -> Receipt:
    """Void a receipt (entered twice, not the production's): it stays in its envelope,
    marked void, out of the envelope's count; what it posted is reversed."""
    receipt = Receipt.objects.select_for_update().select_related("production").get(pk=receipt.pk)
    _void(
        receipt,
        actor=actor,
        reason=reason,
        what=f"The receipt from {receipt.vendor_name}",
        source=LedgerLine.Source.RECEIPT,
    )
    return receipt


@transaction.atomic
def card_receipts_post(*, actor, receipts: list[Receipt]) -> int:
    """Card receipts matched to the statement become actual cost (once)."""
    posted = set(
        LedgerLine.objects.filter(
            source=LedgerLine.Source.RECEIPT, source_id__in=[r.pk for r in receipts]
        ).values_list("source_id", flat=True)
    )
    lines = [
        LedgerLine(
            production=r.production,
            account_code=ln.account.code,
            date=r.date,
            amount=ln.amount,
            source=LedgerLine.Source.RECEIPT,
            source_id=r.pk,
            description=f"Card ••{r.card_last4} — {r.vendor_name}: {ln.description}"[:300],
        )
        for r in receipts
        if r.pk not in posted and not r.voided_at
        for ln in r.lines.select_related("account")
    ]
    LedgerLine.objects.bulk_create(lines)
    return len(lines)


@transaction.atomic
def card_statement_import(*, actor, production: Production, rows: list[dict]) -> tuple[int, int]:
    """Statement lines (card_last4, date, merchant, amount), each matched to the card receipt
    of the same card and amount within two days; matched receipts become actual cost.
    Returns (lines imported, matched)."""
    made = CardStatementLine.objects.bulk_create(
        CardStatementLine(production=production, **row) for row in rows
    )
    taken = set(
        CardStatementLine.objects.filter(production=production, receipt__isnull=False).values_list(
            "receipt_id", flat=True
        )
    )
    matched = []
    for line in made:
        candidates = (
            Receipt.objects.filter(
                production=production,
                paid=Receipt.Paid.CARD,
                card_last4=line.card_last4,
                total=line.amount,
                voided_at__isnull=True,
                date__gte=line.date - timedelta(days=2),
                date__lte=line.date + timedelta(days=2),
            )
            .exclude(pk__in=taken)
            .order_by("date")
        )
        receipt = candidates.first()
        if receipt is not None:
            line.receipt = receipt
            line.save(update_fields=["receipt"])
            taken.add(receipt.pk)
            matched.append(receipt)
    card_receipts_post(actor=actor, receipts=matched)
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.IMPORT,
        obj=production,
        changes={"card_statement_lines": len(made), "matched": len(matched)},
    )
    return len(made), len(matched)
