"""The floor plan (README, Layout): `core` and `documents` sit under every feature app and import
none of them; the domain modules named below are plain Python and import no Django (nor any
callboard module that is not itself on the list). Read from the source with `ast`, so an import
inside a function counts as much as one at the top."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the callboard package
FLOORS = ("core", "documents")
FEATURE_APPS = {
    "people",
    "paperwork",
    "payroll",
    "accounting",
    "scripts",
    "schedule",
    "locations",
    "callsheets",
    "distribution",
    "home",
    "demo",
    "reports",
    "travel",
    "office",
    "ops",
    "api",
    "wrap",
}
FRAMEWORK_FREE = [
    "core/eighths.py",
    "core/timefmt.py",
    "schedule/board.py",
    "schedule/dood.py",
    "schedule/uss.py",
    "schedule/importing.py",
    "schedule/sorting.py",
    "scripts/errors.py",
    "scripts/screenplay.py",
    "scripts/fountain.py",
    "scripts/fdx.py",
    "payroll/engine.py",
    "people/minors.py",
    "people/mapping.py",
    "documents/tabular.py",
    "documents/xlsx.py",
    "people/positions.py",
    "paperwork/rules.py",
    "paperwork/catalogue.py",
    "paperwork/answers.py",
    "accounting/costreport.py",
    "accounting/pettycash.py",
    "callsheets/checks.py",
    "locations/coordinates.py",
    "locations/permits.py",
    "ops/archive.py",
    "office/rooms/invite.py",
    "office/rooms/rules.py",
    "reports/settimes.py",
    "reports/exhibitg.py",
    "reports/progress.py",
    "office/lunch/sheet.py",
    "travel/airports.py",
    "travel/checks.py",
    "travel/memo.py",
    "travel/ical.py",
    "travel/scoutcal.py",
    "travel/perdiem.py",
    "travel/proposals.py",
    "travel/scoutroute.py",
    "office/gate/rules.py",
    "office/supplies/stock.py",
]


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in a file, relative ones resolved."""
    package = ["callboard", *path.relative_to(ROOT).parent.parts]
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            if node.module:
                names.append((node.lineno, module))
            else:  # from . import services
                names += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return names


def application_modules(app: str) -> list[Path]:
    """An app's code, not its tests (a test may drive the whole project) nor its migrations."""
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    ]


def test_the_floors_import_no_feature_app():
    breaches = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for app in FLOORS
        for path in application_modules(app)
        for line, module in imported(path)
        if module.startswith("callboard.") and module.split(".")[1] in FEATURE_APPS
    ]
    assert breaches == []


@pytest.mark.parametrize("name", FRAMEWORK_FREE)
def test_a_framework_free_module_imports_no_django(name):
    path = ROOT / name
    allowed = {f"callboard.{n.removesuffix('.py').replace('/', '.')}" for n in FRAMEWORK_FREE}
    breaches = [
        f"{name}:{line} imports {module}"
        for line, module in imported(path)
        if module.split(".")[0] in {"django", "django_otp", "django_tasks"}
        or (module.startswith("callboard.") and module not in allowed)
    ]
    assert breaches == []


def test_the_rule_sees_a_breach(monkeypatch):
    """The checker itself: a relative import inside a function is found and resolved."""
    module = ROOT / "core" / "example_for_the_floor_test.py"
    source = "def f():\n    from ..people.models import Person\n    from django.db import models\n"
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: source)
    assert imported(module) == [(2, "callboard.people.models"), (3, "django.db")]
