"""Delivery.confirmation_told_at: when the person a send names was told of that confirmation.

Before this field, a confirmation told in its own e-mail left no trace, so the first digest
after a switch to digests (or after this upgrade) listed it again. Every confirmation made
before the upgrade is marked told here: those a digest listed at the moment that digest was
taken, the others at their confirmation (told one each), except the ones still waiting for a
digest that is open, which that digest tells. Waiting means: confirmed while the production
heard of confirmations by digest (the setting's history is in the audit log), after the last
digest taken for the same person and production that told something or found nothing to tell
(one whose sending failed outright released its confirmations to the next one)."""

from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery

DIGEST, EACH = "digest", "each"


def _mode_at(apps, production_id):
    """A function: the production's confirmations setting at a moment."""
    AuditEvent = apps.get_model("core", "AuditEvent")
    Settings = apps.get_model("distribution", "DistributionSettings")
    events = AuditEvent.objects.filter(
        production_id=production_id, object_type="distributionsettings"
    ).order_by("at", "id")
    steps = [(e.at, e.changes["confirmations"]) for e in events if "confirmations" in e.changes]
    current = (
        Settings.objects.filter(production_id=production_id)
        .values_list("confirmations", flat=True)
        .first()
    )
    first = steps[0][1][0] if steps else (current or DIGEST)

    def mode_at(moment):
        mode = first
        for at, (_old, new) in steps:
            if at > moment:
                break
            mode = new
        return mode

    return mode_at


def mark_told(apps, schema_editor):
    Delivery = apps.get_model("distribution", "Delivery")
    Digest = apps.get_model("distribution", "ConfirmationDigest")
    confirmed = Delivery.objects.filter(confirmed_at__isnull=False)
    # Listed by a digest: told when it was taken.
    confirmed.filter(digest__isnull=False).update(
        confirmation_told_at=Subquery(
            Digest.objects.filter(pk=OuterRef("digest_id")).values("claimed_at")[:1]
        )
    )
    untold = confirmed.filter(digest__isnull=True)
    waiting = []
    for open_digest in Digest.objects.filter(claimed_at__isnull=True):
        last = (
            Digest.objects.filter(
                production_id=open_digest.production_id,
                recipient_id=open_digest.recipient_id,
                claimed_at__isnull=False,
            )
            .filter(Q(empty=True) | Q(deliveries__isnull=False))
            .order_by("-claimed_at")
            .values_list("claimed_at", flat=True)
            .first()
        )
        candidates = untold.filter(
            dispatch__production_id=open_digest.production_id,
            dispatch__notify_id=open_digest.recipient_id,
        )
        if last is not None:
            candidates = candidates.filter(confirmed_at__gt=last)
        mode_at = _mode_at(apps, open_digest.production_id)
        waiting += [
            pk
            for pk, confirmed_at in candidates.values_list("pk", "confirmed_at")
            if mode_at(confirmed_at) == DIGEST
        ]
    untold.exclude(pk__in=waiting).update(confirmation_told_at=models.F("confirmed_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_warning_override"),
        ("distribution", "0004_digest_doubt_told"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="confirmation_told_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(mark_told, migrations.RunPython.noop),
    ]
