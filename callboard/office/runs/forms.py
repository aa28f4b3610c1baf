"""The forms of runs: what the office is asked for, and what a PA reports from the road."""

from __future__ import annotations

from django import forms

from callboard.core.once import OnceField


class RunRequestForm(forms.Form):
    what = forms.CharField(max_length=200, label="What", required=False)
    pickup_address = forms.CharField(max_length=300, label="Pick up at", required=False)
    dropoff_address = forms.CharField(max_length=300, label="Drop off at", required=False)
    needed_by = forms.DateTimeField(
        label="Needed by",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    account_code = forms.CharField(max_length=41, label="Account to charge", required=False)
    notes = forms.CharField(
        max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    once = OnceField()  # a double click asks for the run once

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        if accounts:
            self.fields["account_code"].widget = forms.Select(
                choices=[("", "— choose —")]
                + [(a.code, f"{a.code} {a.description}") for a in accounts]
            )


class DeliveredForm(forms.Form):
    # Checked by the service (negative, too many, not a number) so the message is the trade's.
    miles = forms.CharField(max_length=12, required=False, label="Miles driven")


class PurchaseForm(forms.Form):
    where = forms.CharField(max_length=200, required=False, label="Where")
    what = forms.CharField(max_length=150, required=False, label="What")
    amount = forms.DecimalField(
        max_digits=12, decimal_places=2, min_value=0.01, required=False, label="Amount"
    )
    card_last4 = forms.RegexField(
        regex=r"^\d{4}$",
        required=False,
        label="Production card (last 4), if not petty cash",
        error_messages={"invalid": "Give the last 4 digits of the card."},
    )
    photo = forms.FileField(required=False, label="Receipt photo")
    once = OnceField()  # a double click keeps the receipt once


class CallForm(forms.Form):
    call = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))


class RateForm(forms.Form):
    mileage_rate = forms.CharField(max_length=12, label="Mileage rate ($ per mile)")
