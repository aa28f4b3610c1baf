from django import forms

from callboard.core.forms import DATE
from callboard.people.forms import RecipientsForm


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


class DistributeForm(RecipientsForm):
    SENDS = "the script"
    EMAIL_ONLY = True

    valid_days = forms.IntegerField(
        min_value=1, max_value=90, initial=14, label="Links work for (days)"
    )
    message = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
