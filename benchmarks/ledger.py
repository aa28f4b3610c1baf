"""Issue 8's cost-report figure: 100,000 ledger lines over 1,000 accounts.

Run by benchmarks/run.py in its own process on SQLite, then again here as
``python benchmarks/ledger.py`` with DATABASE_URL pointing at a fresh PostgreSQL
database; it prints the figure as one JSON line.
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed_and_time(make_production) -> float:
    from callboard.accounting.models import Account, Budget, BudgetLine, LedgerLine
    from callboard.accounting.queries import cost_report

    production = make_production("Ledger Show")
    rng = random.Random(23)
    accounts = Account.objects.bulk_create(
        Account(
            production=production,
            code=f"{1000 + n * 6}",
            number=f"{1000 + n * 6}",
            description=f"Account {n}",
            category=["Above the line", "Production", "Post", "Other", "Fringes"][n * 5 // 1000],
            order=n,
        )
        for n in range(1000)
    )
    budget = Budget.objects.create(production=production, version=1, name="Bench")
    BudgetLine.objects.bulk_create(
        BudgetLine(budget=budget, account=a, amount=Decimal(rng.randint(1000, 900000)))
        for a in accounts
    )
    codes = [a.code for a in accounts]
    start = date(2027, 1, 4)
    LedgerLine.objects.bulk_create(
        (
            LedgerLine(
                production=production,
                account_code=rng.choice(codes),
                date=start + timedelta(days=rng.randint(0, 120)),
                amount=Decimal(rng.randint(100, 500000)) / 100,
                description="Bench line",
                source="journal",
            )
            for _ in range(100_000)
        ),
        batch_size=5000,
    )
    period = (date(2027, 3, 1), date(2027, 3, 7))
    cost_report(production, period=period)
    samples = []
    for _ in range(5):
        began = time.perf_counter()
        report = cost_report(production, period=period)
        samples.append(time.perf_counter() - began)
    assert len(report.accounts) == 1000
    return statistics.median(samples) * 1000


if __name__ == "__main__":
    os.environ.setdefault("CALLBOARD_VAR_DIR", tempfile.mkdtemp(prefix="callboard-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "callboard.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from callboard.core.testing import make_production

    call_command("migrate", verbosity=0)
    print(json.dumps({"ms": seed_and_time(make_production)}))
