"""What the accounting pages share: reading typed rows, amounts and dates from a form, the
vendor picker, and showing or overriding warnings."""

from datetime import date
from decimal import Decimal

from callboard.core.capabilities import Cap
from callboard.core.controls import (
    Warning,
    open_warnings,
    overrides_for,
    warnings_with_overrides,
)
from callboard.core.params import id_param, text_param
from callboard.core.services import warning_override
from callboard.people.models import Vendor

from .. import services
from ..budgetfile import parse_amount

MAX_BYTES = 10 * 1024 * 1024


LINE_ROWS = 5


def _typed_lines(post, count: int = LINE_ROWS) -> list[tuple[int, dict]]:
    """Each line row's fields as typed (for showing a refused form back as it was)."""
    return [
        (n, {k[len(f"l{n}_") :]: v for k, v in post.items() if k.startswith(f"l{n}_")})
        for n in range(count)
    ]


def _decimal(text: str, what: str) -> Decimal:
    try:
        return parse_amount(text or "0")
    except ValueError as exc:
        raise services.AccountingError("Nothing was saved.", [f"{what}: {exc}."]) from exc


def _optional_date(text: str, what: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise services.AccountingError("Nothing was saved.", [f"{what}: write a date."]) from exc


def _vendors(request):
    return Vendor.objects.active().filter(production=request.production).order_by("name")


def _posted_vendor(request):
    """The vendor chosen in the form, if it is one of this production's."""
    return _vendors(request).filter(pk=id_param(request.POST.get("vendor"))).first()


def _invoice_lines_from_post(post) -> list[services.InvoiceLineInput]:
    lines = []
    for n in range(LINE_ROWS):
        code = text_param(post.get(f"l{n}_account"), 41)
        description = text_param(post.get(f"l{n}_description"), 200)
        amount = (post.get(f"l{n}_amount") or "").strip()
        if not (code or description or amount):
            continue
        lines.append(
            services.InvoiceLineInput(
                code,
                description,
                _decimal(amount, f"Line {n + 1}, amount"),
                id_param(post.get(f"l{n}_po_line")),
            )
        )
    return lines


def _warnings_shown(subject, warnings, waiting: bool) -> list[Warning]:
    """While it waits for approval, what blocks it; afterwards, what was let pass and why."""
    if waiting:
        return warnings_with_overrides(subject, warnings())
    return [Warning(o.warning, o) for o in overrides_for(subject)]


def _override(request, subject, warnings: list[str]) -> None:
    """Let one of ``subject``'s open warnings pass with the reason typed (core controls)."""
    warning_override(
        actor=request.user,
        membership=request.membership,
        capability=Cap.ACCOUNTING_OVERRIDE,
        subject=subject,
        warning=request.POST.get("warning", ""),
        reason=request.POST.get("reason", ""),
        allowed=open_warnings(subject, warnings),
    )
