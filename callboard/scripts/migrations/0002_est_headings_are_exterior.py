"""Scenes read before establishing shots counted as exterior: "EST." headings become EXT, as
every reader now reads them (the heading's own text keeps "EST.")."""

from django.db import migrations


def est_to_ext(apps, schema_editor):
    Scene = apps.get_model("scripts", "Scene")
    Scene.objects.filter(int_ext="EST").update(int_ext="EXT")


class Migration(migrations.Migration):
    dependencies = [("scripts", "0001_initial")]

    operations = [migrations.RunPython(est_to_ext, migrations.RunPython.noop)]
