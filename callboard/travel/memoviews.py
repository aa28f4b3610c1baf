"""The travel memo's pages: the office's preview (PDF, calendar) and Send on the traveller's
page; the traveller's phone page, PDF and calendar through the signed link they were sent
(no account)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.tenancy import production_view
from callboard.distribution.links import delivery_by_link
from callboard.distribution.models import Delivery
from callboard.people.models import Person

from . import memo, memopdf, queries, services
from .models import TravelMemo
from .services import TravelError


def _person(request, person_pk: int) -> Person:
    return get_object_or_404(Person, pk=person_pk, production=request.production)


def _pdf(document: dict) -> HttpResponse:
    response = HttpResponse(memopdf.memo_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{memopdf.file_name(document)}"'
    return response


def _ics(document: dict, version: int) -> HttpResponse:
    response = HttpResponse(memo.memo_ics(document, version=version), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="travel.ics"'
    return response


@production_view(Cap.TRAVEL_VIEW)
def memo_pdf(request, person_pk: int) -> HttpResponse:
    """The memo as it would be sent now (a preview: it says it is not sent)."""
    return _pdf(queries.memo_document(request.production, _person(request, person_pk)))


@production_view(Cap.TRAVEL_VIEW)
def memo_ics(request, person_pk: int) -> HttpResponse:
    return _ics(queries.memo_document(request.production, _person(request, person_pk)), 0)


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def memo_send(request, person_pk: int) -> HttpResponse:
    person = _person(request, person_pk)
    try:
        sent, now = services.travel_memo_send(
            actor=request.user, production=request.production, person=person
        )
    except TravelError as exc:
        messages.error(request, str(exc))
    else:
        if now:
            messages.success(
                request,
                f"Travel memo version {sent.version} is on its way to {person.display_name}.",
            )
        else:
            messages.info(
                request,
                f"Nothing changed since version {sent.version} was sent to "
                f"{person.display_name}: nothing more was sent.",
            )
    return redirect("travel:traveller", production=request.production.slug, person_pk=person.pk)


urlpatterns = [
    path("people/<int:person_pk>/memo.pdf", memo_pdf, name="memo_pdf"),
    path("people/<int:person_pk>/memo.ics", memo_ics, name="memo_ics"),
    path("people/<int:person_pk>/memo/send/", memo_send, name="memo_send"),
]


# Through the traveller's signed link -------------------------------------------------------


def _sent_copy(request, token: str):
    return delivery_by_link(request, token, kind=queries.MEMO_KIND, what="a travel memo")


def _memo_of(delivery: Delivery) -> TravelMemo:
    return TravelMemo.objects.select_related("production").get(pk=delivery.dispatch.object_id)


def _latest_link(sent: TravelMemo) -> tuple[TravelMemo, str] | None:
    """The version sent to the same traveller after this one, and its link, if there is one."""
    from callboard.core.links import link_token

    later = TravelMemo.objects.filter(person_id=sent.person_id, version__gt=sent.version).first()
    if later is None:
        return None
    delivery = Delivery.objects.filter(
        dispatch__kind=queries.MEMO_KIND, dispatch__object_id=later.pk, grant__isnull=False
    ).first()
    return (later, link_token(delivery.grant)) if delivery else None


def memo_by_link(request, token: str) -> HttpResponse:
    """The traveller's phone page for the version they were sent: opening it is tracked, one
    tap confirms they have it; a later version, when there is one, is a tap away."""
    from callboard.distribution.services import delivery_confirm, delivery_opened

    delivery, refusal = _sent_copy(request, token)
    if refusal is not None:
        return refusal
    if request.method == "POST":
        delivery_confirm(delivery=delivery)
        return redirect("travel_memo_by_link", token=token)
    delivery_opened(delivery=delivery)
    sent = _memo_of(delivery)
    return render(
        request,
        "travel/memo_by_link.html",
        {
            "delivery": delivery,
            "memo": sent,
            "doc": sent.document,
            "token": token,
            "later": _latest_link(sent),
        },
    )


def memo_pdf_by_link(request, token: str) -> HttpResponse:
    delivery, refusal = _sent_copy(request, token)
    if refusal is not None:
        return refusal
    return _pdf(_memo_of(delivery).document)


def memo_calendar(request, token: str) -> HttpResponse:
    """The traveller's travel as a calendar: the latest version sent to them (a calendar that
    subscribed to an earlier memo's link follows the revisions)."""
    delivery, refusal = _sent_copy(request, token)
    if refusal is not None:
        return refusal
    latest = TravelMemo.objects.filter(person_id=_memo_of(delivery).person_id).first()
    return _ics(latest.document, latest.version)


link_urlpatterns = [
    path("memo/<str:token>/", memo_by_link, name="travel_memo_by_link"),
    path("memo/<str:token>/memo.pdf", memo_pdf_by_link, name="travel_memo_pdf_by_link"),
    path("memo/<str:token>/travel.ics", memo_calendar, name="travel_memo_calendar"),
]
