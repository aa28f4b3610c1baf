"""What the accounting writes share: the error every refusal raises, the amount limits,
sending for approval and approving step by step (POs, invoices, check requests), and voiding
with the ledger reversed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.controls import ControlError, require_cleared, require_other_person
from callboard.core.models import AuditEvent

from ..models import (
    LedgerLine,
)
from ..queries import (
    approver_step,
    chain_for,
)


class AccountingError(ValueError):
    """A step that cannot be taken; ``problems`` lists every reason (nothing was written)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


def _controlled(check, *args, **kwargs) -> None:
    """Run a core control; its refusal reaches the page as an accounting error."""
    try:
        check(*args, **kwargs)
    except ControlError as exc:
        raise AccountingError(str(exc)) from exc


CENT = Decimal("0.01")


MAX_AMOUNT = Decimal("1000000000")  # what the books hold: under a billion a line


def _send_for_approval(obj, *, actor, total: Decimal) -> None:
    """Fix the chain of approvers for the total and wait for the first (PO or check request)."""
    if obj.status != "draft":
        raise AccountingError("Only a draft is sent for approval.")
    obj.chain, obj.approvals, obj.status = chain_for(obj.production, total), [], "pending"
    obj.save(update_fields=["chain", "approvals", "status", "updated_at"])
    audit_record(
        actor=actor,
        production=obj.production,
        action=AuditEvent.Action.UPDATE,
        obj=obj,
        changes={"submitted": obj.chain},
    )


def _approve(obj, *, actor, role: str, what: str, warnings: list[str] = ()) -> None:
    """One step of the chain: by someone other than who asked and than who took the earlier
    steps, with every warning resolved or overridden."""
    if getattr(obj, "voided_at", None):
        raise AccountingError(f"{what[0].upper()}{what[1:]} is void.")
    if obj.status != "pending":
        raise AccountingError("This is not waiting for approval.")
    step = approver_step(role, obj)
    if step is None:
        raise AccountingError(f"This waits for the {obj.next_approver}'s approval.")
    _controlled(
        require_other_person,
        actor,
        entered_by_ids=[obj.requested_by_id],
        approved_by_ids=[a.get("by_id") for a in obj.approvals],
        what=what,
    )
    _controlled(require_cleared, obj, warnings, approver=actor)
    obj.approvals = [
        *obj.approvals,
        {"step": step, "by": str(actor), "by_id": actor.pk, "at": timezone.now().isoformat()},
    ]
    if len(obj.approvals) == len(obj.chain):
        obj.status, obj.approved_at = "approved", timezone.now()
    obj.save(update_fields=["approvals", "status", "approved_at", "updated_at"])
    audit_record(
        actor=actor,
        production=obj.production,
        action=AuditEvent.Action.UPDATE,
        obj=obj,
        changes={"approved_as": step},
    )


def _ledger_reverse(*, obj, source: str, on: date, why: str) -> int:
    """Opposite lines for what ``obj`` has posted, account by account (nothing is deleted)."""
    posted = (
        LedgerLine.objects.filter(production=obj.production, source=source, source_id=obj.pk)
        .values("account_code")
        .annotate(net=Sum("amount"))
        .order_by("account_code")
    )
    lines = [
        LedgerLine(
            production=obj.production,
            account_code=row["account_code"],
            date=on,
            amount=-row["net"],
            source=source,
            source_id=obj.pk,
            description=why[:300],
        )
        for row in posted
        if row["net"]
    ]
    LedgerLine.objects.bulk_create(lines)
    return len(lines)


VOID_REASON_MIN = 10


def _void(obj, *, actor, reason: str, what: str, source: str) -> None:
    """Mark ``obj`` void with the reason and reverse its postings (one transaction: callers)."""
    reason = " ".join((reason or "").split())[:300]
    if obj.voided_at:
        raise AccountingError(f"{what} is already void.")
    if len(reason) < VOID_REASON_MIN:
        raise AccountingError(
            f"Say why {what[0].lower()}{what[1:]} is void (a sentence for the auditors)."
        )
    obj.voided_at, obj.voided_by, obj.void_reason = timezone.now(), actor, reason
    obj.save(update_fields=["voided_at", "voided_by", "void_reason", "updated_at"])
    reversed_lines = _ledger_reverse(
        obj=obj,
        source=source,
        on=timezone.localdate(timezone=obj.production.tzinfo),
        why=f"Void: {what} — {reason}",
    )
    audit_record(
        actor=actor,
        production=obj.production,
        action=AuditEvent.Action.UPDATE,
        obj=obj,
        changes={"voided": reason, "ledger_lines_reversed": reversed_lines},
    )
