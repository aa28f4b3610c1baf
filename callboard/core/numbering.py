"""A production's running numbers (PO 0007, check request 12, pass 0031, run 4 …).

The next number is the highest so far plus one, read with the production's row locked: two
requests at the same moment would otherwise read the same highest number, and the second
would fail on the unique number (PostgreSQL runs them side by side; SQLite queues writers).
Call it inside the service's transaction, just before the create."""

from django.db.models import Max

from .models import Production


def next_number(model, production: Production, field: str = "number") -> int:
    Production.objects.select_for_update().filter(pk=production.pk).exists()
    highest = model.objects.filter(production=production).aggregate(n=Max(field))["n"]
    return (highest or 0) + 1
