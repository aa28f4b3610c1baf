import pytest
from django.core.management import call_command
from django.urls import reverse

from callboard.accounting.models import VendorTerms
from callboard.core import vault
from callboard.core.models import Production, User
from callboard.ops.tests.backups import (
    backup,
    empty_installation,
    is_empty,
    page,
    restore,
    stored_files,
    use_backup_key,
)
from callboard.paperwork.models import Packet
from callboard.people.models import Person
from callboard.schedule.models import Element, Strip

pytestmark = pytest.mark.django_db(transaction=True)


def _pages(client, production):
    user = User.objects.get(email="upm@demo.callboard.test")
    client.force_login(user)
    packet = Packet.objects.filter(production=production).order_by("pk").first()
    urls = [
        reverse("people:list", kwargs={"production": production.slug}),
        reverse("accounting:cost_report", kwargs={"production": production.slug}),
        reverse("paperwork:packet", kwargs={"production": production.slug, "packet_pk": packet.pk}),
    ]
    return {url: page(client, url) for url in urls}


def test_the_demo_comes_back_from_a_backup_with_the_same_pages_files_and_private_data(
    client, settings, tmp_path, monkeypatch
):
    use_backup_key(monkeypatch)
    call_command("demo", verbosity=0)
    production = Production.objects.get()
    pages = _pages(client, production)
    files = stored_files()
    sealed = dict(VendorTerms.objects.exclude(tax_id_sealed="").values_list("pk", "tax_id_sealed"))
    assert files and sealed
    archive = backup(tmp_path / "demo.cbk")

    empty_installation(settings, tmp_path / "elsewhere")
    assert is_empty() and stored_files() == {}
    restore(archive)

    production = Production.objects.get()
    assert _pages(client, production) == pages
    assert stored_files() == files
    restored = dict(
        VendorTerms.objects.exclude(tax_id_sealed="").values_list("pk", "tax_id_sealed")
    )
    assert restored == sealed  # still encrypted, as it was stored
    assert {vault.unseal(token) for token in restored.values()} == {
        vault.unseal(token) for token in sealed.values()
    }
    # New rows take new ids (on PostgreSQL the sequences were moved past the restored ones).
    person = Person.objects.create(production=production, first_name="New", last_name="Hire")
    assert person.pk > Person.objects.exclude(pk=person.pk).order_by("-pk").first().pk
    strip = Strip.objects.filter(production=production).first()
    strip.elements.add(Element.objects.filter(production=production).exclude(strips=strip)[0])
