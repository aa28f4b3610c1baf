import base64
import os

import pytest
from django.core.management.base import CommandError

from callboard.accounting.models import VendorTerms
from callboard.core import vault
from callboard.ops.tests.backups import (
    TAX_ID,
    backup,
    empty_installation,
    is_empty,
    restore,
    seed_show,
)
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db(transaction=True)


def test_private_data_restores_only_where_the_pii_keys_open_it(settings, tmp_path, monkeypatch):
    _use_key(monkeypatch)
    seed_show(file_bytes=1000)
    archive = backup(tmp_path / "show.cbk")
    theirs = list(settings.PII_KEYS)
    empty_installation(settings, tmp_path / "elsewhere")
    own = base64.urlsafe_b64encode(os.urandom(32)).decode()
    settings.PII_KEYS = [own]
    with pytest.raises(CommandError, match="PII_KEYS"):
        restore(archive)
    assert is_empty()
    # Their keys after this installation's own: restored, and readable.
    settings.PII_KEYS = [own, *theirs]
    restore(archive)
    assert vault.unseal(VendorTerms.objects.get().tax_id_sealed) == TAX_ID
