"""Forms for lunch orders: they parse what was typed; the services decide whether it holds
(a price, a quantity, the cut-off), so the page and the signed link refuse the same things."""

from __future__ import annotations

import re

from django import forms

from callboard.people.models import Department, DistributionGroup, Person, Vendor

from ..models import Restaurant

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
QUANTITY = re.compile(r"^q_(\d{1,9})$")


class RestaurantForm(forms.Form):
    vendor = forms.ModelChoiceField(queryset=Vendor.objects.none(), label="Restaurant (a vendor)")

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = Vendor.objects.filter(production=production).active()


class MenuItemForm(forms.Form):
    name = forms.CharField(max_length=120, label="Item")
    price = forms.CharField(max_length=20, label="Price ($)")


class BudgetForm(forms.Form):
    amount = forms.CharField(
        max_length=20, required=False, label="Per-person budget ($)",
        help_text="An order over it is flagged for the office; empty for no budget.",
    )  # fmt: skip


class LunchOpenForm(forms.Form):
    restaurant = forms.ModelChoiceField(queryset=Restaurant.objects.none())
    date = forms.DateField(widget=DATE)
    cutoff = forms.TimeField(widget=TIME, label="Cut-off (that day)")
    departments = forms.ModelMultipleChoiceField(
        queryset=Department.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    groups = forms.ModelMultipleChoiceField(
        queryset=DistributionGroup.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, label="Distribution groups",
    )  # fmt: skip
    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(), required=False, label="And these people",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restaurant"].queryset = Restaurant.objects.filter(
            production=production
        ).select_related("vendor")
        self.fields["departments"].queryset = Department.objects.filter(production=production)
        self.fields["groups"].queryset = DistributionGroup.objects.filter(production=production)
        self.fields["people"].queryset = (
            Person.objects.filter(production=production).active().order_by("last_name")
        )


class ChargeForm(forms.Form):
    how = forms.ChoiceField(
        choices=[("po", "A PO to the restaurant"), ("petty_cash", "Petty cash")],
        widget=forms.RadioSelect, initial="po", label="Paid by",
    )  # fmt: skip
    account_code = forms.CharField(max_length=20, label="Account")
    tax = forms.CharField(max_length=20, required=False, label="Tax ($)")
    tip = forms.CharField(max_length=20, required=False, label="Tip ($)")
    paid_by = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label="Who paid (petty cash)"
    )

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_by"].queryset = (
            Person.objects.filter(production=production).active().order_by("last_name")
        )


class OrderForm(forms.Form):
    """A person's order: a quantity per menu item (``q_<item id>``, empty for none), a note
    for the kitchen, and their dietary notes (kept on them for next time)."""

    note = forms.CharField(max_length=200, required=False, label="Note for the kitchen")
    allergies = forms.CharField(max_length=500, required=False)
    preferences = forms.CharField(max_length=500, required=False, label="Preferences")

    def lines(self) -> list[tuple[int, int]]:
        """(item id, quantity) for every quantity typed; an error on the form for one that is
        not a whole number."""
        lines = []
        for key, value in self.data.items():
            match = QUANTITY.match(key)
            if not match or not str(value).strip():
                continue
            try:
                lines.append((int(match.group(1)), int(str(value).strip())))
            except ValueError:
                self.add_error(None, f"“{value}” is not a quantity: type a whole number.")
        return lines
