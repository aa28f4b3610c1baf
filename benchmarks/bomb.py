"""One spreadsheet bomb read in a fresh process: `python benchmarks/bomb.py FILE NAME` prints
{"ms": refusal time, "mb": peak memory growth} as JSON. The peak is the process's own high-water
mark (VmHWM), so the C parsers count; ru_maxrss would carry over the parent's size from fork."""

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from callboard.documents.tabular import TableError, read_table  # noqa: E402


def peak_kb() -> int:
    status = Path("/proc/self/status")
    if status.exists():
        return int(
            next(
                line for line in status.read_text().splitlines() if line.startswith("VmHWM:")
            ).split()[1]
        )
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(path: str, name: str) -> None:
    data = Path(path).read_bytes()
    before = peak_kb()
    start = time.perf_counter()
    try:
        read_table(name, data, max_bytes=64 * 1024 * 1024)
    except TableError as exc:
        problem = exc.problems[0]
    else:
        problem = "NOT REFUSED"
    ms = (time.perf_counter() - start) * 1000
    grown = (peak_kb() - before) / 1024
    print(json.dumps({"ms": ms, "mb": grown, "problem": problem}))


if __name__ == "__main__":
    main(*sys.argv[1:])
