"""The completeness report: each kind of gap appears, links to the page that fixes it, and
leaves the report once fixed; another production's gaps never show; the queries do not grow
with the gaps."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from callboard.accounting import services as accounting
from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.office.supplies import services as supplies
from callboard.paperwork.models import Packet
from callboard.reports.models import ProductionReport
from callboard.wrap.completeness import completeness_report

from .gaps import make_gaps


def _lines(production) -> dict[str, list]:
    return {s.key: s.gaps for s in completeness_report(production)}


def _records(production) -> dict[str, list[str]]:
    return {key: [g.record for g in gaps] for key, gaps in _lines(production).items()}


def test_each_kind_of_gap_is_listed_with_the_record_it_names(production):
    gaps = make_gaps(production)
    records = _records(production)
    assert records["packets"] == [f"Start packet — {gaps.packet.person.display_name}"]
    assert records["paid"] == [gaps.card.person.full_name]
    assert records["pos"] == [f"PO {gaps.po.code} — {gaps.po.vendor} — Dolly rental"]
    assert records["invoices"] == [f"Invoice {gaps.invoice.number} — {gaps.invoice.vendor}"]
    assert records["envelopes"] == [
        f"Envelope {gaps.envelope.code} — {gaps.envelope.float.person.display_name}"
    ]
    assert records["issued"] == [str(gaps.item)]
    assert records["dprs"][0] == str(gaps.report)
    assert records["dprs"][1].startswith("Shoot day of")
    states = {key: [g.state for g in lines] for key, lines in _lines(production).items()}
    assert states["packets"] == ["Sent: 1 of 2 forms signed; deal memo not signed"]
    assert "no start packet" in states["paid"][0]
    assert states["pos"] == ["approved, $500.00 of $500.00 not invoiced yet"]
    assert states["envelopes"] == ["1 receipt, $42.50 spent"]
    assert records["scripts"] == []


def test_kinds_the_apps_do_not_record_are_said_not_invented(production):
    sections = {s.key: s for s in completeness_report(production)}
    assert "records no copy coming back" in sections["scripts"].not_recorded
    assert "not passes coming back" in sections["issued"].not_recorded


def _approve_packet(gaps, actor):
    Packet.objects.filter(pk=gaps.packet.pk).update(status=Packet.Status.APPROVED)


def _paperwork_for_the_paid(gaps, actor):
    Packet.objects.create(
        production=gaps.card.production, person=gaps.card.person, status=Packet.Status.APPROVED
    )


def _close_po(gaps, actor):
    accounting.po_close(actor=actor, po=gaps.po)


def _batch_invoice(gaps, actor):
    gaps.invoice.status = "batched"
    gaps.invoice.save()


def _reconcile(gaps, actor):
    accounting.envelope_reconcile(
        actor=actor, envelope=gaps.envelope, cash_on_hand=Decimal("157.50")
    )


def _return_item(gaps, actor):
    supplies.item_return(
        actor=actor,
        item=gaps.item,
        returned_on=gaps.item.issued_on,
        state="good",
        note="",
    )


def _approve_report_and_start_the_other(gaps, actor):
    ProductionReport.objects.filter(pk=gaps.report.pk).update(status="approved")
    ProductionReport.objects.create(
        production=gaps.unreported.production,
        call_sheet=gaps.unreported,
        day_number=2,
        date=gaps.unreported.date,
        status="approved",
    )


@pytest.mark.parametrize(
    "key, fix",
    [
        ("packets", _approve_packet),
        ("paid", _paperwork_for_the_paid),
        ("pos", _close_po),
        ("invoices", _batch_invoice),
        ("envelopes", _reconcile),
        ("issued", _return_item),
        ("dprs", _approve_report_and_start_the_other),
    ],
)
def test_a_gap_leaves_the_report_once_fixed_and_no_other_does(production, key, fix):
    actor = add_member(production, Role.UPM)
    gaps = make_gaps(production)
    before = {k: len(v) for k, v in _lines(production).items()}
    assert before[key] >= 1
    fix(gaps, actor)
    after = {k: len(v) for k, v in _lines(production).items()}
    assert after[key] == 0
    assert {k: v for k, v in after.items() if k != key} == {
        k: v for k, v in before.items() if k != key
    }


def test_a_po_invoiced_in_full_still_open_says_to_close_it(production):
    gaps = make_gaps(production)
    line = gaps.po.lines.get()
    gaps.invoice.status = "approved"
    gaps.invoice.save()
    gaps.invoice.lines.update(po_line=line, amount=Decimal("500"))
    (state,) = [g.state for g in _lines(production)["pos"]]
    assert state == "approved and invoiced in full ($500.00): close it"


def test_every_line_links_to_a_page_of_its_own_production_that_opens(client, production):
    make_gaps(production)
    client.force_login(add_member(production, Role.STUDIO_ADMIN))
    urls = {g.url for gaps in _lines(production).values() for g in gaps}
    assert len(urls) >= 8
    for url in urls:
        assert resolve(url.split("#")[0]).kwargs["production"] == production.slug
        assert client.get(url).status_code == 200, url


def test_another_productions_gaps_never_appear(client, production):
    other = make_production("Another Show")
    theirs = make_gaps(other)
    assert all(not gaps for gaps in _lines(production).values())
    client.force_login(add_member(production, Role.COORDINATOR))
    page = client.get(f"/p/{production.slug}/wrap/completeness/").content.decode()
    assert theirs.packet.person.last_name not in page
    assert theirs.invoice.number not in page
    csv = client.get(f"/p/{production.slug}/wrap/completeness.csv").content.decode()
    assert theirs.po.vendor.name not in csv


def test_the_report_reads_a_constant_number_of_queries(production):
    make_gaps(production)
    completeness_report(production)  # warm the production's cached settings
    with CaptureQueriesContext(connection) as one:
        completeness_report(production)
    make_gaps(production)
    make_gaps(production)
    with CaptureQueriesContext(connection) as three:
        sections = completeness_report(production)
    assert sum(s.count for s in sections) == 3 * 8
    assert len(three) == len(one)


def test_the_page_shows_the_lines_only_to_roles_that_fix_them(client, production):
    gaps = make_gaps(production)
    client.force_login(add_member(production, Role.APOC))  # the office: no accounting pages
    page = client.get(f"/p/{production.slug}/wrap/completeness/").content.decode()
    assert gaps.packet.person.last_name in page
    assert gaps.invoice.number not in page
    assert "only the roles that fix them see the lines" in page
    csv = client.get(f"/p/{production.slug}/wrap/completeness.csv").content.decode()
    assert gaps.invoice.number not in csv and gaps.packet.person.last_name in csv


def test_crew_cannot_open_the_report(client, production):
    client.force_login(add_member(production, Role.CREW))
    assert client.get(f"/p/{production.slug}/wrap/completeness/").status_code in (403, 404)


def test_the_report_exports_as_csv_and_xlsx_with_full_links(client, production):
    import io

    import openpyxl

    gaps = make_gaps(production)
    client.force_login(add_member(production, Role.STUDIO_ADMIN))
    response = client.get(f"/p/{production.slug}/wrap/completeness.csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0] == "Kind,Record,Where it stands,Fixed at"
    assert f"http://testserver/p/{production.slug}/accounting/pos/{gaps.po.pk}/" in text
    response = client.get(f"/p/{production.slug}/wrap/completeness.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert f"Invoice {gaps.invoice.number} — {gaps.invoice.vendor}" in values
    assert client.get(f"/p/{production.slug}/wrap/completeness.pdf").status_code == 404


def test_the_wrap_page_shows_the_counts(client, production):
    make_gaps(production)
    client.force_login(add_member(production, Role.COORDINATOR))
    page = client.get(f"/p/{production.slug}/wrap/").content.decode()
    assert 'id="wrap-completeness"' in page and 'id="wrap-checklist"' in page
    assert "8 gaps" in page


def test_an_empty_envelope_is_the_float_in_hand_not_a_gap(production):
    gaps = make_gaps(production)
    gaps.envelope.receipts.update(voided_at=gaps.envelope.created_at + timedelta(minutes=1))
    assert _lines(production)["envelopes"] == []


def test_the_wrap_page_of_a_show_with_no_gaps_says_so_kind_by_kind(client, production):
    client.force_login(add_member(production, Role.COORDINATOR))
    page = client.get(f"/p/{production.slug}/wrap/").content.decode()
    assert "Nothing the apps record is missing." in page
    assert "Walkies, keys, passes and badges not returned</a>: none" in page
    assert 'Scripts not returned</a>: <span class="muted">not recorded by the apps' in page
