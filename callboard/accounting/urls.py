from django.urls import path

from . import views

app_name = "accounting"
urlpatterns = [
    path("", views.cost_report, name="cost_report"),
    path("cost-report.<str:fmt>", views.cost_report_export, name="cost_report_export"),
    path("estimate/", views.estimate_save, name="estimate"),
    path("chart/", views.chart, name="chart"),
    path("import/", views.import_upload, name="import"),
    path("import/preview/", views.import_preview, name="import_preview"),
    path("approvals/", views.approvals_save, name="approvals"),
    path("fringes/", views.fringes_save, name="fringes"),
    path("budgets/<int:budget_pk>/lock/", views.budget_lock, name="budget_lock"),
    path("pos/", views.purchase_orders, name="pos"),
    path("pos/<int:po_pk>/", views.purchase_order, name="po"),
    path("pos/<int:po_pk>/po.pdf", views.purchase_order_pdf, name="po_pdf"),
    path("invoices/", views.invoices, name="invoices"),
    path("invoices/<int:invoice_pk>/", views.invoice, name="invoice"),
    path("invoices/<int:invoice_pk>/file", views.invoice_file, name="invoice_file"),
    path("vendors/", views.vendors, name="vendors"),
    path("vendors/<int:vendor_pk>/", views.vendor_terms, name="vendor_terms"),
    path("payments/", views.payments, name="payments"),
    path("payments/checks/<int:request_pk>/", views.check_request, name="check_request"),
    path("petty-cash/", views.petty_cash, name="petty_cash"),
    path("petty-cash/<int:envelope_pk>/", views.envelope, name="envelope"),
    path(
        "petty-cash/<int:envelope_pk>/pdf-status/",
        views.envelope_pdf_status,
        name="envelope_pdf_status",
    ),
    path("petty-cash/<int:envelope_pk>/envelope.pdf", views.envelope_pdf_file, name="envelope_pdf"),
    path("receipts/<int:receipt_pk>/file", views.receipt_file, name="receipt_file"),
    path("expenses/", views.expense_reports, name="expenses"),
    path("expenses.csv", views.expense_reports_csv, name="expenses_csv"),
]
