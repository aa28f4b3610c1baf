"""Issue 17: how long `manage.py backup` takes on the bench database (every row and stored
file, encrypted) and how long a restore's first pass takes to check the archive whole
(decrypt, SHA-256 of every member). Run by benchmarks/run.py on its database, after the other
figures have filled it; the budgets are this note's own (the issue sets none)."""

import io
import statistics
import time

from callboard.ops.archive import new_key, parse_key, verify
from callboard.ops.backup import backup_write, select_everything


def backup_figures(runs: int = 3) -> list[tuple]:
    key = parse_key(new_key())
    write_ms, check_ms = [], []
    for _ in range(runs):
        out = io.BytesIO()
        start = time.perf_counter()
        manifest = backup_write(out=out, key=key, selection=select_everything(), say=lambda _: 0)
        write_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        verify(io.BytesIO(out.getvalue()), key)
        check_ms.append((time.perf_counter() - start) * 1000)
    rows = sum(manifest["rows"].values())
    files = sum(1 for m in manifest["members"] if m["name"].startswith("files/"))
    size = f"{len(out.getvalue()) / 1e6:.1f} MB"
    return [
        (
            "Back up the bench database and files (encrypted)",
            "≤ 10 s",
            statistics.median(write_ms),
            10_000,
            f"{rows} rows, {files} files, {size}",
        ),
        (
            "Check a backup whole before restoring (decrypt + SHA-256)",
            "≤ 2 s",
            statistics.median(check_ms),
            2_000,
            size,
        ),
    ]
