from django import forms
from django.forms import formset_factory
from django.utils import timezone

from callboard.core.forms import DATE, FieldsetsMixin

from .columns import column_capability
from .models import Department, DistributionGroup, Person, Vendor, VendorCategory
from .phones import phone_problem


class PersonForm(FieldsetsMixin, forms.ModelForm):
    """Add or edit one person; fields the member's role may not see are left out entirely."""

    FIELDSETS = [
        ("Who", ["kind", "first_name", "last_name", "preferred_name", "pronouns"]),
        (
            "Role on the show",
            [
                "department",
                "position",
                "is_department_head",
                "character",
                "cast_number",
                "minor_age",
                "union",
                "local",
                "start_date",
                "end_date",
                "status",
                "rate",
                "rate_unit",
            ],
        ),
        (
            "Contact",
            [
                "email",
                "phone",
                "sms_opt_in",
                "phone_other",
                "street",
                "city",
                "region",
                "postal_code",
                "country",
            ],
        ),
        (
            "Emergency contact and notes",
            ["emergency_name", "emergency_relation", "emergency_phone", "notes"],
        ),
    ]

    sms_opt_in = forms.BooleanField(
        required=False,
        label="Agrees to texts",
        help_text="Call sheets by text message when there is no working e-mail address.",
    )

    class Meta:
        model = Person
        fields = [
            "kind",
            "first_name",
            "last_name",
            "preferred_name",
            "pronouns",
            "department",
            "position",
            "is_department_head",
            "character",
            "cast_number",
            "minor_age",
            "email",
            "phone",
            "phone_other",
            "union",
            "local",
            "start_date",
            "end_date",
            "status",
            "rate",
            "rate_unit",
            "street",
            "city",
            "region",
            "postal_code",
            "country",
            "emergency_name",
            "emergency_relation",
            "emergency_phone",
            "notes",
        ]
        labels = {"kind": "List", "is_department_head": "Head of the department"}
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "phone_other": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "emergency_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, production, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.production = production
        self.instance.production = production
        self.fields["department"].queryset = Department.objects.filter(production=production)
        self.fields["sms_opt_in"].initial = bool(self.instance.sms_opt_in_at)
        if self.instance.email_bounced_at:
            # The production's day: a bounce at 11:30 PM in Los Angeles is not tomorrow's.
            bounced = timezone.localdate(self.instance.email_bounced_at, production.tzinfo)
            note = f"Mail to this address bounced on {bounced:%b %-d}: check it with them."
            self.fields["email"].help_text = note
        for name in list(self.fields):
            capability = column_capability(name)
            if capability and not membership.can(capability):
                del self.fields[name]

    def _clean_phone(self, name):
        value = self.cleaned_data[name]
        if problem := phone_problem(value):
            raise forms.ValidationError(problem)
        return value

    def clean_phone(self):
        return self._clean_phone("phone")

    def clean_phone_other(self):
        return self._clean_phone("phone_other")

    def clean_emergency_phone(self):
        return self._clean_phone("emergency_phone")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email and (
            Person.objects.active()
            .filter(production=self.production, email=email)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(
                "Someone on this production already has this e-mail address."
            )
        return email

    def clean(self):
        data = super().clean()
        if data.get("kind") == Person.Kind.CAST:
            number = data.get("cast_number")
            if number is not None and (
                Person.objects.cast()
                .filter(production=self.production, cast_number=number)
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error("cast_number", f"Cast ID {number} is already taken.")
            if not data.get("character"):
                self.add_error("character", "Cast members need the character they play.")
        elif data.get("kind") == Person.Kind.CREW and not data.get("department"):
            self.add_error("department", "Choose the department this person works in.")
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date is before the start date.")
        if data.get("rate") is not None and not data.get("rate_unit"):
            self.add_error("rate_unit", "Say whether the rate is per hour, day or week.")
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        choices=Person.Kind.choices, initial=Person.Kind.CREW, label="This list is"
    )
    file = forms.FileField(
        help_text="CSV or Excel (.xlsx), first row the column headings. Up to 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,.xlsx,.xlsm"}),
    )


class DepartmentForm(forms.Form):
    name = forms.CharField(max_length=80)


class DepartmentMoveForm(forms.Form):
    """One place up or down the crew list's order."""

    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1


class PersonAccountForm(forms.Form):
    """Which login is this person: a member's user id, or none to unlink."""

    user = forms.IntegerField(required=False, min_value=1)


