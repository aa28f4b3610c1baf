"""The binder page's upload form."""

from django import forms

from ..models import WrapDocument


class WrapDocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=WrapDocument.Kind.choices)
    title = forms.CharField(max_length=200, help_text="Who or what it releases.")
    file = forms.FileField(help_text="A PDF, or a photo (JPEG, PNG) of a signed page; up to 25 MB.")
