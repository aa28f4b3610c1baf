"""The production's own chart of accounts, its budget in versions, the ledger every actual
is posted to, and the estimates to complete the office enters."""

from django.conf import settings
from django.db import models

from callboard.core.models import Production


class Account(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="accounts")
    code = models.CharField(max_length=41)  # "2700" or "2700-01": number and sub-account
    number = models.CharField(max_length=20)
    sub = models.CharField("sub-account", max_length=20, blank=True)
    description = models.CharField(max_length=200)
    category = models.CharField(max_length=80)
    above_line = models.BooleanField("above the line", default=False)
    fringe = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["production", "code"], name="account_code_unique")
        ]

    def __str__(self):
        return f"{self.code} {self.description}"


class Budget(models.Model):
    """One version of the budget. The locked one is what the cost report measures against;
    a revision is a new version, never an edit of a locked one."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="budgets")
    version = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    source_name = models.CharField(max_length=200, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["production", "version"], name="budget_version_unique")
        ]

    def __str__(self):
        return f"Budget v{self.version} — {self.name}"


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="budget_lines")
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["budget", "account"], name="budget_line_once")
        ]

    def __str__(self):
        return f"{self.account.code} {self.amount}"


class LedgerLine(models.Model):
    """One cost posted to an account: from an approved invoice, check request, receipt or
    a payroll batch. Coded by account code so the cost report aggregates in SQL."""

    class Source(models.TextChoices):
        PAYROLL = "payroll", "Payroll batch"
        INVOICE = "invoice", "Invoice"
        CHECK_REQUEST = "check_request", "Check request"
        RECEIPT = "receipt", "Receipt"
        JOURNAL = "journal", "Journal entry"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="ledger")
    account_code = models.CharField(max_length=41)
    date = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    description = models.CharField(max_length=300)
    source = models.CharField(max_length=20, choices=Source.choices)
    source_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["production", "account_code", "date"]),
            models.Index(fields=["production", "source", "source_id"]),
        ]

    def __str__(self):
        return f"{self.date} {self.account_code} {self.amount}"


class EstimateToComplete(models.Model):
    """What the office expects still to spend on an account, when it knows better than
    budget − actual − commitments."""

    account = models.OneToOneField(Account, on_delete=models.CASCADE, related_name="estimate")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    note = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"ETC {self.account.code} {self.amount}"


class AccountingSettings(models.Model):
    """Who approves purchase orders and check requests, by amount: each step applies when
    the total is above its threshold (defaults: coordinator, UPM; producer above $5,000)."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="accounting_settings"
    )
    # [{"role": "coordinator", "above": "0"}, ...]
    approval_chain = models.JSONField(default=list, blank=True)

    def __str__(self):
        return f"Accounting settings — {self.production}"


class Voidable(models.Model):
    """Never deleted: voided with a reason (services.*_void reverse what it posted), and
    still listed, marked void."""

    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    void_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None


class ApprovedByChain(models.Model):
    """Spending approved by a chain of roles fixed when it is sent (services._approve): a
    purchase order or a check request."""

    # Roles that approve, in order; and who did ({"step", "by", "by_id", "at"}).
    chain = models.JSONField(default=list, blank=True)
    approvals = models.JSONField(default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def next_approver(self) -> str | None:
        done = len(self.approvals)
        return self.chain[done] if done < len(self.chain) else None


class PurchaseOrder(ApprovedByChain):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        CLOSED = "closed", "Closed"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="purchase_orders"
    )
    number = models.PositiveIntegerField()
    vendor = models.ForeignKey(
        "people.Vendor", on_delete=models.PROTECT, related_name="purchase_orders"
    )
    description = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["production", "number"], name="po_number_unique")
        ]

    def __str__(self):
        return f"PO {self.code} — {self.vendor}"

    @property
    def code(self) -> str:
        return f"{self.number:04d}"


