"""The accounting writes, one module per noun: budget (chart, budget versions, estimates,
fringes, payroll's postings), purchasing (POs and invoices), payables (vendors, check
requests and payments), petty_cash (floats, envelopes, receipts, card statements); common
holds what they share. Each function is one transaction. Reads are in ``queries``.

Callers use ``services.<verb>`` as before: this package names every public write once."""

from .budget import (
    FringeInput,
    budget_import,
    budget_lock,
    chart_import,
    estimate_save,
    fringe_table_save,
    ledger_post_payroll,
)
from .common import (
    MAX_AMOUNT,
    AccountingError,
)
from .payables import (
    check_pickup_record,
    check_request_approve,
    check_request_create,
    check_request_submit,
    check_request_void,
    payment_problem_open,
    payment_problem_update,
    tax_id_read,
    vendor_terms_save,
)
from .petty_cash import (
    RECEIPTS_LINK_DAYS,
    RECEIPTS_LINK_PURPOSE,
    ReceiptLineInput,
    card_receipts_post,
    card_statement_import,
    envelope_link_send,
    envelope_reconcile,
    float_create,
    receipt_add,
    receipt_void,
)
from .purchasing import (
    InvoiceLineInput,
    LineInput,
    approval_chain_save,
    invoice_approve,
    invoice_create,
    invoice_void,
    invoices_batch,
    po_approve,
    po_close,
    po_create,
    po_submit,
)

__all__ = [
    "AccountingError",
    "FringeInput",
    "InvoiceLineInput",
    "LineInput",
    "MAX_AMOUNT",
    "RECEIPTS_LINK_DAYS",
    "RECEIPTS_LINK_PURPOSE",
    "ReceiptLineInput",
    "approval_chain_save",
    "budget_import",
    "budget_lock",
    "card_receipts_post",
    "card_statement_import",
    "chart_import",
    "check_pickup_record",
    "check_request_approve",
    "check_request_create",
    "check_request_submit",
    "check_request_void",
    "envelope_link_send",
    "envelope_reconcile",
    "estimate_save",
    "float_create",
    "fringe_table_save",
    "invoice_approve",
    "invoice_create",
    "invoice_void",
    "invoices_batch",
    "ledger_post_payroll",
    "payment_problem_open",
    "payment_problem_update",
    "po_approve",
    "po_close",
    "po_create",
    "po_submit",
    "receipt_add",
    "receipt_void",
    "tax_id_read",
    "vendor_terms_save",
]
