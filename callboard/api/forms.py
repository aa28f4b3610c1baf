from django import forms

from callboard.core.events import EVENT_LABELS

from .services import EXPIRY_DAYS


class TokenForm(forms.Form):
    membership = forms.ModelChoiceField(queryset=None, label="Production", empty_label=None)
    name = forms.CharField(
        max_length=100, help_text="What will use it, e.g. “Payroll sync” or “Studio dashboard”."
    )
    can_write = forms.BooleanField(
        required=False,
        label="Write",
        help_text="Add and change people, booking and delivery states (as your role may).",
    )
    can_read_private = forms.BooleanField(
        required=False,
        label="Private fields",
        help_text="Addresses, rates, SSNs and bank numbers, where your role sees them; "
        "each read is in the audit log.",
    )
    days = forms.TypedChoiceField(
        choices=[(d, f"{d} days") for d in EXPIRY_DAYS], coerce=int, initial=90, label="Expires in"
    )
    code = forms.CharField(
        required=False,
        max_length=20,
        label="Authenticator code",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, memberships, needs_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.production.title} ({m.get_role_display()})"
        )
        if needs_code:
            self.fields["code"].required = True
            self.fields["code"].help_text = "Your role signs in with a second factor: confirm it."
        else:
            del self.fields["code"]


class WebhookForm(forms.Form):
    url = forms.CharField(
        label="URL",
        max_length=500,
        help_text="Where Callboard POSTs each event (https://…). Not an address on the server's "
        "own network.",
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/callboard/events"}),
    )
    events = forms.MultipleChoiceField(
        choices=[(event.value, label) for event, label in EVENT_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one event to send."},
    )
