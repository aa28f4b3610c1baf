from django import forms

from callboard.core.forms import DATE


class ScriptUploadForm(forms.Form):
    file = forms.FileField(
        help_text="Fountain (.fountain, .txt), Final Draft (.fdx) or PDF.",
        widget=forms.ClearableFileInput(attrs={"accept": ".fountain,.txt,.spmd,.fdx,.pdf"}),
    )
    colour = forms.ChoiceField(label="Revision colour")
    revision_date = forms.DateField(widget=DATE)
    notes = forms.CharField(
        max_length=300, required=False, help_text="e.g. Production draft, locked"
    )

    def __init__(self, *args, colours: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colour"].choices = [(c, c) for c in colours]


class PersonChoiceField(forms.ModelMultipleChoiceField):
    """People to tick in a long list: the name, then what they do, so a search finds them by
    department, position or role as well as by name."""

    def label_from_instance(self, person) -> str:
        if person.kind == "cast":
            role = f"{person.character} (cast)" if person.character else "Cast"
        else:
            department = person.department.name if person.department else ""
            role = " · ".join(part for part in (person.position, department) if part)
        return f"{person.display_name} — {role}" if role else person.display_name


class DistributeForm(forms.Form):
    groups = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Send to groups"
    )
    people = PersonChoiceField(
        queryset=None,
        required=False,
        label="and these people",
        widget=forms.CheckboxSelectMultiple,
    )
    valid_days = forms.IntegerField(
        min_value=1, max_value=90, initial=14, label="Links work for (days)"
    )
    message = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        from callboard.people.models import DistributionGroup, Person

        self.fields["groups"].queryset = DistributionGroup.objects.filter(production=production)
        self.fields["people"].queryset = (
            Person.objects.active()
            .filter(production=production)
            .exclude(email="")
            .select_related("department")
            .order_by("last_name", "first_name")
        )

    def recipients(self):
        chosen = {person.pk: person for person in self.cleaned_data["people"]}
        for group in self.cleaned_data["groups"]:
            chosen.update({person.pk: person for person in group.recipients()})
        return list(chosen.values())

    def clean(self):
        data = super().clean()
        if not data.get("groups") and not data.get("people"):
            raise forms.ValidationError("Choose a group or some people to send the script to.")
        return data
