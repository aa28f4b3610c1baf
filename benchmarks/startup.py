"""Issue 17, item 9: commands start like command line tools.

Whole processes, measured side by side: the CPU time (user + system) of each child, the median
of several runs taken in turn, so a busy machine weighs on all of them alike.
``manage.py parse_script FILE --json`` of the seeded 120-page script against screenplain turning
the same file into a PDF (budget: half of screenplain's run), and ``manage.py compute_pay`` of
the example week (budget: 0.6 s).

Python's bytecode cache is warm, as on any installed machine (the first run of each fills a
cache of its own in a temporary folder; the checkout is not written). Run by benchmarks/run.py,
or alone: ``python benchmarks/startup.py``.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from callboard.scripts.generator import generate_fountain  # noqa: E402

RUNS = 7


def cpu_ms(command: list[str], env: dict) -> tuple[float, bytes]:
    """The child's CPU time (user + system) in ms, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=300)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu * 1000, done.stdout


def startup_figures() -> list[tuple]:
    python = sys.executable
    screenplain = str(Path(python).parent / "screenplain")
    with tempfile.TemporaryDirectory(prefix="callboard-startup-") as folder:
        script = Path(folder) / "long.fountain"
        script.write_text(generate_fountain())
        env = {
            **os.environ,
            "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),
            "CALLBOARD_VAR_DIR": str(Path(folder) / "var"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("DATABASE_URL", None)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        commands = {
            "screenplain": [screenplain, "--format", "pdf", str(script), f"{folder}/long.pdf"],
            "parse_script": [python, "manage.py", "parse_script", str(script), "--json"],
            "compute_pay": [
                python,
                "manage.py",
                "compute_pay",
                "callboard/payroll/examples/week.json",
            ],
        }
        samples: dict[str, list[float]] = {name: [] for name in commands}
        outputs = {name: cpu_ms(command, env)[1] for name, command in commands.items()}  # warm
        for _ in range(RUNS):
            for name, command in commands.items():
                samples[name].append(cpu_ms(command, env)[0])
    pages = json.loads(outputs["parse_script"])["pages"]
    screenplain_ms = statistics.median(samples["screenplain"])
    parse_ms = statistics.median(samples["parse_script"])
    return [
        (
            f"parse_script --json, {pages}-page script (process CPU)",
            "≤ 0.5×",
            parse_ms,
            screenplain_ms / 2,
            f"{parse_ms / screenplain_ms:.2f} × screenplain's {screenplain_ms:.0f} ms (to PDF)",
        ),
        (
            "compute_pay, the example week (process CPU)",
            "≤ 600 ms",
            statistics.median(samples["compute_pay"]),
            600,
            "",
        ),
    ]


if __name__ == "__main__":
    for name, budget, measured, limit, note in startup_figures():
        verdict = "ok" if measured <= limit else "OVER BUDGET"
        print(f"{name:<58} {budget:>9} {measured:>8.0f} ms  {verdict}  {note}")
