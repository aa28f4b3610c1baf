"""Petty cash: floats, envelopes, receipts (also by the crew's signed link), card
statements and expense reports."""

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.db.models import Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.distribution.services import link_opened
from callboard.documents.storage import stored_extension, stored_file_response
from callboard.documents.tabular import TableError, read_table, size_problem
from callboard.people.models import Person

from .. import exports, forms, pettycash, queries, services
from ..budgetfile import BudgetFileError, parse_amount
from ..costreport import dollars
from ..models import (
    Account,
    CardStatementLine,
    Envelope,
    Receipt,
)
from .common import MAX_BYTES


def _receipt_from_post(request, *, production, person, envelope, actor=None, who=""):
    upload = request.FILES.get("file")
    if upload is not None and upload.size > 60 * 1024 * 1024:
        raise services.AccountingError("The photo is over 60 MB.")
    typed = forms.read(forms.ReceiptForm, request.POST)
    if typed["date"] is None:
        raise services.AccountingError("Nothing was saved.", ["Give the receipt's date."])
    paid = "card" if typed["paid"] == "card" else "cash"
    return services.receipt_add(
        production=production,
        person=person,
        envelope=envelope if paid == "cash" else None,
        on=typed["date"],
        vendor_name=typed["vendor_name"],
        lines=forms.receipt_lines(request.POST),
        paid=paid,
        card_last4=typed["card_last4"],
        file=(upload.name, upload.read()) if upload else None,
        actor=actor,
        who=who,
    )


def _envelope_rows(envelope) -> list:
    return [
        (r, [] if r.voided_at else queries.receipt_flags_for(r))
        for r in envelope.receipts.select_related("person", "voided_by").prefetch_related(
            "lines__account"
        )
    ]


def _petty_cash_page(request, problems=()) -> HttpResponse:
    """The floats and their envelopes, card statements; after a refused post, its problems
    with status 400."""
    envelopes = (
        scoped(Envelope, request)
        .select_related("float__person")
        .annotate(receipts_total=Sum("receipts__total", filter=Q(receipts__voided_at__isnull=True)))
        .order_by("float__initials", "-sequence")
    )
    statement = CardStatementLine.objects.filter(production=request.production).select_related(
        "receipt"
    )
    unmatched_cards = scoped(Receipt, request).filter(
        paid="card", statement_line__isnull=True, voided_at__isnull=True
    )
    return render(
        request,
        "accounting/petty_cash.html",
        {
            "nav": "accounting",
            "envelopes": envelopes,
            "problems": problems,
            "people": Person.objects.active().filter(production=request.production),
            "statement": statement,
            "unmatched_cards": unmatched_cards.select_related("person"),
        },
        status=400 if problems else 200,
    )


def _petty_cash_done(request) -> HttpResponse:
    return redirect("accounting:petty_cash", production=request.production.slug)


@production_view(Cap.ACCOUNTING_MANAGE)
def petty_cash(request) -> HttpResponse:
    """The petty cash page; a new float and a card statement each post to their own URL."""
    return _petty_cash_page(request)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def float_create(request) -> HttpResponse:
    try:
        typed = forms.read(forms.FloatForm, request.POST)
        envelope = services.float_create(
            actor=request.user,
            production=request.production,
            person=get_scoped_or_404(Person, request, pk=typed["person"]),
            initials=typed["initials"],
            amount=typed["amount"],
        )
    except services.AccountingError as exc:
        return _petty_cash_page(request, exc.problems)
    messages.success(request, f"Float set up; envelope {envelope.code} is open.")
    return _petty_cash_done(request)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def card_statement_import(request) -> HttpResponse:
    try:
        count, matched = services.card_statement_import(
            actor=request.user, production=request.production, rows=_statement_rows(request)
        )
    except (services.AccountingError, TableError, BudgetFileError) as exc:
        return _petty_cash_page(request, exc.problems)
    messages.success(request, f"{count} statement lines imported; {matched} matched to receipts.")
    return _petty_cash_done(request)


