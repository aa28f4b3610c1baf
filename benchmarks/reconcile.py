"""Issue 18: reconciling a shoot day of 300 time cards against its production report (the
day's page: every person's report times beside their card, flagged past the tolerance). Run by
benchmarks/run.py, which passes its seeding helpers; the day is the DPR bench's, with 150 more
crew called."""

import random
import time
from datetime import timedelta
from decimal import Decimal


def reconcile_figures(owned, client, user, seed_people, seed_board) -> list[tuple]:
    from dpr import seed_dpr_day

    from callboard.callsheets.queries import issue, issued_as_json, sheet_view
    from callboard.payroll.engine import sunday_on_or_before
    from callboard.payroll.models import TimeCard
    from callboard.people.models import Person
    from callboard.reports import reconcile
    from callboard.reports.models import ProductionReport

    rng = random.Random(7)
    production = owned(client, user, "Reconcile Show")
    report = seed_dpr_day(production, rng, seed_people, seed_board)
    seed_people(production, 150, rng, start=150)
    sheet = report.call_sheet
    sheet.snapshot = issued_as_json(issue(sheet_view(sheet)))  # the 300 called
    sheet.save()
    crew = list(Person.objects.crew().filter(production=production).order_by("pk"))[:300]
    day = report.date.isoformat()
    cards = []
    for n, person in enumerate(crew):
        wrap = "19:30" if n % 10 else "20:45"  # one in ten claims a later wrap
        cards.append(
            TimeCard(
                production=production,
                person=person,
                week_start=sunday_on_or_before(report.date),
                rules="ca-nonunion",
                rate=Decimal("52.50"),
                per="hour",
                guaranteed_hours=Decimal("0"),
                days=[
                    {
                        "date": day,
                        "call": "07:00",
                        "wrap": wrap,
                        "meals": [{"start": "13:00", "end": "13:30", "grace": False}],
                        "ndb": None,
                        "note": "",
                    },
                    {
                        "date": (report.date + timedelta(days=1)).isoformat(),
                        "call": "07:00",
                        "wrap": "19:00",
                        "meals": [],
                        "ndb": None,
                        "note": "",
                    },
                ],
            )
        )
    TimeCard.objects.bulk_create(cards)
    samples, lines = [], []
    for _ in range(8):
        fresh = ProductionReport.objects.get(pk=report.pk)
        start = time.perf_counter()
        lines = reconcile.day_lines(fresh)
        samples.append((time.perf_counter() - start) * 1000)
    samples = sorted(samples[1:])  # the first warms the caches
    with_cards = sum(1 for x in lines if x.card is not None)
    differ = sum(1 for x in lines if x.state == "differs")
    return [
        (
            "Reconcile a day: 300 time cards against the DPR",
            "≤ 500 ms",
            samples[len(samples) // 2],
            500,
            f"{len(lines)} on the report, {with_cards} cards, {differ} differ",
        )
    ]


if __name__ == "__main__":  # python benchmarks/reconcile.py: this figure alone
    import os
    import sys

    sys.path.insert(0, os.path.dirname(__file__))
    import run
    from django.test import Client

    run.call_command("migrate", verbosity=0)
    user = run.make_user("bench@example.test")
    client = Client()
    client.force_login(user)
    for row in reconcile_figures(run.owned, client, user, run.seed_people, run.seed_board):
        print(row)
