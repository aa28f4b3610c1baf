"""What the accounting pages read from what is typed, in one place: amounts and dates as people
write them, the line rows of POs, invoices, check requests and receipts, and a small form per
action. A value that cannot be right is an AccountingError naming each problem (nothing saved)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms

from callboard.core.params import id_param, text_param

from . import services
from .budgetfile import parse_amount

LINE_ROWS = 5


def amount(text: str | None, what: str) -> Decimal:
    """An amount as typed ("1,500", "$12.50"); nothing typed is 0."""
    try:
        return parse_amount(text or "0")
    except ValueError as exc:
        raise services.AccountingError("Nothing was saved.", [f"{what}: {exc}."]) from exc


def optional_date(text: str | None, what: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise services.AccountingError("Nothing was saved.", [f"{what}: write a date."]) from exc


def typed_lines(post, count: int = LINE_ROWS) -> list[tuple[int, dict]]:
    """Each line row's fields as typed (for showing a refused form back as it was)."""
    return [
        (n, {k[len(f"l{n}_") :]: v for k, v in post.items() if k.startswith(f"l{n}_")})
        for n in range(count)
    ]


def _coded_rows(post):
    """(row, account code, description, amount) of each line row with anything typed in it."""
    for n in range(LINE_ROWS):
        code = text_param(post.get(f"l{n}_account"), 41)
        description = text_param(post.get(f"l{n}_description"), 200)
        typed = (post.get(f"l{n}_amount") or "").strip()
        if code or description or typed:
            yield n, code, description, amount(typed, f"Line {n + 1}, amount")


def invoice_lines(post) -> list[services.InvoiceLineInput]:
    """An invoice's or a check request's lines, each maybe against a PO line."""
    return [
        services.InvoiceLineInput(code, description, value, id_param(post.get(f"l{n}_po_line")))
        for n, code, description, value in _coded_rows(post)
    ]


def receipt_lines(post) -> list[services.ReceiptLineInput]:
    """A receipt's lines, each maybe with its set or location."""
    return [
        services.ReceiptLineInput(code, description, value, text_param(post.get(f"l{n}_set"), 40))
        for n, code, description, value in _coded_rows(post)
    ]


def po_lines(post) -> list[services.LineInput]:
    lines = []
    for n in range(LINE_ROWS):
        code = text_param(post.get(f"l{n}_account"), 41)
        description = text_param(post.get(f"l{n}_description"), 200)
        if not code and not description:
            continue
        label = f"Line {n + 1}"
        lines.append(
            services.LineInput(
                code,
                description,
                amount(post.get(f"l{n}_quantity") or "1", f"{label}, quantity"),
                amount(post.get(f"l{n}_rate"), f"{label}, rate"),
                optional_date(post.get(f"l{n}_start"), f"{label}, rental start"),
                optional_date(post.get(f"l{n}_end"), f"{label}, rental end"),
            )
        )
    return lines


class Text(forms.Field):
    """Typed text without control characters (PostgreSQL refuses NUL), cut at ``limit``."""

    def __init__(self, limit: int):
        super().__init__(required=False)
        self.limit = limit

    def to_python(self, value) -> str:
        return text_param(value, self.limit)


class Id(forms.Field):
    """A database id, or None for anything else."""

    def __init__(self):
        super().__init__(required=False)

    def to_python(self, value) -> int | None:
        return id_param(value)


class _Parsed(forms.Field):
    """A value read by one of the helpers above, its refusal a problem of the form's."""

    def __init__(self, what: str):
        super().__init__(required=False)
        self.what = what

    def to_python(self, value):
        try:
            return type(self).parse(value, self.what)
        except services.AccountingError as exc:
            raise forms.ValidationError(exc.problems) from exc


class Amount(_Parsed):
    parse = staticmethod(amount)


class OptionalDate(_Parsed):
    parse = staticmethod(optional_date)


def read(form_class: type[forms.Form], data) -> dict:
    """The form's values; what cannot be read raises AccountingError with every problem."""
    form = form_class(data)
    if not form.is_valid():
        raise services.AccountingError(
            "Nothing was saved.", [problem for found in form.errors.values() for problem in found]
        )
    return form.cleaned_data


class VendorTermsForm(forms.Form):
    payment_terms = Text(60)
    w9_received = OptionalDate("W-9 received")
    tax_id = Text(20)
    is_1099 = Text(2)
    coi_expires = OptionalDate("Insurance expires")


class FloatForm(forms.Form):
    person = Id()
    initials = Text(4)
    amount = Amount("Float")


class ReceiptForm(forms.Form):
    date = OptionalDate("Date")
    paid = Text(10)
    vendor_name = Text(200)
    card_last4 = Text(4)


class ReconcileForm(forms.Form):
    cash_on_hand = Amount("Cash on hand")


class VoidForm(forms.Form):
    reason = Text(300)


class CheckRequestForm(forms.Form):
    vendor = Id()
    payee = Text(200)
    reason = Text(300)
    needed_by = OptionalDate("Needed by")


class PickupForm(forms.Form):
    check_number = Text(30)
    check_request = Id()
    payee = Text(200)
    amount = Amount("Amount")
    picked_up_by = Text(200)


class ProblemForm(forms.Form):
    title = Text(200)
    who = Text(200)
    details = Text(4000)
    assigned_to = Id()


class ResolveForm(forms.Form):
    resolution = Text(300)


class PurchaseOrderForm(forms.Form):
    description = Text(200)


class InvoiceForm(forms.Form):
    number = Text(60)
    date = OptionalDate("Invoice date")
    po = Id()


def read_invoice_batch(post) -> list[int]:
    """The invoices ticked for a batch (what is not an id is left out)."""
    return [pk for pk in map(id_param, post.getlist("invoice")) if pk]


class EstimateForm(forms.Form):
    account = Text(41)
    amount = Text(40)  # read by parse_amount in the view, whose refusal names the account
    note = Text(200)
    back = Text(300)


class ImportUploadForm(forms.Form):
    kind = Text(10)
    name = Text(120)


class OverrideForm(forms.Form):
    warning = Text(2000)
    reason = Text(1000)


def approval_chain(text: str) -> list[dict]:
    """Lines "role above" (at most ten): each step approves POs and check requests over that
    amount; a line that cannot be read is a problem of the AccountingError raised."""
    steps, problems = [], []
    for n, line in enumerate(text.splitlines()[:10], start=1):
        parts = line.split()
        if not parts:
            continue
        try:
            above = parse_amount(parts[1]) if len(parts) > 1 else Decimal("0")
        except ValueError as exc:
            problems.append(f"Line {n}: {exc}.")
            continue
        steps.append({"role": parts[0].lower(), "above": str(above)})
    if problems:
        raise services.AccountingError("Nothing was saved.", problems)
    return steps


class ApprovalChainForm(forms.Form):
    chain = forms.CharField(required=False, strip=False)
