"""The production's webhook pages (Settings → Webhooks): add one (the secret shown once),
its delivery log, a test event through the same path, rotate, disable, enable, delete, each
audited; bad input is a message with nothing saved; only PRODUCTION_EDIT reaches them."""

import pytest

from callboard.api.models import Webhook, WebhookDelivery
from callboard.core import vault
from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent

from .test_a_receiver_gets_a_signed_event_when_a_call_sheet_is_published import verify


def base(production):
    return f"/p/{production.slug}/settings/webhooks/"


def add(client, production, url, events=("callsheet.published", "dpr.approved")):
    return client.post(base(production), {"url": url, "events": list(events)})


def test_the_settings_page_links_to_the_webhooks(coordinator_client, production):
    page = coordinator_client.get(f"/p/{production.slug}/settings/").content.decode()
    assert base(production) in page


def test_adding_a_webhook_shows_its_secret_once_and_a_test_event_reaches_the_receiver(
    coordinator_client, production, receiver, django_capture_on_commit_callbacks
):
    response = add(coordinator_client, production, receiver.url)
    assert response.status_code == 200
    webhook = Webhook.objects.get(production=production)
    secret = vault.unseal(webhook.secret_sealed)
    assert secret in response.content.decode()
    assert webhook.events == ["callsheet.published", "dpr.approved"]
    assert AuditEvent.objects.filter(object_type="webhook", action="create").exists()

    listed = coordinator_client.get(base(production)).content.decode()
    assert receiver.url in listed and secret not in listed
    page_url = f"{base(production)}{webhook.pk}/"
    assert secret not in coordinator_client.get(page_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"{page_url}test/", follow=True)
    assert "A test event is on its way" in response.content.decode()
    [got] = receiver.received
    assert got["headers"]["Callboard-Event"] == "ping"
    assert verify(secret, got["headers"], got["body"])
    page = coordinator_client.get(page_url).content.decode()
    delivery = WebhookDelivery.objects.get()
    assert str(delivery.event_id) in page and "Delivered" in page and "200" in page


def test_rotating_the_secret_shows_the_new_one_once_and_signs_with_it(
    coordinator_client, production, receiver, django_capture_on_commit_callbacks
):
    add(coordinator_client, production, receiver.url)
    webhook = Webhook.objects.get()
    old = vault.unseal(webhook.secret_sealed)
    response = coordinator_client.post(f"{base(production)}{webhook.pk}/rotate/")
    webhook.refresh_from_db()
    new = vault.unseal(webhook.secret_sealed)
    assert new != old and new in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(f"{base(production)}{webhook.pk}/test/")
    [got] = receiver.received
    assert verify(new, got["headers"], got["body"])
    assert not verify(old, got["headers"], got["body"])
    assert AuditEvent.objects.filter(object_type="webhook", changes__secret="rotated").exists()


def test_disable_enable_and_delete_are_audited(coordinator_client, production, receiver):
    add(coordinator_client, production, receiver.url)
    webhook = Webhook.objects.get()
    page = f"{base(production)}{webhook.pk}/"
    coordinator_client.post(f"{page}active/")
    webhook.refresh_from_db()
    assert not webhook.active
    response = coordinator_client.post(f"{page}test/", follow=True)
    assert "disabled" in response.content.decode() and not WebhookDelivery.objects.exists()
    coordinator_client.post(f"{page}active/", {"active": "on"})
    webhook.refresh_from_db()
    assert webhook.active
    response = coordinator_client.post(f"{page}delete/")
    assert response.status_code == 302 and not Webhook.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_type="webhook").values_list("action", flat=True)
    )
    assert actions.count("update") == 2 and "delete" in actions


@pytest.mark.parametrize(
    "url, events, message",
    [
        ("ftp://hooks.example.com/in", ["po.approved"], "starts with https://"),
        ("http://127.0.0.1:8000/in", ["po.approved"], "private or local address"),
        ("http://[::1]/in", ["po.approved"], "private or local address"),
        ("http://169.254.169.254/latest", ["po.approved"], "private or local address"),
        ("not a url", ["po.approved"], "starts with https://"),
        ("https://" + "a" * 600 + ".example.com/", ["po.approved"], "at most 500"),
        ("http://10.0.0.1/in", [], "Choose at least one event"),
        ("http://10.0.0.1/in", ["callsheet.deleted"], "not one of the available choices"),
    ],
)
def test_a_bad_webhook_is_a_message_and_nothing_is_saved(
    coordinator_client, production, url, events, message
):
    response = add(coordinator_client, production, url, events)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Webhook.objects.exists()
    assert not AuditEvent.objects.filter(object_type="webhook").exists()


def test_only_roles_that_edit_the_production_reach_the_webhooks(member_client, production):
    webhook = Webhook.objects.create(
        production=production, url="https://hooks.example.com/in", events=["po.approved"]
    )
    client = member_client(Role.CREW)
    for url in (base(production), f"{base(production)}{webhook.pk}/"):
        assert client.get(url).status_code in (403, 404)
    assert client.post(f"{base(production)}{webhook.pk}/delete/").status_code in (403, 404)
    assert Webhook.objects.filter(pk=webhook.pk).exists()
