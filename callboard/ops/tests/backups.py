"""Shared by the backup and restore tests: a small show with a file and private data, making
an archive, and turning the test database into another, empty installation."""

import hashlib
import os
import re
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models

from callboard.accounting.models import VendorTerms
from callboard.core import vault
from callboard.core.capabilities import Role
from callboard.core.models import Production, User
from callboard.core.testing import add_member, make_production
from callboard.ops.archive import new_key
from callboard.people.models import Vendor, VendorCategory

TAX_ID = "12-3456789"


def use_backup_key(monkeypatch) -> str:
    key = new_key()
    monkeypatch.setenv("BACKUP_KEY", key)
    return key


def seed_show(title: str = "Backed Up", *, file_bytes: int = 1_500_000) -> Production:
    """A production with a member, a vendor in a category (a many-to-many link), its sealed
    tax ID and an insurance certificate of ``file_bytes`` random bytes (over a megabyte, the
    archive has several encrypted chunks)."""
    production = make_production(title)
    add_member(production, Role.COORDINATOR)
    category = VendorCategory.objects.create(production=production, name="Grip")
    vendor = Vendor.objects.create(production=production, name=f"{title} Rentals")
    vendor.categories.add(category)
    terms = VendorTerms.objects.create(
        vendor=vendor, tax_id_sealed=vault.seal(TAX_ID), tax_id_masked=vault.mask(TAX_ID)
    )
    terms.coi_file.save("coi.pdf", ContentFile(os.urandom(file_bytes)))
    return production


def backup(path: Path, *args: str) -> Path:
    call_command("backup", str(path), *args, verbosity=0)
    return path


def restore(path: Path) -> None:
    call_command("restore", str(path), verbosity=0)


def empty_installation(settings, folder: Path) -> None:
    """The test database as a new installation: flushed (migrated, no rows; content types
    and permissions made again) and an empty storage folder."""
    call_command("flush", interactive=False, verbosity=0)
    folder.mkdir()
    settings.MEDIA_ROOT = folder


def is_empty() -> bool:
    return not Production.objects.exists() and not User.objects.exists()


def stored_files() -> dict[str, str]:
    """Every file a row names that the storage holds, with the SHA-256 of its bytes."""
    found = {}
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for obj in model._base_manager.all() if fields else ():
            for f in fields:
                name = getattr(obj, f.attname).name
                if name and default_storage.exists(name):
                    with default_storage.open(name, "rb") as handle:
                        found[name] = hashlib.sha256(handle.read()).hexdigest()
    return found


def page(client, url: str) -> str:
    """A page's HTML without what changes on every request (CSRF tokens, CSP nonces)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    html = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1", html)
    html = re.sub(r'(nonce=")[^"]+', r"\1", html)
    return re.sub(r'("X-CSRFToken": ")[^"]+', r"\1", html)
