"""The production's webhooks (Settings → Webhooks): add one (its secret shown once), see its
delivery log, send it a test event, rotate its secret, disable, enable or delete it."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.events import EVENT_LABELS
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped

from . import services
from .forms import WebhookForm
from .models import Webhook

LOG_ROWS = 100


def _labels(webhook: Webhook) -> list[str]:
    return [EVENT_LABELS.get(e, e) for e in webhook.events]


@production_view(Cap.PRODUCTION_EDIT)
def webhooks(request) -> HttpResponse:
    form = WebhookForm(request.POST or None)
    made = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                webhook, secret = services.webhook_create(
                    actor=request.user,
                    production=request.production,
                    url=form.cleaned_data["url"],
                    events=form.cleaned_data["events"],
                )
            except services.WebhookRefused as exc:
                form.add_error("url", str(exc))
            else:
                made = {"webhook": webhook, "secret": secret}
                form = WebhookForm()
        if not made:
            status = 400
    listed = list(scoped(Webhook, request))
    for hook in listed:
        hook.labels = _labels(hook)
    return render(
        request,
        "api/webhooks.html",
        {"form": form, "made": made, "webhooks": listed},
        status=status,
    )


@production_view(Cap.PRODUCTION_EDIT)
def webhook(request, webhook_pk: int) -> HttpResponse:
    return _page(request, get_scoped_or_404(Webhook, request, pk=webhook_pk))


def _page(request, hook: Webhook, secret: str = "") -> HttpResponse:
    """The webhook and its delivery log; with ``secret``, its new secret, shown this once."""
    hook.labels = _labels(hook)
    return render(
        request,
        "api/webhook.html",
        {
            "webhook": hook,
            "deliveries": hook.deliveries.all()[:LOG_ROWS],
            "secret": secret,
        },
    )


@production_view(Cap.PRODUCTION_EDIT)
@require_POST
def webhook_ping(request, webhook_pk: int) -> HttpResponse:
    hook = get_scoped_or_404(Webhook, request, pk=webhook_pk)
    try:
        services.webhook_ping(actor=request.user, webhook=hook)
    except services.WebhookRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "A test event is on its way: its delivery is in the log below.")
    return redirect("webhook", production=request.production.slug, webhook_pk=hook.pk)


@production_view(Cap.PRODUCTION_EDIT)
@require_POST
def webhook_rotate(request, webhook_pk: int) -> HttpResponse:
    hook = get_scoped_or_404(Webhook, request, pk=webhook_pk)
    secret = services.webhook_secret_rotate(actor=request.user, webhook=hook)
    return _page(request, hook, secret)


@production_view(Cap.PRODUCTION_EDIT)
@require_POST
def webhook_active(request, webhook_pk: int) -> HttpResponse:
    hook = get_scoped_or_404(Webhook, request, pk=webhook_pk)
    active = request.POST.get("active") == "on"
    services.webhook_active_set(actor=request.user, webhook=hook, active=active)
    messages.success(
        request,
        "Enabled: events are sent to it again."
        if active
        else "Disabled: nothing is sent to it until you enable it.",
    )
    return redirect("webhook", production=request.production.slug, webhook_pk=hook.pk)


@production_view(Cap.PRODUCTION_EDIT)
@require_POST
def webhook_delete(request, webhook_pk: int) -> HttpResponse:
    hook = get_scoped_or_404(Webhook, request, pk=webhook_pk)
    services.webhook_delete(actor=request.user, webhook=hook)
    messages.success(request, f"The webhook to {hook.url} is deleted.")
    return redirect("webhooks", production=request.production.slug)
