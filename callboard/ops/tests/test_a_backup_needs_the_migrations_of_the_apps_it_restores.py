import pytest
from django.core.management.base import CommandError
from django.db.migrations.recorder import MigrationRecorder

from callboard.ops.tests.backups import backup, empty_installation, is_empty, restore, seed_show
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def forget_last_migration():
    """Make the database look one migration behind on an app; put the record back after
    (flushing between tests leaves the migration records alone)."""
    forgotten = []

    def forget(app: str) -> str:
        last = MigrationRecorder.Migration.objects.filter(app=app).order_by("-applied", "-id")[0]
        last.delete()
        forgotten.append((app, last.name))
        return f"{app}.{last.name}"

    yield forget
    for app, name in forgotten:
        MigrationRecorder.Migration.objects.get_or_create(app=app, name=name)


def test_a_database_behind_the_backup_on_its_apps_is_refused_and_one_behind_elsewhere_is_not(
    settings, tmp_path, monkeypatch, forget_last_migration
):
    _use_key(monkeypatch)
    seed_show(file_bytes=100)
    archive = backup(tmp_path / "show.cbk")
    empty_installation(settings, tmp_path / "elsewhere")
    # Sessions are not in a backup: a database without their latest migration takes it.
    forget_last_migration("sessions")
    forgotten = forget_last_migration("people")
    with pytest.raises(CommandError, match=f"lacks migrations.*{forgotten}.*migrate"):
        restore(archive)
    assert is_empty()
    MigrationRecorder.Migration.objects.create(app="people", name=forgotten.split(".")[1])
    restore(archive)
    assert not is_empty()
