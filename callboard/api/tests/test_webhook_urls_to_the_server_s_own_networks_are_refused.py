"""A webhook URL must be http(s) with a host, and never reach the server's own networks
(private, loopback, link-local, multicast, reserved, unspecified; IPv4 and IPv6; by address or
by a name resolving to one) unless its host is in WEBHOOK_ALLOWED_HOSTS: when it is saved, and
again at each send, on the address the name resolves to then."""

import socket

import pytest

from callboard.api import outbound
from callboard.api.models import Webhook, WebhookDelivery
from callboard.api.services import WebhookRefused, webhook_create, webhook_ping
from callboard.core.events import Event


@pytest.fixture
def dns(monkeypatch):
    """Names resolve as the test says, addresses (127.1, 2130706433) as the system reads
    them, and any other name as a public address: no test asks a real DNS server."""
    answers = {}

    def resolve(host, port):
        if host in answers:
            return answers[host]
        try:
            infos = socket.getaddrinfo(host, port, flags=socket.AI_NUMERICHOST)
        except socket.gaierror:
            return ["93.184.215.14"]
        return [info[4][0] for info in infos]

    monkeypatch.setattr(outbound, "resolve", resolve)
    return answers


REFUSED = [
    "ftp://hooks.example.com/in",
    "javascript:alert(1)",
    "hooks.example.com/in",
    "https://",
    "http://localhost/in",
    "http://127.0.0.1/in",
    "http://127.1/in",
    "http://2130706433/in",
    "http://10.0.0.1/in",
    "http://192.168.1.20:8080/in",
    "http://172.16.5.4/in",
    "http://100.64.0.1/in",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0/in",
    "http://224.0.0.1/in",
    "http://240.0.0.1/in",
    "http://[::1]/in",
    "http://[::]/in",
    "http://[fe80::1]/in",
    "http://[fc00::5]/in",
    "http://[::ffff:127.0.0.1]/in",
    "http://[2002:7f00:1::]/in",
    "http://[ff02::1]/in",
    "https://user:secret@hooks.example.com/in",
    "http://hooks.example.com:99999/in",
]


@pytest.mark.parametrize("url", REFUSED)
def test_a_url_that_is_not_http_or_reaches_the_server_s_networks_is_refused(
    url, production, coordinator, dns, settings
):
    settings.WEBHOOK_ALLOWED_HOSTS = []
    dns["localhost"] = ["127.0.0.1", "::1"]
    with pytest.raises(WebhookRefused):
        webhook_create(actor=coordinator, production=production, url=url, events=list(Event))
    assert not Webhook.objects.exists()


def test_a_name_resolving_to_a_private_address_is_refused(production, coordinator, dns):
    dns["intranet.example.com"] = ["93.184.215.14", "10.1.2.3"]
    with pytest.raises(WebhookRefused, match="private or local address"):
        webhook_create(
            actor=coordinator,
            production=production,
            url="https://intranet.example.com/hook",
            events=["po.approved"],
        )
    assert not Webhook.objects.exists()


def test_a_public_https_url_is_accepted(production, coordinator, dns):
    webhook, secret = webhook_create(
        actor=coordinator,
        production=production,
        url=" https://hooks.example.com/callboard?team=7 ",
        events=["po.approved", "callsheet.published"],
    )
    assert webhook.url == "https://hooks.example.com/callboard?team=7"
    assert webhook.events == ["callsheet.published", "po.approved"]  # in the list's order
    assert secret.startswith("whsec_") and secret not in webhook.secret_sealed  # sealed at rest
    target = outbound.url_check(webhook.url)
    assert (target.host, target.port, target.path, target.address) == (
        "hooks.example.com",
        443,
        "/callboard?team=7",
        "93.184.215.14",
    )


def test_a_listed_host_may_be_loopback(production, coordinator, settings):
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    webhook, _ = webhook_create(
        actor=coordinator,
        production=production,
        url="http://127.0.0.1:9/in",
        events=["dpr.approved"],
    )
    assert webhook.pk
    with pytest.raises(WebhookRefused):
        webhook_create(
            actor=coordinator,
            production=production,
            url="http://[::1]:9/in",
            events=["dpr.approved"],
        )


def test_a_name_that_resolves_privately_by_the_time_of_the_send_is_not_called(
    production, coordinator, dns, django_capture_on_commit_callbacks, monkeypatch
):
    webhook, _ = webhook_create(
        actor=coordinator,
        production=production,
        url="http://rebind.example.com/hook",
        events=["po.approved"],
    )
    dns["rebind.example.com"] = ["127.0.0.1"]
    connected = []
    monkeypatch.setattr(
        outbound.socket, "create_connection", lambda *a, **k: connected.append(a) or 1 / 0
    )
    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhook_ping(actor=coordinator, webhook=webhook)
    delivery.refresh_from_db()
    assert connected == []
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "private or local address" in delivery.error


def test_the_send_connects_to_the_address_it_checked(
    production, coordinator, dns, django_capture_on_commit_callbacks, monkeypatch
):
    """A second DNS answer between the check and the connection cannot move it elsewhere."""
    webhook, _ = webhook_create(
        actor=coordinator,
        production=production,
        url="http://hooks.example.com:8080/hook",
        events=["po.approved"],
    )
    connected = []

    def create_connection(address, *args, **kwargs):
        connected.append(address)
        raise ConnectionRefusedError("nobody home")

    monkeypatch.setattr(outbound.socket, "create_connection", create_connection)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhook_ping(actor=coordinator, webhook=webhook)
    delivery.refresh_from_db()
    assert connected == [("93.184.215.14", 8080)]
    assert delivery.status == WebhookDelivery.Status.FAILED and "nobody home" in delivery.error


def test_events_must_be_chosen_from_the_list(production, coordinator, dns):
    for events in ([], ["callsheet.deleted"], ["ping"]):
        with pytest.raises(WebhookRefused):
            webhook_create(
                actor=coordinator,
                production=production,
                url="https://hooks.example.com/in",
                events=events,
            )
    assert not Webhook.objects.exists()
