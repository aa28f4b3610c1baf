"""What the paperwork pages post, parsed once: the office's packet page (one form per verb) and
the settings page. Text is taken as typed and cut to its limit, never refused for length; a
value that cannot be read is a form error, said to the person in words (``problem``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django import forms

from callboard.core.params import text_param

from . import rules

# Said for any date the office types on the packet page (the first day, a document's expiry).
DATE_PROBLEM = "Give the first day of work as a date."


class Text(forms.CharField):
    """Free text without control characters, trimmed and cut at ``limit``; blank allowed."""

    def __init__(self, limit: int = 100, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.limit = limit

    def to_python(self, value) -> str:
        return text_param(value, self.limit)


class Day(forms.DateField):
    """A date as the page's date input sends it (YYYY-MM-DD)."""

    input_formats = ["%Y-%m-%d"]

    def __init__(self, **kwargs):
        message = kwargs.pop("message", DATE_PROBLEM)
        kwargs.setdefault("error_messages", {"required": message, "invalid": message})
        super().__init__(**kwargs)


def problem(form: forms.Form) -> str:
    """The form's errors in one sentence, for the page's message."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def prefixed(data: Mapping[str, str], prefix: str, limit: int) -> dict[str, str]:
    """The posted values whose names start with ``prefix``, by the rest of the name: the
    comment on each form (comment_<kind>), each deal term (term_<name>). Only those posted."""
    return {
        key[len(prefix) :]: text_param(value, limit)
        for key, value in data.items()
        if key.startswith(prefix)
    }


def i9_documents(data: Mapping[str, str], prefix: str) -> list[rules.I9Document]:
    """Up to two identity documents (<prefix>1_title, _number, _expires, _receipt), each on
    the list its title is on; a row without a title is none."""
    documents = []
    for n in (1, 2):
        title = text_param(data.get(f"{prefix}{n}_title"), 200)
        if not title:
            continue
        expires = (data.get(f"{prefix}{n}_expires") or "").strip()
        try:
            expires_on = date.fromisoformat(expires) if expires else None
        except ValueError as exc:
            raise forms.ValidationError(DATE_PROBLEM) from exc
        documents.append(
            rules.I9Document(
                list=next(
                    (k for k, titles in rules.ACCEPTABLE_TITLES.items() if title in titles), "A"
                ),
                title=title,
                number=text_param(data.get(f"{prefix}{n}_number"), 60),
                expires=expires_on,
                receipt=data.get(f"{prefix}{n}_receipt") == "on",
            )
        )
    return documents


class PacketStartForm(forms.Form):
    person = forms.IntegerField(min_value=1)
    state = Text(2)
    kit = forms.BooleanField(required=False)
    loanout = forms.BooleanField(required=False)


class I9ExaminationForm(forms.Form):
    """The documents examined (I-9 Section 2 or Supplement B) and who examined them."""

    document_prefix = "doc"
    reviewer = Text(200)

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["documents"] = i9_documents(self.data, self.document_prefix)
        except forms.ValidationError as exc:
            self.add_error(None, exc)
        return cleaned


class I9Section2Form(I9ExaminationForm):
    first_day = Day()


class I9SupplementBForm(I9ExaminationForm):
    document_prefix = "b"
    reason = Text()
    on = Day()
    work_until = Text(20)


class ChangeAnswerForm(forms.Form):
    """The office keeps a term the person asked to change, and says why."""

    form = forms.IntegerField(min_value=1)
    reply = Text(500)


class OverrideForm(forms.Form):
    warning = Text(2000)
    reason = Text(1000)


class BankChangeAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("confirm", "confirm"), ("deny", "deny")],
        error_messages={
            "required": "Choose one of the two buttons.",
            "invalid_choice": "Choose one of the two buttons.",
        },
    )


class PhoneFormStep(forms.Form):
    """Which button the phone form was sent with: its answers saved (save) or signed and
    submitted (submit), an identity document (upload), or a change to the office's terms asked
    for (request_change). Anything else saves."""

    STEPS = ("save", "submit", "upload", "request_change")
    action = forms.ChoiceField(choices=[(step, step) for step in STEPS], required=False)

    def step(self) -> str:
        return (self.cleaned_data["action"] if self.is_valid() else "") or "save"


class ChangeRequestForm(forms.Form):
    """The person asks the office to change a term (on the phone)."""

    change_request = Text(1000)


class SignatureForm(forms.Form):
    typed_signature = Text(120)
    drawn_signature = forms.CharField(required=False, strip=False)

    def signature(self) -> dict[str, str]:
        return {
            "typed": self.cleaned_data["typed_signature"],
            "svg": self.cleaned_data["drawn_signature"][:20000],
        }


class SettingsForm(forms.Form):
    """The approval chain, payday and E-Verify; the forms' adaptations: ``adaptations``."""

    chain = forms.CharField(required=False)
    payday = Text(120)
    uses_everify = forms.BooleanField(required=False)

    def clean_chain(self) -> list[str]:
        return [s.strip().lower() for s in self.cleaned_data["chain"].split(",") if s.strip()]

    def adaptations(self, catalogue: Mapping, required: frozenset | tuple | set) -> dict:
        """{kind: {"enabled", "body" (None: the standard text), "extra": [{"label",
        "required"}]}} for every form in the catalogue; a required one is always enabled."""
        data, adapted = self.data, {}
        for kind, spec in catalogue.items():
            extra = []
            for line in data.get(f"extra_{kind}", "").splitlines()[:20]:
                label = line.strip()
                if label:
                    extra.append(
                        {"label": label.rstrip("*").strip()[:120], "required": label.endswith("*")}
                    )
            body = data.get(f"body_{kind}", "").strip()[:5000]
            adapted[kind] = {
                "enabled": kind in required or data.get(f"enabled_{kind}") == "on",
                "body": body if body != spec.body else None,
                "extra": extra,
            }
        return adapted


def posted_answers(spec, data: Mapping[str, str]) -> dict[str, str]:
    """The person's answers to a form's fields, only those the page sent (the office's terms
    are shown, not posted); a private answer left blank keeps what was sealed before (it is
    never shown back)."""
    answers = {f.name: data[f.name] for f in spec.fields if f.name in data}
    return {k: v for k, v in answers.items() if v.strip() or not spec.field(k).private}
