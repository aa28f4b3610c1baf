"""The pass request (members' page and a department head's link) and a gate's settings."""

from __future__ import annotations

from django import forms

from callboard.core.once import OnceField
from callboard.office.models import Gate, Pass

from . import queries, rules

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PassForm(forms.ModelForm):
    once = OnceField()  # a double click asks for the pass once

    class Meta:
        model = Pass
        fields = [
            "name", "company", "host", "department", "purpose", "purchase_order", "gate",
            "stage", "start_date", "end_date", "arrival_time", "departure_time", "vehicle",
            "vehicle_make", "plate", "run_of_show", "person", "notes",
        ]  # fmt: skip
        widgets = {
            "start_date": DATE, "end_date": DATE, "arrival_time": TIME, "departure_time": TIME,
        }  # fmt: skip
        labels = {
            "start_date": "First day",
            "end_date": "Last day",
            "purchase_order": "PO (a delivery)",
            "run_of_show": "Run-of-show pass (crew on for the whole run: listed once)",
            "person": "On the cast or crew list",
        }

    def __init__(self, *args, production, via_link: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.production = production
        self.fields["gate"].queryset = Gate.objects.filter(production=production)
        self.fields["gate"].empty_label = None
        self.fields["plate"].required = False
        self.fields["plate"].help_text = "Letters and digits as on the plate."
        if via_link:  # someone without an account sees no list of the production's people or POs
            del self.fields["person"]
            del self.fields["purchase_order"]
        else:
            from callboard.accounting.models import PurchaseOrder
            from callboard.people.models import Person

            self.fields["person"].queryset = Person.objects.active().filter(production=production)
            self.fields["purchase_order"].queryset = PurchaseOrder.objects.filter(
                production=production
            ).select_related("vendor")

    def clean(self):
        data = super().clean()
        for field, message in queries.pass_problems(self.production, data).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data


class GateForm(forms.ModelForm):
    columns = forms.MultipleChoiceField(
        choices=list(rules.COLUMNS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Columns the studio's security office asks for",
        help_text="None chosen: the usual set (pass, name, company, host, arrival, stage, "
        "vehicle, plate).",
    )

    class Meta:
        model = Gate
        fields = ["name", "kind", "address", "takes_call_sheet", "columns"]


class PassSendForm(forms.Form):
    """Where the office sends an approved pass (the service checks both addresses)."""

    email = forms.CharField(
        label="Guest's e-mail", max_length=254, required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )  # fmt: skip
    mobile = forms.CharField(
        label="Mobile for a text (optional)", max_length=40, required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )  # fmt: skip