class POLine(models.Model):
    po = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="po_lines")
    description = models.CharField(max_length=200)
    quantity = models.DecimalField(max_digits=14, decimal_places=2)
    rate = models.DecimalField(max_digits=12, decimal_places=2)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    rental_start = models.DateField(null=True, blank=True)
    rental_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.account.code} {self.description} {self.amount}"


def invoice_path(invoice: "Invoice", filename: str) -> str:
    return f"invoices/{invoice.production_id}/{filename}"


class Invoice(Voidable):
    class Status(models.TextChoices):
        ENTERED = "entered", "Entered"
        APPROVED = "approved", "Approved"
        BATCHED = "batched", "Sent to accounting"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="invoices")
    vendor = models.ForeignKey("people.Vendor", on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField("invoice no.", max_length=60)
    # The number as compared for duplicates (duplicates.invoice_number_key):
    # "KLS-01001" → "kls1001".
    number_key = models.CharField(max_length=60, default="")
    date = models.DateField()
    po = models.ForeignKey(
        PurchaseOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    file = models.FileField(upload_to=invoice_path, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ENTERED)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    batch_number = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "vendor", "number_key"],
                condition=models.Q(voided_at__isnull=True),
                name="invoice_number_once_per_vendor",
            )
        ]

    def __str__(self):
        return f"Invoice {self.number} — {self.vendor}"


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="invoice_lines")
    po_line = models.ForeignKey(
        POLine, on_delete=models.PROTECT, null=True, blank=True, related_name="invoice_lines"
    )
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.account.code} {self.amount}"


def coi_path(terms: "VendorTerms", filename: str) -> str:
    return f"vendors/{terms.vendor.production_id}/{terms.vendor_id}/{filename}"


class VendorTerms(models.Model):
    """The accounting side of a vendor: payment terms, the W-9 and its tax ID (sealed in the
    vault, shown masked, every look audited), 1099 reporting and the certificate of
    insurance with its expiry."""

    vendor = models.OneToOneField("people.Vendor", on_delete=models.CASCADE, related_name="terms")
    payment_terms = models.CharField(max_length=60, blank=True, help_text="e.g. Net 30, COD")
    w9_received = models.DateField("W-9 received", null=True, blank=True)
    tax_id_sealed = models.TextField(blank=True)
    tax_id_masked = models.CharField("tax ID", max_length=20, blank=True)
    is_1099 = models.BooleanField("1099 vendor", default=False)
    coi_expires = models.DateField("insurance certificate expires", null=True, blank=True)
    coi_file = models.FileField(upload_to=coi_path, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Terms — {self.vendor}"


class CheckRequest(ApprovedByChain, Voidable):
    """A payment without a PO (a location fee, a deposit), approved like a PO."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        PAID = "paid", "Check written"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="check_requests"
    )
    number = models.PositiveIntegerField()
    payee = models.CharField(max_length=200)
    vendor = models.ForeignKey(
        "people.Vendor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="check_requests",
    )
    reason = models.CharField(max_length=300)
    needed_by = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    check_number = models.CharField(max_length=30, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "number"], name="check_request_number_unique"
            )
        ]

    def __str__(self):
        return f"Check request {self.number} — {self.payee}"


class CheckRequestLine(models.Model):
    request = models.ForeignKey(CheckRequest, on_delete=models.CASCADE, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="check_lines")
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.account.code} {self.amount}"


class CheckPickup(models.Model):
    """The check distribution log: who picked up which check, when, handed over by whom."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    check_number = models.CharField(max_length=30)
    payee = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    picked_up_by = models.CharField(max_length=200)
    picked_up_at = models.DateTimeField()
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    check_request = models.ForeignKey(
        CheckRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="pickups"
    )
    # When the office recorded it (picked_up_at is when it happened, typed later).
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-picked_up_at"]

    def __str__(self):
        return f"Check {self.check_number} — {self.picked_up_by}"


class PaymentProblem(models.Model):
    """A tracked ticket: a vendor not paid, a crew check short — who is on it, when resolved."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    title = models.CharField("what is wrong", max_length=200)
    who = models.CharField("vendor or person", max_length=200, blank=True)
    details = models.TextField(blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["resolved_at", "-opened_at"]

    def __str__(self):
        return self.title


class PettyCashFloat(models.Model):
    """An imprest float held by one person; spent cash comes back as envelopes of receipts
    and is replenished by their total."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="floats")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="floats")
    initials = models.CharField(max_length=4)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["production", "initials"], name="float_initials_unique")
        ]

    def __str__(self):
        return f"Float {self.initials} — {self.person}"


