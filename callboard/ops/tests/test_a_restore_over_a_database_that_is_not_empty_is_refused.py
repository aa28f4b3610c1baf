import pytest
from axes.models import AccessAttempt
from django.core.management.base import CommandError

from callboard.core.models import AuditEvent, Production, User
from callboard.core.testing import make_user
from callboard.ops.tests.backups import backup, empty_installation, restore, seed_show
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db(transaction=True)


def _counts():
    return (Production.objects.count(), User.objects.count(), AuditEvent.objects.count())


def test_a_restore_over_the_installation_it_came_from_is_refused(tmp_path, monkeypatch):
    _use_key(monkeypatch)
    seed_show()
    archive = backup(tmp_path / "show.cbk")
    before = _counts()
    with pytest.raises(CommandError, match="not empty"):
        restore(archive)
    assert _counts() == before


def test_a_restore_into_an_installation_with_only_a_user_is_refused(
    settings, tmp_path, monkeypatch
):
    _use_key(monkeypatch)
    seed_show()
    archive = backup(tmp_path / "show.cbk")
    empty_installation(settings, tmp_path / "elsewhere")
    make_user("first@example.test")
    with pytest.raises(CommandError, match="not empty"):
        restore(archive)
    assert list(User.objects.values_list("email", flat=True)) == ["first@example.test"]
    assert not Production.objects.exists()
    assert not any((tmp_path / "elsewhere").iterdir())


def test_a_restore_into_an_installation_with_other_rows_names_them(settings, tmp_path, monkeypatch):
    """No production and no user, but a login already failed here: the table is named."""
    _use_key(monkeypatch)
    seed_show(file_bytes=10)
    AccessAttempt.objects.create(username="someone@example.test", failures_since_start=1)
    archive = backup(tmp_path / "show.cbk")
    empty_installation(settings, tmp_path / "elsewhere")
    AccessAttempt.objects.create(username="guess@example.test", failures_since_start=1)
    with pytest.raises(CommandError, match="already holds rows of axes.accessattempt.*flush"):
        restore(archive)
    assert not Production.objects.exists()
