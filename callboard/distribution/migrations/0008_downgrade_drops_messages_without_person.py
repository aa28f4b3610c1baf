"""Nothing forward. Backward (to before 0007, where a delivery needs a person and a grant and a
dispatch a production), the messages that had none are dropped: invitations, password resets,
notices and confirmations told. They are history; what they said went out long ago."""

from django.db import migrations
from django.db.models import Q


def drop_messages_without_person(apps, schema_editor):
    Delivery = apps.get_model("distribution", "Delivery")
    Dispatch = apps.get_model("distribution", "Dispatch")
    Delivery.objects.filter(Q(person__isnull=True) | Q(grant__isnull=True)).delete()
    Dispatch.objects.filter(Q(production__isnull=True) | Q(deliveries__isnull=True)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("distribution", "0007_account_messages_and_shared_links"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, drop_messages_without_person),
    ]
