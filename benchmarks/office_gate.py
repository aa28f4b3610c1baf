"""Issue 20 item 1: the gate list PDF for 400 people, and checking a pass code on the guard's
page. Run by benchmarks/run.py, which passes its seeding helpers; `python
benchmarks/office_gate.py` runs these figures alone.

The list is 400 approved passes for one day at one gate, printed through the office's view
(query, typst, response); each run renames one guest first, as after a real change, so typst's
memoisation of an unchanged document does not flatter the figure. The check is the guard's POST
of a scanned code (the pass's signed link) up to the redirect: resolve the link, find the pass,
judge it and record the check."""

from __future__ import annotations

import datetime as dt
import statistics
import time

DAY = dt.date(2027, 4, 2)


def _median_ms(fn, runs: int, before_each=None) -> float:
    fn()  # warm
    samples = []
    for _ in range(runs):
        if before_each:
            before_each()
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def gate_figures(owned, client, user) -> list[tuple]:
    from django.utils import timezone

    from callboard.documents.render import pdf_page_count
    from callboard.office.gate import queries, services
    from callboard.office.models import Pass

    production = owned(client, user, "Gate Show")
    gate = services.gate_save(actor=user, production=production, name="Main Gate")
    Pass.objects.bulk_create(
        Pass(
            production=production, number=n + 1, gate=gate, name=f"Guest Number {n + 1}",
            company=f"Vendor {n % 37}", host="Production office", start_date=DAY, end_date=DAY,
            arrival_time=dt.time(6 + n % 12, (n * 5) % 60), stage=f"Stage {n % 9 + 1}",
            vehicle_make="Grey van", plate=f"{n:03d}ABC", status=Pass.Status.APPROVED,
        )
        for n in range(400)
    )  # fmt: skip
    url = f"/p/{production.slug}/office/gate/gates/{gate.pk}/{DAY.isoformat()}/list.pdf"
    first = Pass.objects.filter(production=production).first()
    runs = iter(range(1000))

    def rename():
        Pass.objects.filter(pk=first.pk).update(name=f"Guest Renamed {next(runs)}")

    def print_list():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    pdf_ms = _median_ms(print_list, 7, before_each=rename)
    pages = pdf_page_count(client.get(url).content)

    # The guard's check: one pass for today, its QR link scanned on the guard's page.
    today = production.today()
    guest = services.pass_request(
        actor=user, production=production,
        data={"gate": gate, "name": "Scanned Guest", "host": "Office", "start_date": today,
              "end_date": today, "vehicle": Pass.Vehicle.WALK_ON},
    )  # fmt: skip
    services.pass_approve(actor=user, pass_obj=guest)
    guard = f"/l/gate/{services.gate_guard_link_create(actor=user, gate=gate)}/"
    code = f"https://callboard.example/l/pass/{queries.pass_link_token(guest)}/"
    directions = iter(["in", "out"] * 100)

    def check():
        response = client.post(guard, {"code": code, "direction": next(directions)})
        assert response.status_code == 302, response.status_code

    check_ms = _median_ms(check, 15)
    assert guest.checks.filter(valid=True).count() >= 15, timezone.now()
    return [
        ("Gate list PDF, 400 people (view)", "≤ 300 ms", pdf_ms, 300, f"{pages} pages"),
        ("Check a pass code on the guard's page (POST)", "≤ 100 ms", check_ms, 100, ""),
    ]


if __name__ == "__main__":  # these figures alone, on run.py's fresh database
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run  # noqa: E402  (sets Django up on a fresh SQLite database)
    from django.core.management import call_command  # noqa: E402
    from django.test import Client  # noqa: E402

    from callboard.core.testing import make_user  # noqa: E402

    call_command("migrate", verbosity=0)
    bench_client, bench_user = Client(), make_user("bench-gate@example.test")
    bench_client.force_login(bench_user)
    for name, budget, measured, limit, note in gate_figures(run.owned, bench_client, bench_user):
        verdict = "ok" if measured <= limit else "OVER BUDGET"
        print(f"{name:<58} {budget:>9} {measured:>8.0f} ms  {verdict}  {note}")
