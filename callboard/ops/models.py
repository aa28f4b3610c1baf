from django.db import models


class WorkerHeartbeat(models.Model):
    """A background worker started by `manage.py worker`, as it last said it was alive: the
    healthcheck and /healthz read the newest one. One row per worker process (host:pid); a
    worker that stops cleanly removes its own, one killed leaves it to go stale."""

    name = models.CharField(max_length=200, unique=True)
    backend = models.CharField(max_length=40)
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.backend})"
