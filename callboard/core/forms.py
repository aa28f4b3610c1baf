import uuid

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.template.loader import render_to_string

from .capabilities import ROLE_CHOICES, grantable_roles
from .models import Production
from .outbox import PASSWORD_RESET, outbox_send
from .services import PRODUCTION_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FieldsetsMixin:
    """Group a form's fields under legends; fields a role may not see are skipped."""

    FIELDSETS: list[tuple[str, list[str]]] = []

    def fieldsets(self):
        groups = []
        for legend, names in self.FIELDSETS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                groups.append((legend, fields))
        return groups


class ProductionForm(FieldsetsMixin, forms.ModelForm):
    FIELDSETS = [
        (
            "The show",
            ["title", "kind", "season", "episode", "company", "union_status", "agreement"],
        ),
        ("Production office", ["office_address", "office_phone", "office_email", "time_zone"]),
        ("Dates", ["prep_start", "shoot_start", "shoot_end", "wrap_end"]),
        ("Script", ["revision_colours"]),
    ]
    revision_colours = forms.CharField(
        required=False,
        label="Revision colours, in order",
        help_text=(
            "Comma-separated. Leave empty for the usual order: "
            "White, Blue, Pink, Yellow, Green, Goldenrod, …"
        ),
        widget=forms.TextInput(
            attrs={
                "placeholder": (
                    "White, Blue, Pink, Yellow, Green, Goldenrod, Buff, Salmon, Cherry, Tan"
                )
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["revision_colours"] = ", ".join(self.instance.revision_colours or [])

    def clean_revision_colours(self):
        colours = [c.strip() for c in self.cleaned_data["revision_colours"].split(",") if c.strip()]
        if len({c.lower() for c in colours}) != len(colours):
            raise forms.ValidationError("Each colour once, please.")
        if any(len(c) > 40 for c in colours):
            raise forms.ValidationError("Colour names are at most 40 characters.")
        return colours

    class Meta:
        model = Production
        fields = PRODUCTION_FIELDS
        widgets = {
            "office_address": forms.Textarea(attrs={"rows": 3}),
            "prep_start": DATE,
            "shoot_start": DATE,
            "shoot_end": DATE,
            "wrap_end": DATE,
        }
        labels = {"shoot_end": "Last shoot day", "wrap_end": "Wrap ends"}

    def clean(self):
        data = super().clean()
        if data.get("kind") != Production.Kind.EPISODIC:
            data["season"], data["episode"] = None, ""
        order = ["prep_start", "shoot_start", "shoot_end", "wrap_end"]
        dated = [(name, data[name]) for name in order if data.get(name)]
        for (first, a), (second, b) in zip(dated, dated[1:], strict=False):
            if a > b:
                self.add_error(
                    second,
                    f"{self.fields[second].label} ({b:%b %-d, %Y}) is before "
                    f"{self.fields[first].label.lower()} ({a:%b %-d, %Y}).",
                )
        return data


class RoleChoiceMixin:
    """Offer only the roles the member making the change may grant."""

    def __init__(self, *args, capabilities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = grantable_roles(capabilities)


class InvitationForm(RoleChoiceMixin, forms.Form):
    email = forms.EmailField(max_length=254)  # the model's EmailField holds 254
    role = forms.ChoiceField(choices=ROLE_CHOICES, initial="crew")


class MembershipForm(RoleChoiceMixin, forms.Form):
    role = forms.ChoiceField(choices=ROLE_CHOICES)
    is_active = forms.BooleanField(required=False, label="Active")


class AccountSetupForm(forms.Form):
    """New account from an invitation: a name and a password."""

    name = forms.CharField(max_length=200)
    password1 = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Password again", widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        elif data.get("password1"):
            try:
                password_validation.validate_password(data["password1"])
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset, its e-mail sent as every message is: a tracked delivery, sent in the
    background. The subject is made now; the body, with its one-use link, when it is sent
    (``sending.password_reset_words``), so the link is stored nowhere."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        outbox_send(
            kind=PASSWORD_RESET,
            object_id=context["user"].pk,
            key=f"password-reset-{context['user'].pk}-{uuid.uuid4().hex}",
            production=None,
            address=to_email,
            subject=subject,
        )


class SecondFactorCodeForm(forms.Form):
    """The six digits of an authenticator app, or a recovery code (checked by accounts)."""

    code = forms.CharField(required=False, max_length=100, strip=True)

    @property
    def code_typed(self) -> str:
        return self.cleaned_data["code"] if self.is_valid() else ""


class LoginUnlockForm(forms.Form):
    """The member whose failed logins are cleared, by e-mail."""

    email = forms.CharField(required=False, max_length=254, strip=True)

    @property
    def email_typed(self) -> str:
        return self.cleaned_data["email"] if self.is_valid() else ""