class Envelope(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RECONCILED = "reconciled", "Reconciled"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="envelopes")
    float = models.ForeignKey(PettyCashFloat, on_delete=models.PROTECT, related_name="envelopes")
    sequence = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    grant = models.OneToOneField(
        "core.LinkGrant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cash_on_hand = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    replenished = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    reconciled_at = models.DateTimeField(null=True, blank=True)
    reconciled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The PDF for accounting, built in the background: "", "queued", "building", "ready", "failed".
    pdf = models.FileField(upload_to="envelopes/", blank=True)
    pdf_status = models.CharField(max_length=10, blank=True)
    pdf_progress = models.PositiveSmallIntegerField(default=0)  # percent
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["float__initials", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["float", "sequence"], name="envelope_sequence_unique")
        ]

    def __str__(self):
        return f"Envelope {self.code}"

    @property
    def code(self) -> str:
        return f"{self.float.initials}{self.sequence:02d}"


def receipt_path(receipt: "Receipt", filename: str) -> str:
    return f"receipts/{receipt.production_id}/{filename}"


class Receipt(Voidable):
    """What someone spent: on petty cash (in an envelope) or on a production card."""

    class Paid(models.TextChoices):
        CASH = "cash", "Petty cash"
        CARD = "card", "Production card"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="receipts")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="receipts")
    envelope = models.ForeignKey(
        Envelope, on_delete=models.PROTECT, null=True, blank=True, related_name="receipts"
    )
    paid = models.CharField(max_length=4, choices=Paid.choices, default=Paid.CASH)
    card_last4 = models.CharField(max_length=4, blank=True)
    vendor_name = models.CharField("where", max_length=200)
    date = models.DateField()
    total = models.DecimalField(max_digits=14, decimal_places=2)
    file = models.FileField(upload_to=receipt_path, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["production", "date", "total"])]

    def __str__(self):
        return f"{self.vendor_name} {self.date} {self.total}"


class ReceiptLine(models.Model):
    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="receipt_lines")
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    set_code = models.CharField("set or location", max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.account.code} {self.amount}"


class CardStatementLine(models.Model):
    """One charge on an imported card statement, matched to its receipt when found."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    card_last4 = models.CharField(max_length=4)
    date = models.DateField()
    merchant = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    receipt = models.OneToOneField(
        Receipt, on_delete=models.SET_NULL, null=True, blank=True, related_name="statement_line"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.date} {self.merchant} {self.amount}"


class FringeLine(models.Model):
    """One line of the production's fringe table (fringes.FringeRule is its arithmetic):
    what payroll adds on top of wages, posted to its fringe account with each batch."""

    class Basis(models.TextChoices):
        PERCENT = "percent", "% of wages"
        PER_HOUR = "hour", "per hour"
        PER_DAY = "day", "per day"
        PERCENT_OF_SCALE = "scale", "% of scale"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="fringe_lines"
    )
    order = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=80)
    account_code = models.CharField("fringe account", max_length=41)
    basis = models.CharField(max_length=8, choices=Basis.choices)
    # A percentage (6.2 for 6.2 %) or an amount per hour or per day.
    rate = models.DecimalField(max_digits=10, decimal_places=4)
    # The annual wage base (FICA, FUTA, SUI) or the ceiling (SAG-AFTRA P&H); None for no cap.
    cap = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # Only cards of this union ("IATSE", "SAG-AFTRA"); blank for everyone.
    union = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.name} → {self.account_code}"
