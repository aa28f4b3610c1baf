from .models import WorkerHeartbeat


def heartbeat_latest() -> WorkerHeartbeat | None:
    """The worker heard from most recently, if any."""
    return WorkerHeartbeat.objects.order_by("-last_seen_at").first()
