"""An invoice whose total is below zero (a credit) is a "To check" item until someone whose
role may matches it to the vendor's credit memo and overrides with a reason; a second person
approves. An invoice that adds up to $0.00 is refused outright."""

from decimal import Decimal

import pytest

from callboard.accounting import queries, services
from callboard.accounting.models import Invoice, LedgerLine
from callboard.core.capabilities import Cap, Role
from callboard.core.models import Membership
from callboard.core.services import warning_override
from callboard.core.testing import add_member

from .test_approval_controls import books  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _enter(actor, production, vendor, *amounts, number="HP-C1"):
    lines = [services.InvoiceLineInput("2700", "Returned stools", Decimal(a)) for a in amounts]
    return services.invoice_create(
        actor=actor,
        production=production,
        vendor=vendor,
        number=number,
        on=production.today(),
        lines=lines,
    )


def test_a_credit_invoice_blocks_approval_until_matched_to_the_credit_memo(books):  # noqa: F811
    production, vendor = books
    upm = add_member(production, Role.UPM)
    invoice, flags = _enter(upm, production, vendor, "-50000")
    warning = "A credit of $50,000.00: match it to the vendor's credit memo."
    assert warning in flags and warning in queries.invoice_warnings(invoice)
    accountant = add_member(production, Role.ACCOUNTANT)
    with pytest.raises(services.AccountingError, match="credit of \\$50,000.00"):
        services.invoice_approve(actor=accountant, invoice=invoice)
    assert not LedgerLine.objects.exists()

    warning_override(
        actor=accountant,
        capability=Cap.ACCOUNTING_OVERRIDE,
        subject=invoice,
        membership=Membership.objects.get(production=production, user=accountant),
        warning=warning,
        reason="Credit memo CM-77 for the returned stools.",
        allowed=queries.invoice_warnings(invoice),
    )
    services.invoice_approve(actor=add_member(production, Role.STUDIO_ADMIN), invoice=invoice)
    assert LedgerLine.objects.get().amount == Decimal("-50000.00")


def test_an_invoice_adding_up_to_zero_is_refused(books):  # noqa: F811
    production, vendor = books
    upm = add_member(production, Role.UPM)
    with pytest.raises(services.AccountingError) as refused:
        _enter(upm, production, vendor, "300", "-300")
    assert "The lines add up to $0.00" in " ".join(refused.value.problems)
    assert not Invoice.objects.exists()
