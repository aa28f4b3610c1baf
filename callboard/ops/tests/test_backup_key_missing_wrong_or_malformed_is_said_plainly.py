import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from callboard.ops.archive import new_key, parse_key
from callboard.ops.tests.backups import backup, empty_installation, is_empty, restore, seed_show
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_without_a_key_is_refused_and_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.delenv("BACKUP_KEY", raising=False)
    seed_show(file_bytes=10)
    folder = tmp_path / "backups"
    folder.mkdir()
    with pytest.raises(CommandError, match="BACKUP_KEY is not set"):
        backup(folder / "show.cbk")
    monkeypatch.setenv("BACKUP_KEY", "not-a-key")
    with pytest.raises(CommandError, match="BACKUP_KEY is not a valid key"):
        backup(folder / "show.cbk")
    assert list(folder.iterdir()) == []


def test_a_restore_with_another_key_says_the_key_is_not_the_one(settings, tmp_path, monkeypatch):
    _use_key(monkeypatch)
    seed_show(file_bytes=10)
    archive = backup(tmp_path / "show.cbk")
    empty_installation(settings, tmp_path / "elsewhere")
    monkeypatch.setenv("BACKUP_KEY", new_key())
    with pytest.raises(CommandError, match="not the key this backup was made with"):
        restore(archive)
    assert is_empty()


def test_new_key_prints_a_key_the_commands_take(capsys):
    call_command("backup", "--new-key")
    key = capsys.readouterr().out.strip()
    assert len(parse_key(key)) == 32


def test_a_missing_backup_file_or_folder_is_said_plainly(tmp_path, monkeypatch):
    _use_key(monkeypatch)
    with pytest.raises(CommandError, match="No backup file"):
        restore(tmp_path / "nowhere.cbk")
    with pytest.raises(CommandError, match="No folder"):
        backup(tmp_path / "no" / "such" / "folder.cbk")
    with pytest.raises(CommandError, match="No production with the slug"):
        backup(tmp_path / "show.cbk", "--production", "no-such-show")
