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
