import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from callboard.core.models import Production
from callboard.ops.tests.backups import backup, seed_show
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db


def test_restore_check_says_what_a_backup_holds_on_any_installation_and_writes_nothing(
    tmp_path, monkeypatch
):
    _use_key(monkeypatch)
    production = seed_show("Checked")
    archive = backup(tmp_path / "show.cbk", "--production", production.slug)
    out = io.StringIO()
    call_command("restore", str(archive), "--check", stdout=out)
    said = out.getvalue()
    assert f"The backup of production {production.slug} (Checked)" in said
    assert "is intact" in said and "1 files (1500000 bytes)" in said
    assert Production.objects.count() == 1  # a full installation: checked all the same

    archive.write_bytes(archive.read_bytes()[:-1])
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(archive), "--check", stdout=io.StringIO())
