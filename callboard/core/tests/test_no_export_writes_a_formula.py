"""Every CSV and XLSX the app serves, walked through the URL conf with hostile names in the data:
no XLSX cell is a formula and no CSV cell starts with a formula trigger unprefixed."""

import csv
import io
import re
import zipfile
from datetime import timedelta

import openpyxl
import pytest
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.urls import URLPattern, URLResolver, get_resolver

from callboard.accounting.models import Account, Budget, Envelope, Receipt
from callboard.callsheets.models import CallSheet
from callboard.core.capabilities import Role
from callboard.core.links import link_grant_create
from callboard.core.testing import add_member
from callboard.demo.build import demo_production_build
from callboard.distribution.models import Delivery, Dispatch
from callboard.documents.tabular import neutralise
from callboard.paperwork.models import Packet
from callboard.payroll.models import PayrollBatch, TimeCard
from callboard.people.models import Department, Person
from callboard.schedule.models import Element, Scenario, Strip

HOSTILE = '=HYPERLINK("http://x","y")'
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Each export the walk must find, with hostile text in it (route, or route?query).
EXPECTED = {
    "people/export.csv",
    "people/export.xlsx",
    "accounting/cost-report.csv",
    "accounting/cost-report.xlsx",
    "accounting/expenses.csv",
    "timecards/batches/<>/batch.csv",
    "timecards/batches/<>/batch.xlsx",
    "timecards/union-days.csv",
    "paperwork/approved.zip",
    "schedule/scenarios/<>/one-liner.xlsx",
    "schedule/scenarios/<>/shooting-schedule.xlsx",
    "schedule/scenarios/<>/dood/?format=xlsx",
    "callsheets/<>/sent/?format=csv",
    "wrap/completeness.csv",
    "wrap/completeness.xlsx",
}
IDS = {
    "person_pk": Person,
    "department_pk": Department,
    "scenario_pk": Scenario,
    "strip_pk": Strip,
    "element_pk": Element,
    "sheet_pk": CallSheet,
    "packet_pk": Packet,
    "batch_pk": PayrollBatch,
    "card_pk": TimeCard,
    "budget_pk": Budget,
    "envelope_pk": Envelope,
    "receipt_pk": Receipt,
}


def production_routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("p/<slug:production>/"):
                yield route.removeprefix("p/<slug:production>/")

    return sorted(set(walk(get_resolver().url_patterns)))


def urls(route: str, ids: dict) -> list[tuple[str, str]]:
    """(URL path, name for the report) for each way the route can be asked for a file."""
    if any(f"<int:{name}>" in route for name in set(re.findall(r"<int:(\w+)>", route)) - set(ids)):
        return []
    path = route
    for name, value in ids.items():
        path = path.replace(f"<int:{name}>", str(value))
    kinds = ["one-liner", "shooting-schedule"] if "<slug:kind>" in route else [None]
    fmts = ["csv", "xlsx"] if "<str:fmt>" in route else [None]
    found = []
    for kind in kinds:
        for fmt in fmts:
            url = path.replace("<slug:kind>", kind or "").replace("<str:fmt>", fmt or "")
            name = re.sub(r"<int:\w+>", "<>", route).replace("<slug:kind>", kind or "")
            name = name.replace("<str:fmt>", fmt or "")
            if "<" in url:
                continue
            found.append((url, name))
            if not re.search(r"\.\w+$", url):  # a page may hand out its list as a file
                found += [(f"{url}?format={f}", f"{name}?format={f}") for f in ("csv", "xlsx")]
    return found


def check_csv(content: bytes, where: str) -> str:
    text = content.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline="")):
        for value in row:
            assert neutralise(value) == value, f"{where}: unprefixed formula {value!r}"
    return text


def check_xlsx(content: bytes, where: str) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{where}: {cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    assert neutralise(cell.value) == cell.value, f"{where}: {cell.value!r}"
                    texts.append(cell.value)
    return "\n".join(texts)


@pytest.fixture
def hostile_demo(db):
    production = demo_production_build()
    Person.objects.filter(production=production).update(
        first_name=HOSTILE, preferred_name="", last_name="@SUM(1)", position="+cmd"
    )
    Account.objects.filter(production=production).update(description=HOSTILE)
    Element.objects.filter(production=production).update(
        name=Concat(Value("=HYPERLINK(1)"), F("pk"))
    )
    Strip.objects.filter(production=production).update(description="-cmd|' /C calc'!A0")
    sheet = CallSheet.objects.filter(production=production).first()
    dispatch = Dispatch.objects.create(
        production=production,
        kind="callsheet",
        object_id=sheet.pk,
        key="hostile",
        subject="Call sheet",
    )
    for person in Person.objects.filter(production=production)[:3]:
        grant, _ = link_grant_create(
            production=production,
            purpose="callsheet.view",
            subject=person,
            valid_for=timedelta(days=1),
        )
        Delivery.objects.create(
            dispatch=dispatch,
            person=person,
            channel="email",
            address="+cmd@example.test",
            grant=grant,
        )
    return production


def test_no_export_holds_a_formula_or_an_unprefixed_trigger(client, hostile_demo):
    production = hostile_demo
    client.force_login(add_member(production, Role.STUDIO_ADMIN))
    ids = {
        name: model.objects.filter(production=production).values_list("pk", flat=True).first()
        for name, model in IDS.items()
    }
    checked = set()
    for route in production_routes():
        for url, name in urls(route, ids):
            response = client.get(f"/p/{production.slug}/{url}")
            kind = response.get("Content-Type", "")
            if response.status_code != 200:
                continue
            if kind.startswith("text/csv"):
                text = check_csv(response.content, url)
            elif kind.startswith(XLSX):
                text = check_xlsx(response.content, url)
            elif kind.startswith("application/zip"):
                with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
                    text = "\n".join(
                        check_csv(archive.read(n), f"{url} {n}")
                        if n.endswith(".csv")
                        else check_xlsx(archive.read(n), f"{url} {n}")
                        for n in archive.namelist()
                        if n.endswith((".csv", ".xlsx"))
                    )
            else:
                continue
            if "HYPERLINK" in text or "SUM(1)" in text or "cmd" in text:
                checked.add(name)
    assert checked >= EXPECTED, f"not walked with hostile data: {sorted(EXPECTED - checked)}"
