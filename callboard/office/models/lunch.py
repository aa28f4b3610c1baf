"""Lunch orders: the restaurants the office orders from (a vendor and its menu, typed once),
a lunch opened for a date with a cut-off and who is in, each person's order, and the dietary
notes kept on the person (sealed: only the office reads them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from callboard.core.models import Production
from callboard.people.models import Person, Vendor


class LunchSettings(models.Model):
    """The production's lunch budget: an order over it is flagged, not refused."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="lunch_settings"
    )
    per_person_budget = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(per_person_budget__isnull=True) | Q(per_person_budget__gte=0),
                name="lunch_budget_not_negative",
            )
        ]

    def __str__(self):
        return f"Lunch budget {self.per_person_budget}"


class Restaurant(models.Model):
    """A vendor the office orders lunch from, with its menu."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="lunch_restaurants"
    )
    vendor = models.ForeignKey(Vendor, on_delete=models.RESTRICT, related_name="lunch_restaurants")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vendor__name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "vendor"], name="lunch_restaurant_once")
        ]

    def __str__(self):
        return self.vendor.name


class MenuItem(models.Model):
    restaurant = models.ForeignKey(Restaurant, on_delete=models.CASCADE, related_name="menu")
    name = models.CharField(max_length=120)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    # Off the menu: no new orders, old orders keep it.
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["restaurant", "name"], name="lunch_menu_item_once"),
            models.CheckConstraint(condition=Q(price__gte=0), name="lunch_price_not_negative"),
        ]

    def __str__(self):
        return self.name


class Lunch(models.Model):
    """One day's lunch order from one restaurant: who is in, until when, and how it was paid."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="lunches")
    restaurant = models.ForeignKey(Restaurant, on_delete=models.RESTRICT, related_name="lunches")
    date = models.DateField()
    cutoff = models.DateTimeField()
    # Who is in, as the office chose them ("Office, Accounting, Art"), and the people it meant.
    who = models.CharField(max_length=300, blank=True)
    invited = models.ManyToManyField(Person, blank=True, related_name="lunches")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Coded to the budget once: a PO to the restaurant or a petty-cash receipt.
    tax = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    tip = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    purchase_order = models.ForeignKey(
        "accounting.PurchaseOrder", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    receipt = models.ForeignKey(
        "accounting.Receipt", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"Lunch {self.date} — {self.restaurant}"


class LunchOrder(models.Model):
    """One person's order on a lunch (changed until the cut-off)."""

    lunch = models.ForeignKey(Lunch, on_delete=models.CASCADE, related_name="orders")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="lunch_orders")
    note = models.CharField(max_length=200, blank=True)
    placed_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lunch", "person"], name="lunch_order_once")]

    def __str__(self):
        return f"Lunch order {self.pk}"


class LunchOrderLine(models.Model):
    order = models.ForeignKey(LunchOrder, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(MenuItem, on_delete=models.RESTRICT, related_name="+")
    quantity = models.PositiveSmallIntegerField()
    # The price when ordered: a menu change later does not change a placed order.
    price = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1) & Q(quantity__lte=99), name="lunch_quantity_1_99"
            )
        ]

    def __str__(self):
        return f"{self.quantity} × {self.item_id}"


class Diet(models.Model):
    """A person's allergies and food preferences, kept on the person and reused for every
    lunch; sealed at rest (core.vault) and shown only to the office and to the person."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="lunch_diet")
    allergies_sealed = models.TextField(blank=True)
    preferences_sealed = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return "Dietary notes"
