"""Vendors' terms, check requests and payments."""

from django.contrib import messages
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.people.models import Vendor

from .. import forms, queries, services
from ..models import (
    Account,
    CheckPickup,
    CheckRequest,
    PaymentProblem,
    VendorTerms,
)
from .common import (
    MAX_BYTES,
    _override,
    _stale_post,
    _step,
    _vendors,
    _warnings_shown,
)


@production_view(Cap.ACCOUNTING_MANAGE)
def vendors(request) -> HttpResponse:
    today = request.production.today()
    terms = {
        t.vendor_id: t for t in VendorTerms.objects.filter(vendor__production=request.production)
    }
    rows = [
        (v, terms.get(v.pk), queries.coi_standing(terms.get(v.pk), today))
        for v in _vendors(request)
    ]
    return render(request, "accounting/vendors.html", {"nav": "accounting", "rows": rows})


def _vendor_terms_page(request, vendor, terms, *, revealed="", problems=()) -> HttpResponse:
    return render(
        request,
        "accounting/vendor_terms.html",
        {
            "nav": "accounting",
            "vendor": vendor,
            "terms": terms,
            "revealed": revealed,
            "problems": problems,
            "can_private": request.membership.can(Cap.ACCOUNTING_PRIVATE),
            "standing": queries.coi_standing(
                terms if terms.pk else None, request.production.today()
            ),
            "posted": request.POST if problems else None,
        },
        status=400 if problems else 200,
    )


@production_view(Cap.ACCOUNTING_MANAGE)
def vendor_terms(request, vendor_pk: int) -> HttpResponse:
    """A vendor's terms (W-9, tax ID, insurance); the form saves them here."""
    vendor = get_scoped_or_404(Vendor.objects.active(), request, pk=vendor_pk)
    terms = queries.terms_for(vendor)
    if request.method != "POST":
        return _vendor_terms_page(request, vendor, terms)
    upload = request.FILES.get("coi_file")
    try:
        if upload is not None and upload.size > MAX_BYTES:
            raise services.AccountingError(
                f"The certificate is over {MAX_BYTES // 1024 // 1024} MB."
            )
        typed = forms.read(forms.VendorTermsForm, request.POST)
        services.vendor_terms_save(
            actor=request.user,
            vendor=vendor,
            payment_terms=typed["payment_terms"],
            w9_received=typed["w9_received"],
            tax_id=typed["tax_id"] or None,
            is_1099=typed["is_1099"] == "on",
            coi_expires=typed["coi_expires"],
            coi_file=(upload.name, upload.read()) if upload else None,
        )
    except services.AccountingError as exc:
        return _vendor_terms_page(request, vendor, terms, problems=exc.problems)
    messages.success(request, f"{vendor}: terms saved.")
    return redirect("accounting:vendors", production=request.production.slug)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def vendor_tax_id_reveal(request, vendor_pk: int) -> HttpResponse:
    """The vendor's whole tax ID, shown once on the page (the look is audited)."""
    vendor = get_scoped_or_404(Vendor.objects.active(), request, pk=vendor_pk)
    terms = queries.terms_for(vendor)
    if not request.membership.can(Cap.ACCOUNTING_PRIVATE) or not terms.tax_id_sealed:
        raise Http404("Not available.")
    revealed = services.tax_id_read(actor=request.user, terms=terms)
    return _vendor_terms_page(request, vendor, terms, revealed=revealed)


def _payments_page(request, problems=(), refused: str = "") -> HttpResponse:
    """Check requests, the check distribution log and payment problems, on one page; after a
    refused post (``refused`` names the form), its problems and what was typed, status 400."""
    requests_ = scoped(CheckRequest, request).annotate(total=Sum("lines__amount"))
    return render(
        request,
        "accounting/payments.html",
        {
            "nav": "accounting",
            "requests": requests_,
            "vendors": _vendors(request),
            "accounts": scoped(Account, request).order_by("order", "code"),
            "rows": forms.typed_lines(request.POST, 3),
            "pickups": scoped(CheckPickup, request).select_related("handed_by", "check_request")[
                :100
            ],
            "tickets": scoped(PaymentProblem, request).select_related("assigned_to", "opened_by"),
            "members": request.production.memberships.filter(is_active=True).select_related("user"),
            "payable": requests_.filter(
                status=CheckRequest.Status.APPROVED, voided_at__isnull=True
            ),
            "problems": problems,
            "refused": refused,
            "posted": request.POST,
        },
        status=400 if problems else 200,
    )


def _payments_done(request) -> HttpResponse:
    return redirect("accounting:payments", production=request.production.slug)


