from django.urls import path

from .views import budget, payables, petty_cash, purchasing

app_name = "accounting"
urlpatterns = [
    path("", budget.cost_report, name="cost_report"),
    path("cost-report.<str:fmt>", budget.cost_report_export, name="cost_report_export"),
    path("estimate/", budget.estimate_save, name="estimate"),
    path("chart/", budget.chart, name="chart"),
    path("import/", budget.import_upload, name="import"),
    path("import/preview/", budget.import_preview, name="import_preview"),
    path("import/cancel/", budget.import_cancel, name="import_cancel"),
    path("approvals/", budget.approvals_save, name="approvals"),
    path("fringes/", budget.fringes_save, name="fringes"),
    path("budgets/<int:budget_pk>/lock/", budget.budget_lock, name="budget_lock"),
    path("pos/", purchasing.purchase_orders, name="pos"),
    path("pos/<int:po_pk>/", purchasing.purchase_order, name="po"),
    path("pos/<int:po_pk>/submit/", purchasing.purchase_order_submit, name="po_submit"),
    path("pos/<int:po_pk>/approve/", purchasing.purchase_order_approve, name="po_approve"),
    path("pos/<int:po_pk>/close/", purchasing.purchase_order_close, name="po_close"),
    path("pos/<int:po_pk>/po.pdf", purchasing.purchase_order_pdf, name="po_pdf"),
    path("invoices/", purchasing.invoices, name="invoices"),
    path("invoices/batch/", purchasing.invoices_batch, name="invoices_batch"),
    path("invoices/<int:invoice_pk>/", purchasing.invoice, name="invoice"),
    path("invoices/<int:invoice_pk>/approve/", purchasing.invoice_approve, name="invoice_approve"),
    path(
        "invoices/<int:invoice_pk>/override/", purchasing.invoice_override, name="invoice_override"
    ),
    path("invoices/<int:invoice_pk>/void/", purchasing.invoice_void, name="invoice_void"),
    path("invoices/<int:invoice_pk>/file", purchasing.invoice_file, name="invoice_file"),
    path("vendors/", payables.vendors, name="vendors"),
    path("vendors/<int:vendor_pk>/", payables.vendor_terms, name="vendor_terms"),
    path(
        "vendors/<int:vendor_pk>/reveal/",
        payables.vendor_tax_id_reveal,
        name="vendor_tax_id_reveal",
    ),
    path("payments/", payables.payments, name="payments"),
    path("payments/checks/new/", payables.check_request_create, name="check_request_create"),
    path("payments/pickups/", payables.check_pickup_record, name="check_pickup"),
    path("payments/problems/", payables.payment_problem_open, name="payment_problem_open"),
    path(
        "payments/problems/<int:problem_pk>/resolve/",
        payables.payment_problem_resolve,
        name="payment_problem_resolve",
    ),
    path("payments/checks/<int:request_pk>/", payables.check_request, name="check_request"),
    path(
        "payments/checks/<int:request_pk>/submit/",
        payables.check_request_submit,
        name="check_request_submit",
    ),
    path(
        "payments/checks/<int:request_pk>/approve/",
        payables.check_request_approve,
        name="check_request_approve",
    ),
    path(
        "payments/checks/<int:request_pk>/override/",
        payables.check_request_override,
        name="check_request_override",
    ),
    path(
        "payments/checks/<int:request_pk>/void/",
        payables.check_request_void,
        name="check_request_void",
    ),
    path("petty-cash/", petty_cash.petty_cash, name="petty_cash"),
    path("petty-cash/floats/", petty_cash.float_create, name="float_create"),
    path("petty-cash/statements/", petty_cash.card_statement_import, name="card_statement_import"),
    path("petty-cash/<int:envelope_pk>/", petty_cash.envelope, name="envelope"),
    path(
        "petty-cash/<int:envelope_pk>/receipts/",
        petty_cash.envelope_receipt_add,
        name="envelope_receipt_add",
    ),
    path(
        "petty-cash/<int:envelope_pk>/receipts/<int:receipt_pk>/void/",
        petty_cash.envelope_receipt_void,
        name="envelope_receipt_void",
    ),
    path(
        "petty-cash/<int:envelope_pk>/reconcile/",
        petty_cash.envelope_reconcile,
        name="envelope_reconcile",
    ),
    path("petty-cash/<int:envelope_pk>/link/", petty_cash.envelope_link_send, name="envelope_link"),
    path(
        "petty-cash/<int:envelope_pk>/pdf/", petty_cash.envelope_pdf_make, name="envelope_pdf_make"
    ),
    path(
        "petty-cash/<int:envelope_pk>/pdf-status/",
        petty_cash.envelope_pdf_status,
        name="envelope_pdf_status",
    ),
    path(
        "petty-cash/<int:envelope_pk>/envelope.pdf",
        petty_cash.envelope_pdf_file,
        name="envelope_pdf",
    ),
    path("receipts/<int:receipt_pk>/file", petty_cash.receipt_file, name="receipt_file"),
    path("expenses/", petty_cash.expense_reports, name="expenses"),
    path("expenses.csv", petty_cash.expense_reports_csv, name="expenses_csv"),
]
