"""Issue 21 item 6: the demo production's wrap binder, built as the worker builds it (every
section of the payroll edition, which holds them all: each app's PDFs, the tables, the cover
and contents, the merge with its bookmarks, the ZIP, both saved to storage). Run by
benchmarks/run.py; `python benchmarks/wrap_binder.py` runs this figure alone."""

from __future__ import annotations

import statistics
import time


def binder_figures() -> list[tuple]:
    from callboard.core.capabilities import Role
    from callboard.core.models import Membership
    from callboard.core.testing import add_member, make_user
    from callboard.demo.build import demo_production_build
    from callboard.wrap.binder import services
    from callboard.wrap.binder.sections import sections_for
    from callboard.wrap.binder.tasks import binder_build
    from callboard.wrap.models import Binder

    production = demo_production_build()
    user = add_member(production, Role.STUDIO_ADMIN, make_user("binder-bench@example.test"))
    membership = Membership.objects.get(production=production, user=user)
    keys = [s.key for s in sections_for("payroll")]
    samples = []
    for _ in range(3):
        binder = services.binder_request(
            production=production,
            membership=membership,
            actor=user,
            edition="payroll",
            sections=keys,
        )
        # What the worker runs for the queued build, run here in this process.
        start = time.perf_counter()
        binder_build.call(binder_id=binder.pk)
        samples.append((time.perf_counter() - start) * 1000)
        binder.refresh_from_db()
        assert binder.status == Binder.Status.DONE and not binder.failures, (
            binder.status,
            binder.error,
            binder.failures,
        )
    return [
        (
            "Wrap binder of the demo, every section (issue 21)",
            "≤ 60 s",
            statistics.median(samples),
            60_000,
            f"{binder.document_count} documents, {binder.page_count} pages",
        )
    ]


if __name__ == "__main__":
    import os
    import sys
    import tempfile
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ["CALLBOARD_VAR_DIR"] = tempfile.mkdtemp(prefix="callboard-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "callboard.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for name, budget, measured, _limit, note in binder_figures():
        print(f"{name}: {measured / 1000:.1f} s (budget {budget}) {note}")
