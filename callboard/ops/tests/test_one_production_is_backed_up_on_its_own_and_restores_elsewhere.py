import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from callboard.accounting.models import VendorTerms
from callboard.core import vault
from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, Membership, Production, User
from callboard.core.testing import add_member
from callboard.ops.tests.backups import (
    TAX_ID,
    backup,
    empty_installation,
    page,
    restore,
    seed_show,
    stored_files,
)
from callboard.ops.tests.backups import use_backup_key as _use_key
from callboard.people.models import Vendor

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_production_is_backed_up_on_its_own_and_restores_into_another_installation(
    client, settings, tmp_path, monkeypatch
):
    _use_key(monkeypatch)
    wrapped = seed_show("Wrapped Show")
    other = seed_show("Still Shooting", file_bytes=1000)
    viewer = add_member(wrapped, Role.COORDINATOR)
    both = add_member(wrapped, Role.APOC)
    add_member(other, Role.ACCOUNTANT, user=both)
    members = set(
        Membership.objects.filter(production=wrapped).values_list("user__email", flat=True)
    )
    audit = AuditEvent.objects.filter(production=wrapped).count()
    files = {name: sha for name, sha in stored_files().items() if f"/{wrapped.pk}/" in name}
    devices = set(
        TOTPDevice.objects.filter(user__memberships__production=wrapped).values_list("pk")
    )
    client.force_login(viewer)
    crew_list = reverse("people:list", kwargs={"production": wrapped.slug})
    before = page(client, crew_list)
    archive = backup(tmp_path / "wrapped.cbk", "--production", wrapped.slug)

    empty_installation(settings, tmp_path / "elsewhere")
    restore(archive)

    assert list(Production.objects.values_list("slug", flat=True)) == [wrapped.slug]
    assert set(User.objects.values_list("email", flat=True)) == members
    # The member of both shows comes with this one's membership only.
    assert list(
        Membership.objects.filter(user__email=both.email).values_list("role", flat=True)
    ) == [Role.APOC]
    assert AuditEvent.objects.count() == audit
    assert stored_files() == files and files
    vendor = Vendor.objects.get()
    assert vendor.name == "Wrapped Show Rentals"
    assert list(vendor.categories.values_list("name", flat=True)) == ["Grip"]
    assert vault.unseal(VendorTerms.objects.get().tax_id_sealed) == TAX_ID
    assert devices and set(TOTPDevice.objects.values_list("pk")) == devices  # second factors too
    client.force_login(User.objects.get(email=viewer.email))
    assert page(client, crew_list) == before
