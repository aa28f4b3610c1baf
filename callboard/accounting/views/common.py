"""What the accounting pages share: the vendor picker, showing or overriding warnings, and
taking one step on a document (what is typed is read by ``accounting.forms``)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from callboard.core.capabilities import Cap
from callboard.core.controls import (
    ControlError,
    Warning,
    open_warnings,
    overrides_for,
    warnings_with_overrides,
)
from callboard.core.params import id_param
from callboard.core.services import warning_override
from callboard.people.models import Vendor

from ..forms import OverrideForm, read
from ..services import AccountingError

MAX_BYTES = 10 * 1024 * 1024


def _vendors(request):
    return Vendor.objects.active().filter(production=request.production).order_by("name")


def _posted_vendor(request):
    """The vendor chosen in the form, if it is one of this production's."""
    return _vendors(request).filter(pk=id_param(request.POST.get("vendor"))).first()


def _warnings_shown(subject, warnings, waiting: bool) -> list[Warning]:
    """While it waits for approval, what blocks it; afterwards, what was let pass and why."""
    if waiting:
        return warnings_with_overrides(subject, warnings())
    return [Warning(o.warning, o) for o in overrides_for(subject)]


def _override(request, subject, warnings: list[str]) -> None:
    """Let one of ``subject``'s open warnings pass with the reason typed (core controls)."""
    typed = read(OverrideForm, request.POST)
    warning_override(
        actor=request.user,
        membership=request.membership,
        capability=Cap.ACCOUNTING_OVERRIDE,
        subject=subject,
        warning=typed["warning"],
        reason=typed["reason"],
        allowed=open_warnings(subject, warnings),
    )


def _step(request, subject, act, page: str, **kwargs) -> HttpResponse:
    """One step on a PO, invoice or check request: ``act(subject)`` says what was done; a
    refusal is said on ``page`` (with ``kwargs``), where it returns either way."""
    try:
        messages.success(request, act(subject))
    except (AccountingError, ControlError) as exc:
        messages.error(request, str(exc))
    return redirect(page, production=request.production.slug, **kwargs)


def _stale_post(request) -> HttpResponse | None:
    """A form from a page opened before its steps had URLs of their own posts to the page: say
    that nothing was done, rather than show the page again as if it had been."""
    if request.method != "POST":
        return None
    messages.error(request, "Nothing was done: the page was out of date. Try the step again.")
    return redirect(request.path)