def _statement_rows(request) -> list[dict]:
    """A card statement CSV/XLSX: card (last 4), date, merchant (or description), amount."""
    upload = request.FILES.get("file")
    if upload is None:
        raise services.AccountingError("Choose the statement file.")
    if problem := size_problem(upload.size, MAX_BYTES):  # before the upload is read into memory
        raise TableError([problem])
    table = read_table(upload.name, upload.read(), max_bytes=MAX_BYTES)
    heads = [h.strip().lower() for h in table.headers]

    def col(*names):
        return next((i for i, h in enumerate(heads) if h in names), None)

    card, on, merchant, amount = (
        col("card", "card number", "last 4", "account"),
        col("date", "transaction date", "posted"),
        col("merchant", "description", "payee"),
        col("amount", "charge"),
    )
    if None in (on, merchant, amount):
        raise services.AccountingError(
            "Nothing was imported.", ["The statement needs date, merchant and amount columns."]
        )
    rows, problems = [], []
    for number, values in zip(table.row_numbers, table.rows, strict=True):
        cells = values + [""] * (len(heads) - len(values))
        try:
            when = _parse_statement_date(cells[on])
            value = parse_amount(cells[amount])
        except ValueError as exc:
            problems.append(f"Row {number}: {exc}.")
            continue
        digits = "".join(ch for ch in (cells[card] if card is not None else "") if ch.isdigit())[
            -4:
        ]
        rows.append(
            {"card_last4": digits, "date": when, "merchant": cells[merchant][:200], "amount": value}
        )
    if problems:
        raise services.AccountingError("Nothing was imported.", problems[:50])
    return rows


def _parse_statement_date(text: str) -> date:
    from datetime import datetime

    for shape in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"):
        try:
            found = datetime.strptime(text.strip(), shape).date()
        except ValueError:
            continue
        if 1900 <= found.year <= 2999:
            return found
    raise ValueError(f"“{text[:20]}” is not a date")


def _envelope(request, envelope_pk: int) -> Envelope:
    return get_scoped_or_404(
        Envelope.objects.select_related("float__person"), request, pk=envelope_pk
    )


def _envelope_page(request, found: Envelope, problems=(), status: int = 200) -> HttpResponse:
    """The envelope, its receipts and totals; after a refused post, its problems and what was
    typed, with status 400."""
    found.refresh_from_db()
    lines = [
        (ln.account.code, ln.amount)
        for r in found.receipts.filter(voided_at__isnull=True)
        for ln in r.lines.select_related("account")
    ]
    return render(
        request,
        "accounting/envelope.html",
        {
            "nav": "accounting",
            "envelope": found,
            "rows": _envelope_rows(found),
            "problems": problems,
            "accounts": scoped(Account, request).order_by("order", "code"),
            "line_rows": forms.typed_lines(request.POST, 3),
            "posted": request.POST if problems else None,
            "totals": pettycash.reconcile(
                float_amount=found.float.amount,
                lines=lines,
                cash_on_hand=found.cash_on_hand or Decimal(0),
            ),
        },
        status=status,
    )


def _envelope_done(request, found: Envelope) -> HttpResponse:
    return redirect("accounting:envelope", production=request.production.slug, envelope_pk=found.pk)


@production_view(Cap.ACCOUNTING_MANAGE)
def envelope(request, envelope_pk: int) -> HttpResponse:
    """The envelope page; each thing done on it posts to its own URL below."""
    return _envelope_page(request, _envelope(request, envelope_pk))


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def envelope_receipt_add(request, envelope_pk: int) -> HttpResponse:
    found = _envelope(request, envelope_pk)
    try:
        _, flags = _receipt_from_post(
            request,
            production=request.production,
            person=found.float.person,
            envelope=found,
            actor=request.user,
        )
    except services.AccountingError as exc:
        return _envelope_page(request, found, exc.problems, 400)
    messages.success(request, "Receipt added.")
    for flag in flags:
        messages.warning(request, flag)
    return _envelope_done(request, found)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def envelope_reconcile(request, envelope_pk: int) -> HttpResponse:
    found = _envelope(request, envelope_pk)
    try:
        typed = forms.read(forms.ReconcileForm, request.POST)
        found = services.envelope_reconcile(
            actor=request.user, envelope=found, cash_on_hand=typed["cash_on_hand"]
        )
    except services.AccountingError as exc:
        return _envelope_page(request, found, exc.problems, 400)
    messages.success(
        request, f"Envelope {found.code} reconciled: replenish {dollars(found.replenished)}."
    )
    return _envelope_done(request, found)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def envelope_receipt_void(request, envelope_pk: int, receipt_pk: int) -> HttpResponse:
    found = _envelope(request, envelope_pk)
    receipt = get_scoped_or_404(Receipt, request, pk=receipt_pk, envelope=found)
    try:
        typed = forms.read(forms.VoidForm, request.POST)
        services.receipt_void(actor=request.user, receipt=receipt, reason=typed["reason"])
    except services.AccountingError as exc:
        return _envelope_page(request, found, exc.problems, 400)
    messages.success(request, f"The receipt from {receipt.vendor_name} is void.")
    return _envelope_done(request, found)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def envelope_link_send(request, envelope_pk: int) -> HttpResponse:
    found = _envelope(request, envelope_pk)
    try:
        services.envelope_link_send(actor=request.user, envelope=found)
    except services.AccountingError as exc:
        return _envelope_page(request, found, exc.problems, 400)
    messages.success(request, f"Link sent to {found.float.person.display_name}.")
    return _envelope_done(request, found)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def envelope_pdf_make(request, envelope_pk: int) -> HttpResponse:
    found = _envelope(request, envelope_pk)
    services.envelope_pdf_queue(envelope=found)
    messages.info(request, "The envelope PDF is being made; this page shows its progress.")
    return _envelope_done(request, found)


