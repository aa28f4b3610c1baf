import pytest

from callboard.ops.archive import ArchiveError, parse_key
from callboard.ops.backup import restore_apply, restore_check
from callboard.ops.tests.backups import backup, empty_installation, is_empty, seed_show
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_that_changes_between_its_check_and_its_restore_is_undone(
    settings, tmp_path, monkeypatch
):
    """The archive is read twice (checked whole, then restored): if it changes in between,
    the rows already in are rolled back and the files already written removed."""
    key = parse_key(_use_key(monkeypatch))
    seed_show(file_bytes=2_500_000)
    path = backup(tmp_path / "show.cbk")
    good = path.read_bytes()
    empty_installation(settings, tmp_path / "elsewhere")
    plan = restore_check(open_archive=lambda: path.open("rb"), key=key)
    # Damage the end: the rows and the start of the file are in when it is found.
    path.write_bytes(good[:-40] + bytes([good[-40] ^ 1]) + good[-39:])
    with pytest.raises(ArchiveError):
        restore_apply(
            open_archive=lambda: path.open("rb"), key=key, plan=plan, say=lambda _line: None
        )
    assert is_empty()
    assert not [p for p in (tmp_path / "elsewhere").rglob("*") if p.is_file()]
