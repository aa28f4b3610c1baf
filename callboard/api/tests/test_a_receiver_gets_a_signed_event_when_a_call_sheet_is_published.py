"""Issue 21's "done when": a webhook receiver on loopback gets a signed event when a call sheet
is published, and verifies the signature with the webhook's secret (as the README shows)."""

import json
import re
from pathlib import Path

from callboard.api.models import WebhookDelivery
from callboard.callsheets.services import callsheet_create
from callboard.callsheets.tests.conftest import shooting  # noqa: F401  (the two-day schedule)
from callboard.callsheets.tests.ready import make_ready, publish_despite


def readme_check():
    """The receiver's check exactly as the README shows it (so the documentation is right)."""
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    webhooks = readme[readme.index("## Webhooks") :]
    code = re.search(r"```python\n(.*?)```", webhooks, re.S).group(1)
    namespace = {}
    exec(code, namespace)  # noqa: S102  (our own README)
    return namespace["callboard_event_is_genuine"]


def verify(secret: str, headers: dict, body: bytes) -> bool:
    return readme_check()(secret, headers["Callboard-Signature"], body)


def test_publishing_a_call_sheet_posts_a_signed_event_the_receiver_verifies(
    shooting,  # noqa: F811
    hooked,
    receiver,
    django_capture_on_commit_callbacks,
):
    webhook, secret = hooked
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    with django_capture_on_commit_callbacks(execute=True):
        publish_despite(sheet)

    assert len(receiver.received) == 1
    got = receiver.received[0]
    assert got["path"] == "/hooks/callboard"
    assert verify(secret, got["headers"], got["body"])
    assert not verify("whsec_someone-else", got["headers"], got["body"])
    assert not verify(secret, got["headers"], got["body"] + b" ")
    payload = json.loads(got["body"])
    delivery = WebhookDelivery.objects.get(webhook=webhook)
    assert got["headers"]["Callboard-Event"] == "callsheet.published"
    assert got["headers"]["Callboard-Delivery"] == str(delivery.event_id) == payload["id"]
    assert payload["event"] == "callsheet.published"
    assert payload["production"] == sheet.production.slug
    assert payload["data"]["id"] == sheet.pk
    assert payload["data"]["date"] == "2026-12-10"
    assert payload["data"]["url"].endswith(
        f"/api/productions/{sheet.production.slug}/callsheets/{sheet.pk}"
    )
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 200)
    assert delivery.delivered_at is not None


def test_a_webhook_not_listening_to_the_event_is_sent_nothing(
    shooting,  # noqa: F811
    hooked,
    receiver,
    django_capture_on_commit_callbacks,
):
    webhook, _ = hooked
    webhook.events = ["dpr.approved"]
    webhook.save()
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    with django_capture_on_commit_callbacks(execute=True):
        publish_despite(sheet)
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()