@production_view(Cap.ACCOUNTING_MANAGE)
def envelope_pdf_status(request, envelope_pk: int) -> HttpResponse:
    found = get_scoped_or_404(Envelope, request, pk=envelope_pk)
    return render(request, "accounting/_envelope_pdf.html", {"envelope": found})


@production_view(Cap.ACCOUNTING_MANAGE)
def envelope_pdf_file(request, envelope_pk: int) -> HttpResponse:
    found = get_scoped_or_404(Envelope.objects.select_related("float"), request, pk=envelope_pk)
    if found.pdf_status != "ready" or not found.pdf:
        raise Http404("Not made yet.")
    return stored_file_response(
        found.pdf, content_type="application/pdf", filename=f"envelope-{found.code}.pdf"
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def receipt_file(request, receipt_pk: int) -> HttpResponse:
    found = get_scoped_or_404(Receipt, request, pk=receipt_pk)
    if not found.file:
        raise Http404("No photo.")
    extension = stored_extension(found.file, found.content_type)
    return stored_file_response(
        found.file,
        content_type=found.content_type or None,
        filename=f"receipt-{found.pk}.{extension}",
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def expense_reports(request) -> HttpResponse:
    """What each person spent, by account: petty cash and card receipts."""
    people: dict[int, dict] = {}
    for row in queries.expense_lines(request.production):
        entry = people.setdefault(
            row["receipt__person_id"],
            {
                "name": (
                    f"{row['receipt__person__first_name']} {row['receipt__person__last_name']}"
                ).strip(),
                "lines": [],
                "total": Decimal(0),
            },
        )
        entry["lines"].append(row)
        entry["total"] += row["total"]
    return render(
        request, "accounting/expense_reports.html", {"nav": "accounting", "people": people.values()}
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def expense_reports_csv(request) -> HttpResponse:
    response = HttpResponse(
        exports.expense_reports_csv(queries.expense_lines(request.production)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{request.production.slug}-expense-reports.csv"'
    )
    return response


def receipts_by_link(request, token: str) -> HttpResponse:
    """The float holder's phone: add receipts to their open envelope."""
    try:
        grant = link_grant_resolve(token, purpose=services.RECEIPTS_LINK_PURPOSE)
    except LinkInvalid as exc:
        return render(request, "core/link_invalid.html", {"reason": str(exc)}, status=410)
    found = (
        Envelope.objects.filter(pk=grant.subject_id, grant=grant)
        .select_related("float__person", "production")
        .first()
    )
    if found is None or found.status != Envelope.Status.OPEN:
        return render(
            request,
            "core/link_invalid.html",
            {"reason": "This envelope has been reconciled; the office will send the next one."},
            status=410,
        )
    person = found.float.person
    link_opened(grant=grant)
    problems, flags, status = [], [], 200
    if request.method == "POST":
        try:
            _, flags = _receipt_from_post(
                request,
                production=found.production,
                person=person,
                envelope=found,
                who=f"{person.display_name} (link)",
            )
        except services.AccountingError as exc:
            problems, status = exc.problems, 400
        else:
            if not flags:
                return redirect("receipts_by_link", token=token)
    accounts = Account.objects.filter(production=found.production).order_by("order", "code")
    return render(
        request,
        "accounting/phone_receipts.html",
        {
            "envelope": found,
            "person": person,
            "rows": _envelope_rows(found),
            "accounts": accounts,
            "problems": problems,
            "flags": flags,
            "line_rows": forms.typed_lines(request.POST if problems else {}, 3),
            "posted": request.POST if problems else None,
            "total": sum(
                (r.total for r in found.receipts.filter(voided_at__isnull=True)), Decimal(0)
            ),
        },
        status=status,
    )
