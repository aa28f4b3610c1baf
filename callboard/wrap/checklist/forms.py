"""The wrap checklist's form: it parses what was typed (with the messages a person reads);
the services decide."""

from __future__ import annotations

from django import forms

from ..models import ChecklistItem
from .queries import possible_owners

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name or obj.email


class ChecklistItemForm(forms.Form):
    title = forms.CharField(
        label="To do",
        max_length=200,
        error_messages={
            "required": "Say what is to be done.",
            "max_length": "Keep the item under 200 characters; put the rest in its notes.",
        },
    )
    category = forms.ChoiceField(
        choices=ChecklistItem.Category.choices,
        initial=ChecklistItem.Category.OTHER,
        error_messages={"invalid_choice": "Choose one of the categories."},
    )
    owner = OwnerField(
        queryset=None,
        required=False,
        empty_label="(nobody yet)",
        error_messages={"invalid_choice": "The owner must be a member of this production."},
    )
    due = forms.DateField(
        required=False,
        widget=DATE,
        error_messages={"invalid": "Type the due date as a date (YYYY-MM-DD)."},
    )
    notes = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Keep the notes under 2,000 characters."},
    )

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = possible_owners(production)

    @staticmethod
    def initial_for(item: ChecklistItem) -> dict:
        return {
            "title": item.title,
            "category": item.category,
            "owner": item.owner_id,
            "due": item.due,
            "notes": item.notes,
        }

    def first_error(self) -> str:
        return next(iter(e for errors in self.errors.values() for e in errors), "")
