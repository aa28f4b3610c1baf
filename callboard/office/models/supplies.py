"""Supplies (the office's catalogue, stock counts, departments' requests, orders to vendors) and
the items the office issues to people (walkies, keys, passes, badges, laptops, phones, cards)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from callboard.core.models import Production


class Supply(models.Model):
    """One thing the office keeps on its shelves, bought from one vendor."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="supplies")
    name = models.CharField(max_length=120)
    vendor = models.ForeignKey(
        "people.Vendor", on_delete=models.PROTECT, null=True, blank=True, related_name="supplies"
    )
    unit = models.CharField(max_length=30, default="each")  # "box of 12", "ream", "case"
    unit_cost = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    reorder_level = models.PositiveIntegerField(default=0)
    account_code = models.CharField(max_length=41, blank=True)
    stock = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="supply_name_unique"),
            models.CheckConstraint(condition=Q(unit_cost__gte=0), name="supply_cost_not_negative"),
        ]

    def __str__(self):
        return self.name

    @property
    def below_level(self) -> bool:
        return self.stock < self.reorder_level


class StockCount(models.Model):
    """A count on the shelf: it replaces the stock, and the counts are kept as its history."""

    supply = models.ForeignKey(Supply, on_delete=models.CASCADE, related_name="counts")
    counted = models.PositiveIntegerField()
    previous = models.PositiveIntegerField()
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    counted_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-counted_at", "-id"]

    def __str__(self):
        return f"{self.supply}: {self.counted}"


class SupplyRequest(models.Model):
    """A department asks the office for some of a supply; filling it takes the stock."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting"
        FILLED = "filled", "Filled"
        DECLINED = "declined", "Declined"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="supply_requests"
    )
    supply = models.ForeignKey(Supply, on_delete=models.PROTECT, related_name="requests")
    quantity = models.PositiveIntegerField()
    department = models.ForeignKey(
        "people.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="supply_request_quantity")
        ]

    def __str__(self):
        return f"{self.supply} × {self.quantity}"


class SupplyOrderLine(models.Model):
    """A supply ordered on a PO (accounting's): on order until it arrives and joins the stock."""

    supply = models.ForeignKey(Supply, on_delete=models.PROTECT, related_name="order_lines")
    po = models.ForeignKey(
        "accounting.PurchaseOrder", on_delete=models.PROTECT, related_name="supply_lines"
    )
    quantity = models.PositiveIntegerField()
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.supply} × {self.quantity} on PO {self.po.code}"


class IssuedItem(models.Model):
    """One walkie, key, pass, badge, laptop, phone or card in someone's hands, from the day it
    was issued to the day it came back (or was reported lost)."""

    class Kind(models.TextChoices):
        WALKIE = "walkie", "Walkie"
        KEY = "key", "Key"
        PARKING = "parking", "Parking pass"
        BADGE = "badge", "Badge"
        LAPTOP = "laptop", "Laptop"
        PHONE = "phone", "Phone"
        CARD = "card", "Credit card"

    class State(models.TextChoices):
        GOOD = "good", "Good"
        DAMAGED = "damaged", "Damaged"
        LOST = "lost", "Lost"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="issued_items"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # As typed ("#12", "SN C02XK1"), and the key that finds the same item however it is typed.
    number = models.CharField(max_length=60)
    number_key = models.CharField(max_length=60)
    description = models.CharField(max_length=120, blank=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    returned_on = models.DateField(null=True, blank=True)
    returned_state = models.CharField(max_length=10, choices=State.choices, blank=True)
    return_note = models.CharField(max_length=200, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind", "number_key", "-issued_on"]
        constraints = [
            # One walkie #12 in one pair of hands at a time.
            models.UniqueConstraint(
                fields=["production", "kind", "number_key"],
                condition=Q(returned_on__isnull=True),
                name="issued_item_out_once",
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("issued_on")),
                name="issued_item_returned_after_issue",
            ),
        ]
        indexes = [models.Index(fields=["production", "returned_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"
