"""A vendor's W-9, sealed tax ID (masked, audited reads) and insurance certificate."""

from datetime import date, timedelta

import pytest

from callboard.accounting import queries, services
from callboard.accounting.models import VendorTerms
from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent
from callboard.people.models import Vendor

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendor(production):
    return Vendor.objects.create(production=production, name="Keslow Camera")


def test_tax_id_is_sealed_masked_and_read_only_with_an_audit(
    coordinator_client, member_client, production, vendor
):
    url = f"/p/{production.slug}/accounting/vendors/{vendor.pk}/"
    coordinator_client.post(
        url,
        {
            "payment_terms": "Net 30",
            "w9_received": "2026-02-01",
            "tax_id": "12-3456789",
            "is_1099": "on",
            "coi_expires": "2027-01-31",
        },
    )
    terms = VendorTerms.objects.get(vendor=vendor)
    assert "3456789" not in terms.tax_id_sealed and terms.tax_id_masked == "••-•••6789"
    page = coordinator_client.get(url)
    assert b"6789" in page.content and b"3456789" not in page.content
    assert coordinator_client.post(f"{url}reveal/").status_code == 404  # coordinators may not
    accountant = member_client(Role.ACCOUNTANT)
    shown = accountant.post(f"{url}reveal/")
    assert b"12-3456789" in shown.content
    assert AuditEvent.objects.filter(object_type="vendor", changes__viewed="tax ID").count() == 1


def test_bad_tax_ids_and_1099_without_w9_are_refused(coordinator_client, production, vendor):
    url = f"/p/{production.slug}/accounting/vendors/{vendor.pk}/"
    bad = coordinator_client.post(url, {"tax_id": "12345", "payment_terms": "Net 30"})
    assert bad.status_code == 400 and b"EIN" in bad.content
    no_w9 = coordinator_client.post(url, {"is_1099": "on"})
    assert no_w9.status_code == 400 and b"needs its W-9" in no_w9.content
    assert not VendorTerms.objects.exists()


def test_insurance_is_flagged_before_it_lapses(production, vendor):
    today = date(2026, 3, 1)
    assert queries.coi_standing(None, today)[0] == "missing"
    terms = VendorTerms(vendor=vendor, coi_expires=today + timedelta(days=12))
    assert queries.coi_standing(terms, today) == (
        "soon",
        "insurance certificate expires in 12 days (Mar 13)",
    )
    terms.coi_expires = today - timedelta(days=1)
    assert queries.coi_standing(terms, today)[0] == "lapsed"
    terms.coi_expires = today + timedelta(days=90)
    assert queries.coi_standing(terms, today)[0] == "ok"


def test_an_ssn_for_a_sole_proprietor_is_masked_as_one(production, vendor):
    terms = services.vendor_terms_save(
        actor=None,
        vendor=vendor,
        payment_terms="",
        w9_received=None,
        tax_id="123-45-6789",
        is_1099=False,
        coi_expires=None,
    )
    assert terms.tax_id_masked == "•••-••-6789"
    assert services.tax_id_read(actor=None, terms=terms) == "123-45-6789"