@production_view(Cap.ACCOUNTING_MANAGE)
def payments(request) -> HttpResponse:
    """The payments page; each form on it posts to its own URL below."""
    return _payments_page(request)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def check_request_create(request) -> HttpResponse:
    try:
        typed = forms.read(forms.CheckRequestForm, request.POST)
        made = services.check_request_create(
            actor=request.user,
            production=request.production,
            vendor=_vendors(request).filter(pk=typed["vendor"]).first(),
            payee=typed["payee"],
            reason=typed["reason"],
            needed_by=typed["needed_by"],
            lines=forms.invoice_lines(request.POST),
        )
    except services.AccountingError as exc:
        return _payments_page(request, exc.problems, refused="check_request")
    messages.success(request, f"Check request {made.number} drafted.")
    return redirect(
        "accounting:check_request", production=request.production.slug, request_pk=made.pk
    )


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def check_pickup_record(request) -> HttpResponse:
    try:
        typed = forms.read(forms.PickupForm, request.POST)
        linked = scoped(CheckRequest, request).filter(pk=typed["check_request"]).first()
        services.check_pickup_record(
            actor=request.user,
            production=request.production,
            check_number=typed["check_number"],
            payee=typed["payee"] or (linked.payee if linked else ""),
            amount=typed["amount"],
            picked_up_by=typed["picked_up_by"],
            request=linked,
        )
    except services.AccountingError as exc:
        return _payments_page(request, exc.problems, refused="pickup")
    messages.success(request, "Pickup logged.")
    return _payments_done(request)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def payment_problem_open(request) -> HttpResponse:
    try:
        typed = forms.read(forms.ProblemForm, request.POST)
        services.payment_problem_open(
            actor=request.user,
            production=request.production,
            title=typed["title"],
            who=typed["who"],
            details=typed["details"],
            assigned_to=queries.active_member(request.production, typed["assigned_to"]),
        )
    except services.AccountingError as exc:
        return _payments_page(request, exc.problems, refused="problem")
    messages.success(request, "Payment problem opened.")
    return _payments_done(request)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def payment_problem_resolve(request, problem_pk: int) -> HttpResponse:
    ticket = get_scoped_or_404(PaymentProblem, request, pk=problem_pk)
    try:
        typed = forms.read(forms.ResolveForm, request.POST)
        services.payment_problem_update(
            actor=request.user, problem=ticket, resolution=typed["resolution"]
        )
    except services.AccountingError as exc:
        return _payments_page(request, exc.problems, refused="resolve")
    messages.success(request, "Resolved.")
    return _payments_done(request)


def _check_request(request, request_pk: int) -> CheckRequest:
    return get_scoped_or_404(
        CheckRequest.objects.select_related("vendor", "requested_by", "voided_by"),
        request,
        pk=request_pk,
    )


def _check_request_act(request, request_pk: int, act) -> HttpResponse:
    found = _check_request(request, request_pk)
    return _step(request, found, act, "accounting:check_request", request_pk=request_pk)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def check_request_submit(request, request_pk: int) -> HttpResponse:
    def act(found):
        services.check_request_submit(actor=request.user, request=found)
        return "Sent for approval."

    return _check_request_act(request, request_pk, act)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def check_request_override(request, request_pk: int) -> HttpResponse:
    def act(found):
        _override(request, found, queries.check_request_warnings(found))
        return "Warning overridden; the reason is shown to the approvers."

    return _check_request_act(request, request_pk, act)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def check_request_void(request, request_pk: int) -> HttpResponse:
    def act(found):
        typed = forms.read(forms.VoidForm, request.POST)
        services.check_request_void(actor=request.user, request=found, reason=typed["reason"])
        return f"Check request {found.number} is void; what it posted is reversed."

    return _check_request_act(request, request_pk, act)


@production_view(Cap.ACCOUNTING_MANAGE)
@require_POST
def check_request_approve(request, request_pk: int) -> HttpResponse:
    def act(found):
        found = services.check_request_approve(
            actor=request.user, role=request.membership.role, request=found
        )
        if found.status == "approved":
            return "Approved."
        return "Approved; waiting for the next approver."

    return _check_request_act(request, request_pk, act)


@production_view(Cap.ACCOUNTING_MANAGE)
def check_request(request, request_pk: int) -> HttpResponse:
    """A check request, its approvals and warnings; each step posts to its own URL above."""
    found = _check_request(request, request_pk)
    if stale := _stale_post(request):
        return stale
    return render(
        request,
        "accounting/check_request.html",
        {
            "nav": "accounting",
            "check": found,
            "lines": found.lines.select_related("account"),
            "total": queries.check_request_total(found),
            "my_step": queries.approver_step(request.membership.role, found),
            "warnings": _warnings_shown(
                found,
                lambda: queries.check_request_warnings(found),
                found.status in ("draft", "pending") and not found.voided_at,
            ),
            "can_override": request.membership.can(Cap.ACCOUNTING_OVERRIDE),
        },
    )