class ImportReviewForm(forms.Form):
    """The review page's button: check the rows again with the columns chosen, or import."""

    action = forms.ChoiceField(
        choices=[("map", "Check again"), ("commit", "Import")], required=False
    )

    @property
    def commit(self) -> bool:
        return self.is_valid() and self.cleaned_data["action"] == "commit"


class VendorForm(forms.ModelForm):
    website = forms.URLField(required=False, max_length=200, assume_scheme="https")
    categories = forms.ModelMultipleChoiceField(
        queryset=VendorCategory.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    new_category = forms.CharField(
        max_length=80,
        required=False,
        label="Another category",
        help_text="Not in the list? Name it here and it is added for every vendor.",
    )

    class Meta:
        model = Vendor
        fields = [
            "name",
            "categories",
            "phone",
            "email",
            "website",
            "street",
            "city",
            "region",
            "postal_code",
            "account_number",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.production = production
        self.instance.production = production
        self.fields["categories"].queryset = VendorCategory.objects.filter(production=production)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if (
            Vendor.objects.active()
            .filter(production=self.production, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError("A vendor with this name is already on the list.")
        return name


class VendorContactForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(max_length=200, required=False)
    title = forms.CharField(max_length=100, required=False)
    email = forms.EmailField(required=False, max_length=254)
    phone = forms.CharField(max_length=40, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("name") and (data.get("email") or data.get("phone")):
            self.add_error("name", "Give the contact a name.")
        return data


VendorContactFormSet = formset_factory(VendorContactForm, extra=2, max_num=10)


class GroupForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = DistributionGroup
        fields = ["name", "kind", "department", "members"]

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.production = production
        self.production = production
        self.fields["department"].queryset = Department.objects.filter(production=production)
        self.fields["members"].queryset = (
            Person.objects.active()
            .filter(production=production)
            .select_related("department")
            .order_by("kind", "department__order", "last_name")
        )
        self.fields["members"].label_from_instance = lambda p: (
            f"{p.display_name} — {p.character if p.kind == Person.Kind.CAST else p.position}"
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if (
            DistributionGroup.objects.filter(production=self.production, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError("There is already a group with this name.")
        return name

    def clean(self):
        data = super().clean()
        if data.get("kind") == DistributionGroup.Kind.DEPARTMENT and not data.get("department"):
            self.add_error("department", "Choose the department this group reaches.")
        if data.get("kind") == DistributionGroup.Kind.CUSTOM and not data.get("members"):
            self.add_error("members", "Pick at least one person.")
        return data


# What crew and cast may correct about themselves, as the details-link page groups it.
SELF_FIELDSETS = [
    ("How to reach you", ["preferred_name", "pronouns", "phone", "phone_other"]),
    ("Home address", ["street", "city", "region", "postal_code", "country"]),
    ("In an emergency, call", ["emergency_name", "emergency_relation", "emergency_phone"]),
]


class PersonSelfForm(FieldsetsMixin, forms.ModelForm):
    """What crew and cast may correct about themselves through a details link."""

    FIELDSETS = SELF_FIELDSETS

    class Meta:
        model = Person
        fields = [name for _, names in SELF_FIELDSETS for name in names]
        labels = {"preferred_name": "Name you go by (if not your first name)"}
        widgets = {
            name: forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
            for name in ("phone", "phone_other", "emergency_phone")
        }


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


class RecipientsForm(forms.Form):
    """Who a document goes to: the production's distribution groups and people (the script's
    and the schedule's send forms add their own fields)."""

    # What is sent, for the message when nobody is chosen; and whether only people with an
    # e-mail address can be ticked (a watermarked copy goes by e-mail only).
    SENDS = "it"
    EMAIL_ONLY = False

    groups = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Send to groups"
    )
    people = PersonChoiceField(
        queryset=None,
        required=False,
        label="and these people",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = DistributionGroup.objects.filter(production=production)
        people = Person.objects.active().filter(production=production)
        if self.EMAIL_ONLY:
            people = people.exclude(email="")
        self.fields["people"].queryset = people.select_related("department").order_by(
            "last_name", "first_name"
        )

    def recipients(self) -> list[Person]:
        chosen = {person.pk: person for person in self.cleaned_data["people"]}
        for group in self.cleaned_data["groups"]:
            chosen.update({person.pk: person for person in group.recipients()})
        return list(chosen.values())

    def clean(self):
        data = super().clean()
        if not data.get("groups") and not data.get("people"):
            raise forms.ValidationError(f"Choose a group or some people to send {self.SENDS} to.")
        return data
