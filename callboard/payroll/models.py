"""Deal terms, weekly time cards (in versions), payroll batches and union-day records.

A time card's days are stored in the pay engine's own input shape, so the engine reads
them as they are; its result is stored with the card so lists and batches do not
recompute it."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from callboard.core.models import Production

from .engine import available_rules

RULE_CHOICES = [(name, name) for name in available_rules()]


class Per(models.TextChoices):
    HOUR = "hour", "per hour"
    DAY = "day", "per day"
    WEEK = "week", "per week"


class KitPer(models.TextChoices):
    DAY = "day", "per day"
    WEEK = "week", "per week"


class DealTerms(models.Model):
    """What the pay engine needs beyond the crew list's rate and unit (set by the approved
    deal memo): the rule set, the guarantee, a weekly deal's days, kit rental and the
    labour account the wages are coded to."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="deal_terms"
    )
    rules = models.CharField("rule set", max_length=40, choices=RULE_CHOICES)
    guaranteed_hours = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(24)]
    )
    days_per_week = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    kit_rental = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    kit_rental_per = models.CharField(max_length=4, choices=KitPer.choices, default=KitPer.WEEK)
    account = models.CharField("labour account", max_length=30, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Deal terms — {self.person}"


class PayrollBatch(models.Model):
    """Reviewed time cards handed to payroll together; numbered per production."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="payroll_batches"
    )
    number = models.PositiveIntegerField()
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Closed = handed to payroll and posted to the books; open while a warning on it (a
    # missing start packet, changed bank details) waits to be resolved or overridden.
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["production", "number"], name="batch_number_unique")
        ]

    def __str__(self):
        return f"Payroll batch {self.number}"


class TimeCard(models.Model):
    """One person's workweek. Approved cards are locked: a change makes the next version
    (with its reason) and the old one is kept, marked replaced."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Open"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved by department"
        REVIEWED = "reviewed", "Reviewed by the office"
        BATCHED = "batched", "Sent to payroll"

    LOCKED = (Status.APPROVED, Status.REVIEWED, Status.BATCHED)

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="time_cards")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="time_cards")
    week_start = models.DateField()
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    reason = models.CharField("why this version", max_length=300, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    # The job and the deal as of this card (the crew list may change later).
    position = models.CharField(max_length=120, blank=True)
    department = models.CharField(max_length=80, blank=True)
    union = models.CharField(max_length=60, blank=True)
    local = models.CharField(max_length=30, blank=True)
    rules = models.CharField("rule set", max_length=40, choices=RULE_CHOICES)
    rate = models.DecimalField(max_digits=12, decimal_places=4)
    per = models.CharField(max_length=4, choices=Per.choices)
    guaranteed_hours = models.DecimalField(max_digits=4, decimal_places=1)
    days_per_week = models.PositiveSmallIntegerField(default=5)
    kit_rental = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    kit_rental_per = models.CharField(max_length=4, choices=KitPer.choices, default=KitPer.WEEK)
    account = models.CharField("labour account", max_length=30, blank=True)

    # The engine's input: previous wrap as local "YYYY-MM-DDTHH:MM"; days as
    # [{"date", "call", "wrap", "meals": [{"start", "end", "grace"}], "ndb": {...}|None,
    #   "note"}] with local "HH:MM" times ("" where not filled yet).
    previous_wrap = models.CharField(max_length=16, blank=True)
    days = models.JSONField(default=list, blank=True)
    # The engine's output (pay_json) for the complete days, and its totals.
    pay = models.JSONField(default=dict, blank=True)
    wages = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    penalties = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    kit_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    gross = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))

    comments = models.TextField(blank=True)  # what to correct, from the approver
    grant = models.OneToOneField(
        "core.LinkGrant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.CharField(max_length=200, blank=True)  # the typed signature
    # Members who typed hours into this card or signed it for the person: none of them
    # approves or reviews it.
    entered_by = models.JSONField(default=list, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The flags the reviewer saw when accepting the card (kept as they read then).
    reviewed_flags = models.JSONField(default=list, blank=True)
    batch = models.ForeignKey(
        PayrollBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="cards"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-week_start", "person__last_name", "person__first_name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "week_start", "version"], name="time_card_version_unique"
            ),
            models.UniqueConstraint(
                fields=["person", "week_start"],
                condition=Q(replaced_at__isnull=True),
                name="one_current_time_card_per_week",
            ),
            models.CheckConstraint(condition=Q(rate__gte=0), name="time_card_rate_not_negative"),
        ]
        indexes = [models.Index(fields=["production", "week_start", "replaced_at"])]

    def __str__(self):
        return f"Time card — {self.person} — week of {self.week_start:%b %-d, %Y} v{self.version}"

    @property
    def is_locked(self) -> bool:
        return self.status in self.LOCKED or self.replaced_at is not None

    @property
    def worked_days(self) -> int:
        return len(self.pay.get("days", []))


class PayStub(models.Model):
    """Days proven by a pay stub from any employer, entered by hand for union eligibility."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="pay_stubs")
    employer = models.CharField(max_length=200)
    job = models.CharField(max_length=120)
    union = models.BooleanField("union job")
    start_date = models.DateField()
    end_date = models.DateField()
    days = models.PositiveSmallIntegerField("paid days", validators=[MinValueValidator(1)])
    note = models.CharField(max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=models.F("end_date")), name="pay_stub_dates_in_order"
            )
        ]

    def __str__(self):
        return f"{self.employer} — {self.job} ({self.start_date}–{self.end_date})"


class UnionDayThreshold(models.Model):
    """How many paid days a job needs to join a union local (rules differ by local)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    position = models.CharField(max_length=120)
    union = models.CharField(max_length=60, blank=True)
    local = models.CharField(max_length=30, blank=True)
    union_days = models.PositiveSmallIntegerField()
    nonunion_days = models.PositiveSmallIntegerField("non-union days")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["production", "position"], name="threshold_once")
        ]

    def __str__(self):
        return f"{self.position}: {self.union_days} union / {self.nonunion_days} non-union days"


class PayrollSettings(models.Model):
    """The hours past which a time card is flagged as not possible (the production's own)."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="payroll_settings"
    )
    max_day_worked_hours = models.DecimalField(
        "a day's worked hours up to",
        max_digits=4,
        decimal_places=1,
        default=Decimal("16"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("24"))],
    )
    max_day_elapsed_hours = models.DecimalField(
        "a day's hours from call to wrap up to",
        max_digits=4,
        decimal_places=1,
        default=Decimal("20"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("48"))],
    )
    max_week_worked_hours = models.DecimalField(
        "a week's worked hours up to",
        max_digits=5,
        decimal_places=1,
        default=Decimal("90"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("168"))],
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Payroll settings — {self.production}"
