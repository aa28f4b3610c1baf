"""Forms for supplies and issued items: they parse what was typed; the services decide."""

from __future__ import annotations

from django import forms

from callboard.core.once import OnceField
from callboard.people.models import Department, Person, Vendor

from ..models import IssuedItem, Supply

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WHOLE = {"invalid": "Type a whole number."}


class SupplyForm(forms.Form):
    name = forms.CharField(max_length=120)
    vendor = forms.ModelChoiceField(
        queryset=Vendor.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose one of this production's vendors."},
    )
    unit = forms.CharField(max_length=30, initial="each", help_text="each, box of 12, ream, case")
    unit_cost = forms.DecimalField(
        max_digits=10, decimal_places=2, label="Unit cost ($)", initial=0,
        error_messages={"invalid": "Type an amount in dollars and cents."},
    )  # fmt: skip
    reorder_level = forms.IntegerField(
        initial=0, error_messages=WHOLE, help_text="Under this many on the shelf, it is reordered."
    )
    account_code = forms.CharField(max_length=41, required=False, label="Account")

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = Vendor.objects.active().filter(production=production)

    @staticmethod
    def initial_for(supply: Supply) -> dict:
        return {
            "name": supply.name,
            "vendor": supply.vendor_id,
            "unit": supply.unit,
            "unit_cost": supply.unit_cost,
            "reorder_level": supply.reorder_level,
            "account_code": supply.account_code,
        }


class CountForm(forms.Form):
    counted = forms.IntegerField(label="On the shelf", error_messages=WHOLE)
    note = forms.CharField(max_length=200, required=False)


class RequestForm(forms.Form):
    supply = forms.ModelChoiceField(
        queryset=Supply.objects.none(),
        error_messages={"invalid_choice": "Choose a supply from the office's catalogue."},
    )
    quantity = forms.IntegerField(initial=1, error_messages=WHOLE)
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose one of this production's departments."},
    )
    note = forms.CharField(max_length=200, required=False)
    once = OnceField()  # a double click asks once

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supply"].queryset = Supply.objects.filter(production=production)
        self.fields["department"].queryset = Department.objects.filter(production=production)


class IssueForm(forms.Form):
    kind = forms.ChoiceField(choices=IssuedItem.Kind.choices, label="What")
    number = forms.CharField(max_length=60, label="Number / serial")
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="To",
        error_messages={"invalid_choice": "Issue it to someone on this production's lists."},
    )
    issued_on = forms.DateField(widget=DATE, label="Issued on")
    description = forms.CharField(max_length=120, required=False, label="Model / notes")

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.active().filter(production=production)


class ReturnForm(forms.Form):
    returned_on = forms.DateField(widget=DATE, label="Back on")
    state = forms.ChoiceField(choices=IssuedItem.State.choices)
    note = forms.CharField(max_length=200, required=False)
