"""Writes for vendors' terms (tax id sealed, insurance), check requests from creation to
pickup, and payment problems."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.models import AuditEvent, Production
from callboard.core.numbering import next_number
from callboard.core.vault import seal, unseal
from callboard.documents.uploads import UploadError, check_upload

from ..costreport import dollars
from ..models import (
    CheckPickup,
    CheckRequest,
    CheckRequestLine,
    LedgerLine,
    PaymentProblem,
    VendorTerms,
)
from ..queries import (
    accounts_for,
    check_request_total,
    check_request_warnings,
    terms_for,
)
from .common import (
    AccountingError,
    _approve,
    _send_for_approval,
    _void,
)
from .purchasing import InvoiceLineInput

_TAX_ID = re.compile(r"^\d{2}-?\d{7}$|^\d{3}-?\d{2}-?\d{4}$")


_SSN_SHAPE = re.compile(r"^\d{3}-\d{2}-\d{4}$")


def _mask_tax_id(typed: str, digits: str) -> str:
    """An SSN typed as one (123-45-6789) is masked as one; anything else as an EIN."""
    return ("•••-••-" if _SSN_SHAPE.match(typed.strip()) else "••-•••") + digits[-4:]


@transaction.atomic
def vendor_terms_save(
    *,
    actor,
    vendor,
    payment_terms: str,
    w9_received: date | None,
    tax_id: str | None,
    is_1099: bool,
    coi_expires: date | None,
    coi_file: tuple[str, bytes] | None = None,
) -> VendorTerms:
    """``tax_id`` None keeps what is sealed (it is never shown back); "" keeps it too."""
    terms = terms_for(vendor)
    if tax_id:
        if not _TAX_ID.match(tax_id.strip()):
            raise AccountingError(
                "A tax ID is an EIN (12-3456789) or, for a sole proprietor, an SSN (123-45-6789)."
            )
        digits = re.sub(r"\D", "", tax_id)
        terms.tax_id_sealed, terms.tax_id_masked = seal(digits), _mask_tax_id(tax_id, digits)
    if is_1099 and not (terms.tax_id_sealed and w9_received):
        raise AccountingError("A 1099 vendor needs its W-9 (received date and tax ID) on file.")
    stored = None
    if coi_file is not None:
        try:
            stored = check_upload(coi_file[1])
        except UploadError as exc:
            raise AccountingError(f"The insurance certificate: {exc}") from exc
    terms.payment_terms, terms.w9_received = payment_terms.strip()[:60], w9_received
    terms.is_1099, terms.coi_expires = is_1099, coi_expires
    terms.save()
    if stored is not None:
        terms.coi_file.save(
            f"coi-{vendor.pk}.{stored.extension}", ContentFile(stored.data), save=True
        )
    audit_record(
        actor=actor,
        production=vendor.production,
        action=AuditEvent.Action.UPDATE,
        obj=vendor,
        changes={
            "payment_terms": terms.payment_terms,
            "w9_received": str(w9_received or ""),
            "tax_id": "changed" if tax_id else "kept",
            "is_1099": is_1099,
            "coi_expires": str(coi_expires or ""),
        },
    )
    return terms


def tax_id_read(*, actor, terms: VendorTerms) -> str:
    """The full tax ID, for those who may see it; every read is in the audit log."""
    audit_record(
        actor=actor,
        production=terms.vendor.production,
        action=AuditEvent.Action.UPDATE,
        obj=terms.vendor,
        changes={"viewed": "tax ID"},
    )
    digits = unseal(terms.tax_id_sealed)
    if terms.tax_id_masked.startswith("•••-"):
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
    return f"{digits[:2]}-{digits[2:]}"


@transaction.atomic
def check_request_create(
    *,
    actor,
    production: Production,
    payee: str,
    reason: str,
    lines: list[InvoiceLineInput],
    vendor=None,
    needed_by: date | None = None,
) -> CheckRequest:
    if vendor is not None and vendor.production_id != production.pk:
        raise AccountingError("Choose one of this production's vendors.")
    payee = (payee or (str(vendor) if vendor else "")).strip()[:200]
    problems = [] if payee else ["Say who the check is for."]
    if not reason.strip():
        problems.append("Say what the payment is for.")
    accounts = accounts_for(production, [ln.account_code for ln in lines])
    for n, line in enumerate(lines, start=1):
        if line.account_code not in accounts:
            problems.append(
                f"Line {n}: account “{line.account_code}” is not in the chart of accounts."
            )
        if line.amount <= 0:
            problems.append(f"Line {n}: the amount must be more than 0.")
    if not lines:
        problems.append("Give at least one coded line.")
    if problems:
        raise AccountingError("Nothing was saved.", problems)
    number = next_number(CheckRequest, production)
    request = CheckRequest.objects.create(
        production=production,
        number=number,
        payee=payee,
        vendor=vendor,
        reason=reason.strip()[:300],
        needed_by=needed_by,
        requested_by=actor,
    )
    CheckRequestLine.objects.bulk_create(
        CheckRequestLine(
            request=request,
            account=accounts[ln.account_code],
            description=ln.description[:200] or reason[:200],
            amount=ln.amount,
        )
        for ln in lines
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=request,
        changes={"total": str(sum(ln.amount for ln in lines))},
    )
    return request


@transaction.atomic
def check_request_void(*, actor, request: CheckRequest, reason: str) -> CheckRequest:
    """Void a check request (the check was lost, or asked for twice): it stays listed,
    marked void, and what it posted is reversed."""
    request = (
        CheckRequest.objects.select_for_update().select_related("production").get(pk=request.pk)
    )
    _void(
        request,
        actor=actor,
        reason=reason,
        what=f"Check request {request.number}",
        source=LedgerLine.Source.CHECK_REQUEST,
    )
    return request


@transaction.atomic
def check_request_submit(*, actor, request: CheckRequest) -> CheckRequest:
    request = CheckRequest.objects.select_for_update().get(pk=request.pk)
    _send_for_approval(request, actor=actor, total=check_request_total(request))
    return request


@transaction.atomic
def check_request_approve(*, actor, role: str, request: CheckRequest) -> CheckRequest:
    """The last approval makes the payment actual cost on its accounts."""
    request = CheckRequest.objects.select_for_update().get(pk=request.pk)
    _approve(
        request,
        actor=actor,
        role=role,
        what=f"check request {request.number}",
        warnings=check_request_warnings(request),
    )
    if request.status == CheckRequest.Status.APPROVED:
        on = timezone.localdate(timezone=request.production.tzinfo)
        LedgerLine.objects.bulk_create(
            LedgerLine(
                production=request.production,
                account_code=line.account.code,
                date=on,
                amount=line.amount,
                source=LedgerLine.Source.CHECK_REQUEST,
                source_id=request.pk,
                description=f"Check request {request.number} — {request.payee}: {line.description}"[
                    :300
                ],
            )
            for line in request.lines.select_related("account")
        )
    return request


@transaction.atomic
def check_pickup_record(
    *,
    actor,
    production: Production,
    check_number: str,
    payee: str,
    amount: Decimal,
    picked_up_by: str,
    request: CheckRequest | None = None,
) -> CheckPickup:
    """Who took which check, when (the request, if given, is marked paid)."""
    if not check_number.strip() or not picked_up_by.strip():
        raise AccountingError("Give the check number and who picked it up.")
    if amount <= 0:
        raise AccountingError("The check's amount must be more than 0.")
    if request is not None:
        request = CheckRequest.objects.select_for_update().get(pk=request.pk)
        if request.voided_at:
            raise AccountingError(f"Check request {request.number} is void.")
        if request.status == CheckRequest.Status.PAID or request.pickups.exists():
            paid = request.pickups.order_by("picked_up_at").first()
            raise AccountingError(
                f"Check request {request.number} is paid already"
                + (
                    f" (check {paid.check_number}, picked up by {paid.picked_up_by})"
                    if paid
                    else ""
                )
                + "; nothing was logged. A second check needs a new request."
            )
        if request.status != CheckRequest.Status.APPROVED:
            raise AccountingError(f"Check request {request.number} is not approved.")
        # Refused rather than re-approved: the approvers weighed the requested amount, so a
        # different check needs a new request (void this one) that they see again.
        approved = check_request_total(request)
        if amount != approved:
            raise AccountingError(
                f"Check request {request.number} was approved for {dollars(approved)}; "
                f"this check is for {dollars(amount)}. Write the check for the approved amount, "
                f"or void the request and send a new one for approval."
            )
        request.status, request.check_number = CheckRequest.Status.PAID, check_number.strip()[:30]
        request.save(update_fields=["status", "check_number", "updated_at"])
    pickup = CheckPickup.objects.create(
        production=production,
        check_number=check_number.strip()[:30],
        payee=payee.strip()[:200],
        amount=amount,
        picked_up_by=picked_up_by.strip()[:200],
        picked_up_at=timezone.now(),
        handed_by=actor,
        check_request=request,
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=pickup,
        changes={"picked_up_by": pickup.picked_up_by},
    )
    return pickup


@transaction.atomic
def payment_problem_open(
    *, actor, production: Production, title: str, who: str = "", details: str = "", assigned_to=None
) -> PaymentProblem:
    if not title.strip():
        raise AccountingError("Say what is wrong.")
    problem = PaymentProblem.objects.create(
        production=production,
        title=title.strip()[:200],
        who=who.strip()[:200],
        details=details.strip()[:4000],
        assigned_to=assigned_to,
        opened_by=actor,
    )
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=problem)
    return problem


@transaction.atomic
def payment_problem_update(
    *, actor, problem: PaymentProblem, assigned_to=None, resolution: str | None = None
) -> PaymentProblem:
    """Hand it to someone, or resolve it (saying how)."""
    if resolution is not None:
        if not resolution.strip():
            raise AccountingError("Say how it was resolved.")
        problem.resolution, problem.resolved_at = resolution.strip()[:300], timezone.now()
    if assigned_to is not None:
        problem.assigned_to = assigned_to
    problem.save()
    audit_record(
        actor=actor,
        production=problem.production,
        action=AuditEvent.Action.UPDATE,
        obj=problem,
        changes={"assigned_to": str(problem.assigned_to or ""), "resolution": problem.resolution},
    )
    return problem
