"""Vendors' terms, check requests and payments."""

from django.contrib import messages
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render

from callboard.core.capabilities import Cap
from callboard.core.controls import (
    ControlError,
)
from callboard.core.params import id_param, text_param
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.people.models import Vendor

from .. import queries, services
from ..models import (
    Account,
    CheckPickup,
    CheckRequest,
    PaymentProblem,
    VendorTerms,
)
from .common import (
    MAX_BYTES,
    _decimal,
    _invoice_lines_from_post,
    _optional_date,
    _override,
    _posted_vendor,
    _typed_lines,
    _vendors,
    _warnings_shown,
)


@production_view(Cap.ACCOUNTING_MANAGE)
def vendors(request):
    today = request.production.today()
    terms = {
        t.vendor_id: t for t in VendorTerms.objects.filter(vendor__production=request.production)
    }
    rows = [
        (v, terms.get(v.pk), queries.coi_standing(terms.get(v.pk), today))
        for v in _vendors(request)
    ]
    return render(request, "accounting/vendors.html", {"nav": "accounting", "rows": rows})


@production_view(Cap.ACCOUNTING_MANAGE)
def vendor_terms(request, vendor_pk: int):
    vendor = get_scoped_or_404(Vendor.objects.active(), request, pk=vendor_pk)
    terms = queries.terms_for(vendor)
    revealed, problems = "", []
    if request.method == "POST" and request.POST.get("action") == "reveal":
        if not request.membership.can(Cap.ACCOUNTING_PRIVATE) or not terms.tax_id_sealed:
            raise Http404("Not available.")
        revealed = services.tax_id_read(actor=request.user, terms=terms)
    elif request.method == "POST":
        upload = request.FILES.get("coi_file")
        try:
            if upload is not None and upload.size > MAX_BYTES:
                raise services.AccountingError(
                    f"The certificate is over {MAX_BYTES // 1024 // 1024} MB."
                )
            services.vendor_terms_save(
                actor=request.user,
                vendor=vendor,
                payment_terms=text_param(request.POST.get("payment_terms"), 60),
                w9_received=_optional_date(request.POST.get("w9_received"), "W-9 received"),
                tax_id=text_param(request.POST.get("tax_id"), 20) or None,
                is_1099=request.POST.get("is_1099") == "on",
                coi_expires=_optional_date(request.POST.get("coi_expires"), "Insurance expires"),
                coi_file=(upload.name, upload.read()) if upload else None,
            )
        except services.AccountingError as exc:
            problems = exc.problems
        else:
            messages.success(request, f"{vendor}: terms saved.")
            return redirect("accounting:vendors", production=request.production.slug)
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
def payments(request):
    """Check requests, the check distribution log and payment problems, on one page."""
    problems, status = [], 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "check_request":
                vendor = _posted_vendor(request)
                made = services.check_request_create(
                    actor=request.user,
                    production=request.production,
                    vendor=vendor,
                    payee=text_param(request.POST.get("payee"), 200),
                    reason=text_param(request.POST.get("reason"), 300),
                    needed_by=_optional_date(request.POST.get("needed_by"), "Needed by"),
                    lines=_invoice_lines_from_post(request.POST),
                )
                messages.success(request, f"Check request {made.number} drafted.")
                return redirect(
                    "accounting:check_request",
                    production=request.production.slug,
                    request_pk=made.pk,
                )
            if action == "pickup":
                linked = (
                    scoped(CheckRequest, request)
                    .filter(pk=id_param(request.POST.get("check_request")))
                    .first()
                )
                services.check_pickup_record(
                    actor=request.user,
                    production=request.production,
                    check_number=text_param(request.POST.get("check_number"), 30),
                    payee=text_param(request.POST.get("payee"), 200)
                    or (linked.payee if linked else ""),
                    amount=_decimal(request.POST.get("amount"), "Amount"),
                    picked_up_by=text_param(request.POST.get("picked_up_by"), 200),
                    request=linked,
                )
                messages.success(request, "Pickup logged.")
            elif action == "problem":
                services.payment_problem_open(
                    actor=request.user,
                    production=request.production,
                    title=text_param(request.POST.get("title"), 200),
                    who=text_param(request.POST.get("who"), 200),
                    details=text_param(request.POST.get("details"), 4000),
                    assigned_to=_member(request),
                )
                messages.success(request, "Payment problem opened.")
            elif action == "resolve":
                ticket = get_scoped_or_404(
                    PaymentProblem, request, pk=id_param(request.POST.get("problem"))
                )
                services.payment_problem_update(
                    actor=request.user,
                    problem=ticket,
                    resolution=text_param(request.POST.get("resolution"), 300),
                )
                messages.success(request, "Resolved.")
            else:
                raise services.AccountingError("Unknown action.")
        except services.AccountingError as exc:
            problems, status = exc.problems, 400
        else:
            return redirect("accounting:payments", production=request.production.slug)
    requests_ = scoped(CheckRequest, request).annotate(total=Sum("lines__amount"))
    return render(
        request,
        "accounting/payments.html",
        {
            "nav": "accounting",
            "requests": requests_,
            "vendors": _vendors(request),
            "accounts": scoped(Account, request).order_by("order", "code"),
            "rows": _typed_lines(request.POST, 3),
            "pickups": scoped(CheckPickup, request).select_related("handed_by", "check_request")[
                :100
            ],
            "tickets": scoped(PaymentProblem, request).select_related("assigned_to", "opened_by"),
            "members": request.production.memberships.filter(is_active=True).select_related("user"),
            "payable": requests_.filter(
                status=CheckRequest.Status.APPROVED, voided_at__isnull=True
            ),
            "problems": problems,
            "posted": request.POST,
        },
        status=status,
    )


def _member(request):
    pk = id_param(request.POST.get("assigned_to"))
    membership = (
        request.production.memberships.filter(user_id=pk, is_active=True).first() if pk else None
    )
    return membership.user if membership else None


@production_view(Cap.ACCOUNTING_MANAGE)
def check_request(request, request_pk: int):
    found = get_scoped_or_404(
        CheckRequest.objects.select_related("vendor", "requested_by", "voided_by"),
        request,
        pk=request_pk,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit":
                services.check_request_submit(actor=request.user, request=found)
                messages.success(request, "Sent for approval.")
            elif action == "override":
                _override(request, found, queries.check_request_warnings(found))
                messages.success(
                    request, "Warning overridden; the reason is shown to the approvers."
                )
            elif action == "void":
                services.check_request_void(
                    actor=request.user,
                    request=found,
                    reason=text_param(request.POST.get("reason"), 300),
                )
                messages.success(
                    request, f"Check request {found.number} is void; what it posted is reversed."
                )
            else:
                found = services.check_request_approve(
                    actor=request.user, role=request.membership.role, request=found
                )
                messages.success(
                    request,
                    "Approved."
                    if found.status == "approved"
                    else "Approved; waiting for the next approver.",
                )
        except (services.AccountingError, ControlError) as exc:
            messages.error(request, str(exc))
        return redirect(
            "accounting:check_request", production=request.production.slug, request_pk=found.pk
        )
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
