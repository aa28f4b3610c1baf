"""What the location pages read from what is typed: one small form per action. A value that
cannot be right is a LocationError naming each problem (nothing saved)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms

from callboard.core.params import text_param

from .coordinates import CoordinatesError, parse_coordinates
from .models import LocationDocument
from .services import LocationError


def read(form_class: type[forms.Form], data) -> dict:
    form = form_class(data)
    if not form.is_valid():
        raise LocationError(
            "Nothing was saved.",
            [
                f"{form.fields[name].label or name.replace('_', ' ').capitalize()}: {problem}"
                if name != "__all__"
                else problem
                for name, found in form.errors.items()
                for problem in found
            ],
        )
    return form.cleaned_data


class Text(forms.CharField):
    """Typed text without control characters (PostgreSQL refuses NUL), cut at ``limit``."""

    def __init__(self, limit: int = 5000, **kwargs):
        super().__init__(required=kwargs.pop("required", False), **kwargs)
        self.limit = limit

    def to_python(self, value) -> str:
        return text_param(value, self.limit)


class Coordinates(forms.Field):
    def to_python(self, value):
        try:
            return parse_coordinates(value or "")
        except CoordinatesError as exc:
            raise forms.ValidationError(str(exc)) from exc


class Price(forms.Field):
    """A price as typed ("1,500", "$2,250.00"); nothing typed is none."""

    def to_python(self, value):
        typed = re.sub(r"[$,\s]", "", value or "")
        if not typed:
            return None
        try:
            price = Decimal(typed)
        except InvalidOperation:
            raise forms.ValidationError(f"“{text_param(value, 20)}” is not an amount.") from None
        if not price.is_finite() or price < 0:
            raise forms.ValidationError("write an amount of zero or more, such as 1,500.")
        return price


class LocationForm(forms.Form):
    name = Text(200, required=True)
    address = Text()
    coordinates = Coordinates(required=False, label="Coordinates")
    contact_name = Text(200, label="Contact")
    contact_phone = Text(40, label="Contact phone")
    contact_email = forms.EmailField(required=False, max_length=254, label="Contact e-mail")
    owner = Text(200)
    basecamp = Text(label="Parking & basecamp")
    crew_parking = Text()
    hospital_name = Text(200, label="Nearest hospital")
    hospital_address = Text(300, label="Hospital address")
    hospital_phone = Text(40, label="Hospital phone")
    restrooms = Text()
    power = Text()
    notes = Text()
    needs_permit = forms.BooleanField(required=False)
    airport_transfer_minutes = forms.IntegerField(
        required=False, min_value=0, max_value=600, label="From the airport (minutes)"
    )

    @staticmethod
    def service_fields(typed: dict) -> dict:
        """The form's values as location_create/location_update take them."""
        fields = dict(typed)
        latitude, longitude = fields.pop("coordinates") or (None, None)
        return {**fields, "latitude": latitude, "longitude": longitude}


class PermitForm(forms.Form):
    number = Text(60, label="Permit no.")
    issuer = Text(200)
    first_day = forms.DateField(required=False, label="From")
    last_day = forms.DateField(required=False, label="To")
    opens = forms.TimeField(required=False, label="Permitted from")
    closes = forms.TimeField(required=False, label="Permitted until")
    notes = Text()


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=LocationDocument.Kind.choices, label="Kind")
    title = Text(200)
    starts = forms.DateField(required=False, label="Starts")
    ends = forms.DateField(required=False, label="Ends / expires")


class CandidateForm(forms.Form):
    element = forms.IntegerField(min_value=1, label="Set")
    price = Price(required=False, label="Price")
    price_note = Text(200)


class StatusForm(forms.Form):
    status = Text(20, required=True)
