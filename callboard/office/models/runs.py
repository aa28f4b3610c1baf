"""The office PAs' days and the runs they drive (issue 20, item 2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from callboard.core.models import Production


class RunSettings(models.Model):
    """The production's mileage rate for runs in a PA's own car (the IRS rate by default)."""

    production = models.OneToOneField(Production, on_delete=models.CASCADE, related_name="+")
    mileage_rate = models.DecimalField("mileage rate per mile", max_digits=6, decimal_places=4)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(mileage_rate__gte=0), name="run_mileage_rate_not_negative"
            )
        ]

    def __str__(self):
        return f"Runs — ${self.mileage_rate}/mile"


class PADay(models.Model):
    """One PA's day in the office: the call the coordinator gave, and when they signed in and
    out (which the PA's time card takes as their call and wrap)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="pa_days")
    date = models.DateField()
    call = models.TimeField(null=True, blank=True)
    signed_in_at = models.DateTimeField(null=True, blank=True)
    signed_out_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "date"], name="one_pa_day_per_person"),
            models.CheckConstraint(
                condition=Q(signed_out_at__isnull=True)
                | Q(signed_in_at__isnull=False, signed_out_at__gte=models.F("signed_in_at")),
                name="pa_day_out_after_in",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.date}"


class Run(models.Model):
    """Something to take from one place to another, asked of the office and driven by a PA."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for a PA"
        ASSIGNED = "assigned", "Assigned"
        PICKED_UP = "picked_up", "Picked up"
        DELIVERED = "delivered", "Delivered"
        CANCELLED = "cancelled", "Cancelled"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField()
    what = models.CharField(max_length=200)
    pickup_address = models.CharField("pick up at", max_length=300)
    dropoff_address = models.CharField("drop off at", max_length=300)
    needed_by = models.DateTimeField("needed by")
    # Where the cost goes (mileage, anything bought): an account code of the chart.
    account_code = models.CharField("account to charge", max_length=41, blank=True)
    notes = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_by_label = models.CharField("asked by", max_length=200)
    assigned_to = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="runs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    picked_up_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    miles = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    # The check request that pays the PA back for the miles, once asked for.
    reimbursement = models.ForeignKey(
        "accounting.CheckRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["needed_by", "number"]
        constraints = [
            models.UniqueConstraint(fields=["production", "number"], name="run_number_unique"),
            models.CheckConstraint(
                condition=Q(miles__isnull=True) | Q(miles__gte=0), name="run_miles_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(delivered_at__isnull=True) | Q(picked_up_at__isnull=False),
                name="run_delivered_after_pick_up",
            ),
        ]
        indexes = [models.Index(fields=["production", "needed_by"])]

    def __str__(self):
        return f"Run {self.number} — {self.what}"


class RunPurchase(models.Model):
    """Something a PA bought on a run, kept as a receipt in accounting's petty cash."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="purchases")
    receipt = models.OneToOneField("accounting.Receipt", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.run}: {self.receipt}"
