"""Forms for travel: they parse what was typed (a local wall-clock time stays naive — the
service gives it its place's zone) and the services decide whether it holds."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms

from callboard.core.models import TIME_ZONE_CHOICES
from callboard.core.once import OnceField
from callboard.people.models import Person

from .models import CABIN_CHOICES, Booking, Scout

LOCAL_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")


class LocalDateTimeField(forms.Field):
    """A date and time as typed at a place, without a zone (the place gives it one)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        for fmt in LOCAL_FORMATS:
            try:
                return dt.datetime.strptime(str(value).strip(), fmt)
            except ValueError:
                continue
        raise forms.ValidationError("Type a date and time (2026-03-09 14:30).")


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BookingForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, label="Who")
    status = forms.ChoiceField(choices=Booking.Status.choices, initial=Booking.Status.BOOKED)
    # Flight
    carrier = forms.CharField(max_length=60, required=False, label="Airline / company")
    number = forms.CharField(max_length=10, required=False, label="Flight number")
    origin = forms.CharField(max_length=4, required=False, label="From (airport)")
    destination = forms.CharField(max_length=4, required=False, label="To (airport)")
    cabin = forms.ChoiceField(choices=[("", "—"), *CABIN_CHOICES], required=False, label="Class")
    seat = forms.CharField(max_length=8, required=False)
    record_locator = forms.CharField(max_length=12, required=False)
    # Flight, car, transfer
    starts_local = LocalDateTimeField(required=False, label="Departs / picks up (local)")
    ends_local = LocalDateTimeField(required=False, label="Arrives / returns (local)")
    zone = forms.ChoiceField(
        choices=[("", "— the production's —"), *TIME_ZONE_CHOICES],
        required=False,
        label="Time zone of the pick-up",
    )
    # Hotel
    hotel = forms.CharField(max_length=200, required=False)
    room_type = forms.CharField(max_length=60, required=False)
    nightly_rate = forms.DecimalField(max_digits=10, decimal_places=2, required=False)
    check_in = forms.DateField(required=False, widget=DATE)
    check_out = forms.DateField(required=False, widget=DATE)
    # Car, transfer
    pickup_place = forms.CharField(max_length=200, required=False, label="Pick-up place")
    dropoff_place = forms.CharField(max_length=200, required=False, label="Drop-off / return")
    driver = forms.CharField(max_length=120, required=False)
    vehicle = forms.CharField(max_length=120, required=False)
    # Every booking
    confirmation = forms.CharField(max_length=40, required=False)
    cost = forms.DecimalField(max_digits=12, decimal_places=2, required=False, min_value=0)
    account_code = forms.CharField(max_length=41, required=False, label="Account")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    once = OnceField()  # a new booking's one-time token: a double click books it once

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.active().filter(production=production)

    @staticmethod
    def initial_for(booking: Booking) -> dict:
        initial = {
            name: getattr(booking, name)
            for name in BookingForm.base_fields
            if hasattr(booking, name) and name != "person"
        }
        initial["person"] = booking.person_id
        if booking.kind in (Booking.Kind.CAR, Booking.Kind.TRANSFER):
            initial["zone"] = booking.starts_tz
        for name, zone in (("starts", booking.starts_tz), ("ends", booking.ends_tz)):
            moment = getattr(booking, f"{name}_at")
            if moment is not None and zone:
                initial[f"{name}_local"] = moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        return initial


class TravelProfileForm(forms.Form):
    local_hire = forms.BooleanField(required=False)
    home_airports = forms.CharField(
        max_length=40, required=False, help_text="Airport codes, e.g. “LAX BUR”."
    )
    cabin_required = forms.ChoiceField(
        choices=[("", "—"), *CABIN_CHOICES], required=False, label="Class of travel (deal)"
    )
    passport_expires = forms.DateField(required=False, widget=DATE)


TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ScoutForm(forms.Form):
    date = forms.DateField(widget=DATE)
    kind = forms.ChoiceField(choices=Scout.Kind.choices, initial=Scout.Kind.SCOUT)
    call_time = forms.TimeField(widget=TIME)
    meeting_place = forms.CharField(max_length=200, label="Meet at")
    meeting_coordinates = forms.CharField(
        required=False,
        label="Meeting place's coordinates",
        help_text="Pasted from a map (34.0522, -118.2437): the stops are ordered from here.",
    )
    lunch_place = forms.CharField(max_length=200, required=False, label="Lunch stop")
    lunch_time = forms.TimeField(required=False, widget=TIME)
    lunch_minutes = forms.IntegerField(required=False, initial=45, label="Lunch (minutes)")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @staticmethod
    def initial_for(scout: Scout) -> dict:
        from callboard.locations.coordinates import format_coordinates

        return {
            "date": scout.date,
            "kind": scout.kind,
            "call_time": scout.call_time,
            "meeting_place": scout.meeting_place,
            "meeting_coordinates": format_coordinates(
                scout.meeting_latitude, scout.meeting_longitude
            ),
            "lunch_place": scout.lunch_place,
            "lunch_time": scout.lunch_time,
            "lunch_minutes": scout.lunch_minutes,
            "notes": scout.notes,
        }


class StopForm(forms.Form):
    arrives = forms.TimeField(
        required=False,
        widget=forms.TimeInput(
            attrs={"type": "time", "style": "width:8rem", "aria-label": "Arrives"}, format="%H:%M"
        ),
    )
    minutes = forms.IntegerField(
        required=False,
        initial=30,
        label="Minutes there",
        widget=forms.NumberInput(
            attrs={"min": 1, "style": "width:5rem", "aria-label": "Minutes there"}
        ),
    )
