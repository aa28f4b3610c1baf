"""The rooms' forms: a room, and a booking with its invitees picked from the lists or a group."""

from __future__ import annotations

import datetime as dt

from django import forms

from callboard.office.models import Room, RoomBooking
from callboard.people.models import DistributionGroup, Person

NOT_OURS = (
    "One of the people or groups chosen is not on this production's lists: nothing was booked."
)


class RoomForm(forms.Form):
    name = forms.CharField(max_length=80)
    capacity = forms.IntegerField(min_value=1, max_value=1000, label="Seats")
    equipment = forms.CharField(
        max_length=300, required=False, help_text="Screen, phone, whiteboard"
    )
    opens = forms.TimeField(
        initial=dt.time(8, 0), label="Office opens", widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes = forms.TimeField(
        initial=dt.time(19, 0),
        label="Office closes",
        widget=forms.TimeInput(attrs={"type": "time"}),
    )


class BookingForm(forms.Form):
    room = forms.ModelChoiceField(
        queryset=Room.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of this production's rooms."},
    )
    kind = forms.ChoiceField(choices=RoomBooking.Kind.choices, label="What it is")
    title = forms.CharField(max_length=200, label="What for")
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label="From", widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label="To", widget=forms.TimeInput(attrs={"type": "time"}))
    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Invite",
        help_text="Cast and crew from the lists (hold Ctrl or ⌘ to pick several).",
        error_messages={"invalid_choice": NOT_OURS, "invalid_pk_value": NOT_OURS},
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    groups = forms.ModelMultipleChoiceField(
        queryset=DistributionGroup.objects.none(),
        required=False,
        label="and everyone in",
        error_messages={"invalid_choice": NOT_OURS, "invalid_pk_value": NOT_OURS},
        widget=forms.CheckboxSelectMultiple,
    )
    setup_notes = forms.CharField(
        required=False,
        max_length=2000,
        label="Set-up notes for the PAs",
        help_text="Chairs, screen, catering: a task on the Office page.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.production = production
        self.fields["room"].queryset = Room.objects.filter(production=production)
        self.fields["people"].queryset = (
            Person.objects.active()
            .filter(production=production)
            .order_by("kind", "cast_number", "last_name", "first_name")
        )
        self.fields["people"].label_from_instance = _label
        self.fields["groups"].queryset = DistributionGroup.objects.filter(production=production)

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        """From and to on the day, in the production's zone."""
        zone = self.production.tzinfo
        day = self.cleaned_data["day"]
        return (
            dt.datetime.combine(day, self.cleaned_data["starts"], tzinfo=zone),
            dt.datetime.combine(day, self.cleaned_data["ends"], tzinfo=zone),
        )


def _label(person: Person) -> str:
    if person.kind == Person.Kind.CAST:
        return f"Cast · {person.full_name}{f' ({person.character})' if person.character else ''}"
    return f"Crew · {person.full_name}{f', {person.position}' if person.position else ''}"
