"""The demo production's completeness report lists its real gaps (issue 21's "done when"),
and its wrap checklist has owners, dates, items done and one overdue. One test: the demo build
is slow."""

import pytest

from callboard.accounting.models import Envelope, Invoice, PurchaseOrder
from callboard.core.capabilities import Role
from callboard.core.models import User
from callboard.demo.build import DEMO_DOMAIN, demo_production_build
from callboard.office.models import IssuedItem
from callboard.paperwork.models import Packet
from callboard.wrap.checklist.queries import is_overdue
from callboard.wrap.completeness import completeness_report
from callboard.wrap.models import ChecklistItem


@pytest.mark.django_db
def test_the_demo_report_lists_its_real_gaps_and_its_checklist_is_under_way(client):
    production = demo_production_build()
    sections = {s.key: s for s in completeness_report(production)}
    records = {key: {g.record for g in s.gaps} for key, s in sections.items()}

    unsigned = Packet.objects.filter(production=production).exclude(status="approved")
    assert unsigned.exists()
    assert {f"Start packet — {p.person.display_name}" for p in unsigned} == records["packets"]
    open_pos = PurchaseOrder.objects.filter(production=production).exclude(status="closed")
    assert open_pos.exists()
    assert {po.code for po in open_pos} == {r.split(" — ")[0][3:] for r in records["pos"]}
    unpaid = Invoice.objects.filter(production=production, status__in=["entered", "approved"])
    assert len(records["invoices"]) == unpaid.filter(voided_at__isnull=True).count()
    out = IssuedItem.objects.filter(production=production, returned_on__isnull=True)
    assert out.exists() and {str(i) for i in out} == records["issued"]
    assert records["envelopes"] == {
        f"Envelope {e.code} — {e.float.person.display_name}"
        for e in Envelope.objects.filter(production=production, status="open")
        if e.receipts.filter(voided_at__isnull=True).exists()
    }
    assert sum(s.count for s in sections.values()) >= 5

    items = ChecklistItem.objects.filter(production=production)
    assert items.count() >= 12
    assert not items.filter(owner__isnull=True).exists()
    assert not items.filter(due__isnull=True).exists()
    assert items.filter(done_at__isnull=False).count() == 2
    assert sum(is_overdue(i, production.today()) for i in items) == 1

    client.force_login(User.objects.get(email=f"coordinator@{DEMO_DOMAIN}"))
    page = client.get(f"/p/{production.slug}/wrap/").content.decode()
    assert f"{sum(s.count for s in sections.values())} gaps" in page
    assert "1 overdue" in page
    assert Role.COORDINATOR in {m.role for m in production.memberships.all()}
