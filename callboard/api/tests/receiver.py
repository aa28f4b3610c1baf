"""A webhook receiver for the tests: a real HTTP server on loopback, in a thread, that keeps
what it was sent and answers with the status it is told."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from callboard.api.services import webhook_create
from callboard.core.events import Event


class Receiver:
    def __init__(self):
        self.received: list[dict] = []
        self.status = 200
        self.answer = b"ok"
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.received.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                self.send_response(receiver.status)
                self.send_header("Content-Length", str(len(receiver.answer)))
                self.end_headers()
                self.wfile.write(receiver.answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/callboard"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    running = Receiver()
    yield running
    running.close()


@pytest.fixture
def hooked(production, coordinator, receiver):
    """A webhook of the production's, to the receiver, for every event: (webhook, secret)."""
    return webhook_create(
        actor=coordinator, production=production, url=receiver.url, events=list(Event)
    )
