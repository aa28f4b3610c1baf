"""Calls out to other systems' URLs (webhooks), safely: only http(s), never to the server's own
networks (private, loopback, link-local, multicast, reserved or unspecified addresses, IPv4 or
IPv6, by address or by a name that resolves to one) unless the host is listed in
settings.WEBHOOK_ALLOWED_HOSTS. The check runs when a URL is saved and again at every send, on
the addresses the name resolves to then; the connection goes to the address that was checked
(no second DNS answer in between), never follows a redirect, and reads a capped response."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

TIMEOUT = 10  # seconds, for the connection and each read
BODY_KEPT = 2000  # characters of a response body kept in the delivery log


class UrlRefused(Exception):
    """The URL cannot be called; the message says why (for the page)."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as in the URL (the Host header and the TLS name)
    port: int
    path: str  # path and query
    address: str  # the checked address the connection goes to


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (tests replace this)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UrlRefused(f"Callboard cannot find the host {host}.") from exc
    return list(dict.fromkeys(info[4][0] for info in infos))


def _embedded(ip: ipaddress.IPv4Address | ipaddress.IPv6Address):
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo), which is what it reaches."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return ip.ipv4_mapped
        if ip.sixtofour:
            return ip.sixtofour
        if ip.teredo:
            return ip.teredo[1]
    return None


def address_is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    inner = _embedded(ip)
    if inner is not None and not address_is_public(str(inner)):
        return False
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _allowed_host(host: str) -> bool:
    listed = {h.strip("[]").lower() for h in settings.WEBHOOK_ALLOWED_HOSTS}
    return host.lower() in listed


def url_check(url: str) -> Target:
    """Where ``url`` would be sent now, or UrlRefused with the reason."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise UrlRefused("That is not a valid URL.") from exc
    if parts.scheme not in ("http", "https"):
        raise UrlRefused("A webhook URL starts with https:// (or http://).")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UrlRefused("The URL has no host name.")
    if parts.username or parts.password:
        raise UrlRefused(
            "Put no user name or password in the URL: the signature proves the sender."
        )
    port = port or (443 if parts.scheme == "https" else 80)
    addresses = resolve(host, port)
    if not addresses:
        raise UrlRefused(f"Callboard cannot find the host {host}.")
    if not _allowed_host(host):
        for address in addresses:
            if not address_is_public(address):
                raise UrlRefused(
                    f"{host} is a private or local address ({address}): Callboard does not "
                    "call its own networks."
                )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, host, port, path, addresses[0])


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The Callboard-Signature header: t=<unix time>,v1=<HMAC-SHA256 of "<t>.<body>">."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


@dataclass(frozen=True)
class Answer:
    status: int
    body: str  # the first BODY_KEPT characters


def _connection(target: Target) -> http.client.HTTPConnection:
    def to_checked_address(address, timeout=TIMEOUT, source_address=None):
        return socket.create_connection((target.address, address[1]), timeout, source_address)

    if target.scheme == "https":
        conn = http.client.HTTPSConnection(
            target.host, target.port, timeout=TIMEOUT, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(target.host, target.port, timeout=TIMEOUT)
    # http.client opens its socket through this hook; TLS still checks the URL's host name.
    conn._create_connection = to_checked_address
    return conn


def post(target: Target, body: bytes, headers: dict[str, str]) -> Answer:
    """POST ``body`` to the checked target; OSError (and http.client's errors) when it cannot."""
    conn = _connection(target)
    try:
        conn.request(
            "POST",
            target.path,
            body=body,
            headers={"Content-Type": "application/json", "User-Agent": "Callboard-Webhooks/1"}
            | headers,
        )
        response = conn.getresponse()
        text = response.read(BODY_KEPT * 2).decode("utf-8", "replace")[:BODY_KEPT]
        return Answer(response.status, text)
    finally:
        conn.close()
