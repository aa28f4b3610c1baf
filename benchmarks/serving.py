"""Issue 17: the web server's first request, measured as a whole process: from launching
gunicorn as bin/serve does (bin/gunicorn.conf.py) to the first 200 of /login/. Run by
benchmarks/run.py on its fresh database (the environment it set up); also on its own:
``python benchmarks/serving.py`` (on the installation's own database)."""

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def first_request_seconds(*, limit: float = 30.0) -> float:
    """Seconds from launching gunicorn to its first 200 of /login/ (Callboard's code
    byte-compiled first, as bin/serve does before it starts gunicorn)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "callboard"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = _free_port()
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "ACCESS_LOG": "",
        "LOG_LEVEL": "WARNING",
    }
    url = f"http://127.0.0.1:{port}/login/"
    start = time.perf_counter()
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "bin/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while not _answers(url):
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {server.stderr.read()[-2000:]}")
            if time.perf_counter() - start > limit:
                raise RuntimeError(f"gunicorn did not answer {url} within {limit:g} s")
            time.sleep(0.01)
        return time.perf_counter() - start
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def serving_figures(runs: int = 3) -> list[tuple]:
    samples = [first_request_seconds() for _ in range(runs)]
    workers = os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1
    return [
        (
            "Web server's first request after start (gunicorn)",
            "≤ 1 s",
            statistics.median(samples) * 1000,
            1000,
            f"launch to first 200 of /login/, {workers} workers, preloaded, code compiled",
        )
    ]


if __name__ == "__main__":
    os.chdir(ROOT)
    for name, budget, measured, _limit, note in serving_figures():
        print(f"{name}: {measured:.0f} ms (budget {budget}) {note}")
