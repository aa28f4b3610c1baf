"""Gunicorn's settings for bin/serve (production and `make run` alike), read from the
environment where an operator may want another value.

Workers: WEB_CONCURRENCY, else 2 x CPU cores + 1 (gunicorn's own rule of thumb): while one
process waits on the database, the cache or the bucket another has the core, and a page that
renders a PDF with typst holds a whole core for its few hundred milliseconds, so processes (not
threads alone) are what spread the work over the cores. Each is a gthread worker with
WEB_THREADS (2) threads: a slow phone on a set's bad signal or a kept-alive connection holds a
thread, not a whole process, and the second thread overlaps I/O waits without the GIL contention
of many threads per process.

The application is loaded once in the master before the workers are forked (preload): the
workers start warm (URLs, views and templates' loaders imported, WhiteNoise's file list built)
and share that memory copy-on-write, so the first request is answered within a second of start.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS") or 2)
preload_app = True
wsgi_app = "callboard.wsgi:application"
# A request still running after this long is stopped (a runaway, not a big PDF: those go to the
# background worker); a restart lets requests in flight finish for this long.
timeout = int(os.environ.get("WEB_TIMEOUT") or 60)
graceful_timeout = 20
keepalive = 5
# A worker is replaced after this many requests (with jitter, so not all at once): a slow leak
# in a library cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# One line per request on stdout, as the development server printed; errors on stderr.
accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Behind a reverse proxy on another machine, its address (FORWARDED_ALLOW_IPS) may set the
# scheme and client address headers; by default only a proxy on this machine may.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Gunicorn 27's control socket is one path per user: two servers on one machine (two ports)
# would take it from each other. Nothing here uses it.
control_socket_disable = True


def when_ready(server):
    """In the master, before the first fork: resolve the URLs once (importing every view) so
    no worker does it on its first request, and close any database connection opened while
    loading so no two workers share one."""
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports the URLconf and its views)
    connections.close_all()
