import io

import pytest
from django.core.management import call_command

from callboard.accounting.models import VendorTerms
from callboard.ops.tests.backups import empty_installation, restore, seed_show, stored_files
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_file_missing_from_the_storage_is_named_and_the_backup_goes_on(
    settings, tmp_path, monkeypatch
):
    _use_key(monkeypatch)
    seed_show("First")
    seed_show("Second", file_bytes=100)
    lost = VendorTerms.objects.get(vendor__production__title="First").coi_file
    lost.storage.delete(lost.name)
    kept = stored_files()
    assert lost.name not in kept and len(kept) == 1
    out, err = io.StringIO(), io.StringIO()
    call_command("backup", str(tmp_path / "all.cbk"), stdout=out, stderr=err)
    assert lost.name in err.getvalue() and "not in the backup" in err.getvalue()
    assert "Backed up everything" in out.getvalue()

    empty_installation(settings, tmp_path / "elsewhere")
    restore(tmp_path / "all.cbk")
    assert VendorTerms.objects.count() == 2
    assert stored_files() == kept
