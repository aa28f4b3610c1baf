from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer or a monitor: 200 when the database, the cache and a worker's
    heartbeat are fine, else 503. Anonymous callers get no detail; the installation's staff
    (signed in, second factor and all) get each check as JSON."""
    checks = health.run_quick()
    ok = all(check.ok for check in checks.values())
    status = 200 if ok else 503
    if request.user.is_authenticated and request.user.is_staff:
        payload = {"checks": {n: c.as_dict() for n, c in checks.items()}, "ok": ok}
        return JsonResponse(payload, status=status)
    return HttpResponse("ok\n" if ok else "unavailable\n", status=status, content_type="text/plain")
