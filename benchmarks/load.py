"""`make bench-load` (and the load line of `make bench`): a call-sheet morning against gunicorn
on PostgreSQL, from loopback, for 60 s.

200 crew each open their call sheet from their personal link and confirm it, thinking 5-10 s
between requests, while 20 office users click through the crew list, the stripboard and the
cost report every 5-10 s. The server: gunicorn and `manage.py worker` started as bin/serve
starts them (bin/gunicorn.conf.py: 2 x cores + 1 workers), on a throwaway PostgreSQL database
(created here, dropped at the end) seeded with the demo production grown to 200 crew, its
day-1 call sheet published and sent to them. The load generator is one asyncio process held
to one core (CPU affinity, as `taskset -c 1`), after a warm-up that is not counted. Prints
requests per second, p50/p95/p99 of the crew's pages and of the office's separately, errors,
and the CPU each part spent. Budget (issue 17, on 2 cores): no errors, p95 of the crew's
pages <= 300 ms. Other work on the machine counts against the figures: the load average
before the run and the machine's busy cores are printed beside them.

    python benchmarks/load.py [--seconds 60] [--json FILE]

Without PostgreSQL at 127.0.0.1:5432 (user postgres) it says the figure was skipped and why.
"""

import argparse
import asyncio
import base64
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
CREW, OFFICE = 200, 20
CREW_BUDGET_MS = 300
THINK = (5.0, 10.0)
WORKERS = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)  # as bin/serve


# --------------------------------------------------------------------------- the database
def pg_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None."""
    try:
        import psycopg
    except ImportError as exc:
        return f"psycopg is not installed ({exc})"
    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL at 127.0.0.1:5432 (user postgres) is not reachable: {exc}".strip()


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def pg_count(database: str, sql: str) -> int:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/{database}", connect_timeout=5) as conn:
        return conn.execute(sql).fetchone()[0]


# --------------------------------------------------------------------------- the seed
def seed(out: Path) -> None:
    """Runs in its own process on the load database (DATABASE_URL): migrate, the demo
    production, 200 crew on its published day-1 call sheet with their personal links, 20
    office users signed in. Writes the links, session cookies and URLs to `out`."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "callboard.settings")
    django.setup()

    from datetime import timedelta

    from django.core.management import call_command
    from django.test import Client

    from callboard.callsheets.checks import blocking, findings_digest
    from callboard.callsheets.models import CallSheet
    from callboard.callsheets.queries import sheet_findings, sheet_view
    from callboard.callsheets.services import callsheet_publish, callsheet_send
    from callboard.core.capabilities import Role
    from callboard.core.links import link_token
    from callboard.core.models import Membership, Production, User
    from callboard.core.testing import authenticator_device, mark_second_factor_verified
    from callboard.demo.build import DEMO_DOMAIN
    from callboard.distribution.models import Delivery, Dispatch
    from callboard.people.models import Department, DistributionGroup, Person
    from callboard.people.queries import employment_ended
    from callboard.people.services import person_create
    from callboard.schedule.models import Scenario

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("demo", verbosity=0)
    production = Production.objects.get(slug="demo")
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    sheet = CallSheet.objects.filter(production=production).order_by("pk").first()
    today = production.today()

    def on_the_sheet():
        return [
            p
            for p in Person.objects.filter(production=production, kind=Person.Kind.CREW)
            if p.email and not employment_ended(p, today)
        ]

    rng = random.Random(17)
    departments = list(Department.objects.filter(production=production))
    start, end = sheet.date - timedelta(days=10), sheet.date + timedelta(days=40)
    for n in range(CREW - len(on_the_sheet())):
        person_create(
            actor=admin,
            production=production,
            kind=Person.Kind.CREW,
            first_name=rng.choice(["Ana", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal"]),
            last_name=f"Loadtest{n}",
            email=f"crew{n}@load.example",
            phone=f"(323) 555-{n:04d}",
            department=rng.choice(departments),
            position=rng.choice(["Grip", "Electrician", "Set Dresser", "Carpenter"]),
            start_date=start,
            end_date=end,
            status=Person.Status.PREPPING,
        )

    office = []
    roles = [Role.COORDINATOR] * 10 + [Role.UPM] * 5 + [Role.ACCOUNTANT] * 5
    for n, role in enumerate(roles[:OFFICE]):
        user = User.objects.create_user(f"office{n}@load.example", secrets.token_urlsafe(16))
        Membership.objects.create(production=production, user=user, role=role)
        if role in (Role.UPM, Role.ACCOUNTANT):
            authenticator_device(user)
        office.append(user)

    # Published as the office would, a reason given for whatever the checks still find.
    found = blocking(sheet_findings(sheet_view(sheet)))
    coordinator = office[0]
    callsheet_publish(
        actor=coordinator,
        sheet=sheet,
        overrides=dict.fromkeys({f.code for f in found}, "Load test"),
        seen=findings_digest(found),
    )
    sheet.refresh_from_db()
    everyone = DistributionGroup.objects.get(production=production, kind="all_crew")
    # The send runs inline here (TASK_BACKEND is the immediate backend in this process): every
    # message is composed, with its PDF, into the outbox; confirmations tell the coordinator.
    callsheet_send(
        actor=coordinator, sheet=sheet, groups=[everyone], notify=coordinator, key="load"
    )
    dispatch = Dispatch.objects.get(production=production, kind="callsheet")
    deliveries = list(
        Delivery.objects.filter(dispatch=dispatch, person__kind=Person.Kind.CREW)
        .select_related("grant")
        .order_by("pk")
    )
    cookies = []
    for user in office:
        client = Client()
        client.force_login(user, backend="callboard.core.accounts.AccountBackend")
        mark_second_factor_verified(client, user)
        cookies.append(client.cookies["sessionid"].value)
    scenario = Scenario.objects.filter(production=production).order_by("pk").first()
    base = f"/p/{production.slug}"
    out.write_text(
        json.dumps(
            {
                "crew_links": [f"/l/call/{link_token(d.grant)}/" for d in deliveries[:CREW]],
                "sent": len(deliveries),
                "office_sessions": cookies,
                "office_pages": [
                    f"{base}/people/",
                    f"{base}/schedule/scenarios/{scenario.pk}/",
                    f"{base}/accounting/",
                ],
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
    )


# --------------------------------------------------------------------------- the servers
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_servers(env: dict, port: int, log: Path) -> list[subprocess.Popen]:
    out = log.open("ab")
    # As bin/serve starts them: gunicorn with bin/gunicorn.conf.py, `manage.py worker` beside.
    web = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "bin/gunicorn.conf.py"],
        cwd=ROOT,
        env=env | {"HOST": "127.0.0.1", "PORT": str(port), "ACCESS_LOG": ""},
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "worker"],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    return [web, worker]


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_ready(port: int, processes, seconds: float = 60) -> None:
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            raise RuntimeError("gunicorn or the worker stopped at start (see the log)")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as page:
                if page.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {seconds:.0f} s")


# --------------------------------------------------------------------------- CPU time
def _jiffies(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def server_pids(processes, database: str) -> dict[int, str]:
    """gunicorn's master and workers ("web"), the task worker ("worker"), and PostgreSQL's
    backends serving the load database ("postgres"), by process id."""
    web, worker = processes
    found = {web.pid: "web", worker.pid: "worker"}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if int(stat[1]) == web.pid:
            found[int(entry.name)] = "web"
        elif database.encode() in command and b"postgres" in command:
            found[int(entry.name)] = "postgres"
    return found


class CpuClock:
    """CPU seconds spent by the servers, by this process (the load generator) and by the
    whole machine, between start() and stop()."""

    def __init__(self, processes, database: str):
        self.processes, self.database = processes, database
        self.tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    @staticmethod
    def _machine() -> tuple[int, int]:
        try:
            numbers = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        except OSError:
            return 0, 0
        idle = numbers[3] + (numbers[4] if len(numbers) > 4 else 0)
        return sum(numbers) - idle, sum(numbers)

    def _sample(self):
        pids = server_pids(self.processes, self.database)
        jiffies = {pid: (kind, _jiffies(pid)) for pid, kind in pids.items()}
        return jiffies, time.process_time(), self._machine()

    def start(self) -> None:
        self.first = self._sample()

    def stop(self) -> dict:
        servers, own, (busy, total) = self._sample()
        before, own_before, (busy_before, total_before) = self.first
        spent = {"web": 0.0, "worker": 0.0, "postgres": 0.0}
        for pid, (kind, jiffies) in servers.items():
            spent[kind] += (jiffies - before.get(pid, (kind, 0))[1]) / self.tick
        cores = os.cpu_count() or 1
        machine_busy = (busy - busy_before) / max(total - total_before, 1) * cores
        return {
            "server_cpu_s": sum(spent.values()),
            **{f"{kind}_cpu_s": seconds for kind, seconds in spent.items()},
            "generator_cpu_s": own - own_before,
            "machine_busy_cores": machine_busy,
        }


# --------------------------------------------------------------------------- the load
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class Tally:
    def __init__(self):
        self.times = {"crew": [], "office": []}
        self.started = time.monotonic()
        self.crew_at: list[tuple[float, float]] = []  # (seconds into the run, ms)
        self.errors: list[str] = []
        self.confirmed = 0

    def error(self, what: str) -> None:
        if len(self.errors) < 1000:
            self.errors.append(what)


def connector():
    """One phone's or desk's connections. An idle one is closed after 2 s, before gunicorn's
    keep-alive (5 s) closes it: a request sent on a connection the server is closing at that
    moment fails, and where a browser quietly sends it again, aiohttp reports an error."""
    import aiohttp

    return aiohttp.TCPConnector(keepalive_timeout=2)


async def think(rng, deadline: float, low: float = THINK[0], high: float = THINK[1]) -> None:
    """A pause of low..high seconds, cut short at the deadline: the run stops on time."""
    await asyncio.sleep(max(0.0, min(rng.uniform(low, high), deadline - time.monotonic())))


async def timed(tally, group, session, method, url, **kwargs) -> tuple[int, bytes]:
    import aiohttp

    start = time.perf_counter()
    try:
        async with session.request(method, url, allow_redirects=False, **kwargs) as response:
            body = await response.read()
            status = response.status
    except (TimeoutError, aiohttp.ClientError) as exc:
        tally.error(f"{method} {url}: {type(exc).__name__} {exc}")
        return 0, b""
    ms = (time.perf_counter() - start) * 1000
    tally.times[group].append(ms)
    if group == "crew":
        tally.crew_at.append((time.monotonic() - tally.started, ms))
    expected = 302 if method == "POST" else 200
    if status != expected:
        tally.error(f"{method} {url}: HTTP {status}")
    return status, body


async def crew_member(base, link, deadline, tally, rng) -> None:
    """Opens the link; confirms after reading; re-opens now and then; 5-10 s between."""
    import aiohttp

    jar = aiohttp.CookieJar(unsafe=True)  # loopback addresses keep their cookies
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(
        base, cookie_jar=jar, timeout=timeout, connector=connector()
    ) as session:
        await think(rng, deadline, 0, THINK[1])  # the e-mail reaches phones over 10 s
        while time.monotonic() < deadline:
            status, page = await timed(tally, "crew", session, "GET", link)
            await think(rng, deadline)
            token = CSRF.search(page) if status == 200 else None
            if token and time.monotonic() < deadline:
                status, _ = await timed(
                    tally,
                    "crew",
                    session,
                    "POST",
                    link,
                    data={"csrfmiddlewaretoken": token.group(1).decode()},
                    headers={"Referer": f"{base}{link}"},
                )
                if status == 302:
                    tally.confirmed += 1
                await think(rng, deadline)


async def office_user(base, cookie, pages, deadline, tally, rng) -> None:
    import aiohttp

    jar = aiohttp.CookieJar(unsafe=True)
    jar.update_cookies({"sessionid": cookie})
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(
        base, cookie_jar=jar, timeout=timeout, connector=connector()
    ) as session:
        await think(rng, deadline, 0, THINK[1])
        n = rng.randrange(len(pages))
        while time.monotonic() < deadline:
            await timed(tally, "office", session, "GET", pages[n % len(pages)])
            n += 1
            await think(rng, deadline)


async def warm_up(base: str, plan: dict) -> None:
    """Every gunicorn worker has loaded its views and templates before the clock starts, as a
    server that has been up a while has: a few rounds of each page, as many at once as there
    are workers. Not counted."""
    import aiohttp

    jar = aiohttp.CookieJar(unsafe=True)
    jar.update_cookies({"sessionid": plan["office_sessions"][0]})
    pages = [plan["crew_links"][0], *plan["office_pages"]]
    async with aiohttp.ClientSession(base, cookie_jar=jar) as session:

        async def get(url):
            async with session.get(url, allow_redirects=False) as response:
                await response.read()

        for _ in range(3):
            await asyncio.gather(*(get(url) for url in pages for _ in range(WORKERS)))


async def run_load(base: str, plan: dict, seconds: float, clock) -> tuple[Tally, float, dict]:
    await warm_up(base, plan)
    clock.start()
    tally = Tally()
    rng = random.Random(2027)
    start = time.monotonic()
    deadline = start + seconds
    users = [crew_member(base, link, deadline, tally, rng) for link in plan["crew_links"]]
    users += [
        office_user(base, cookie, plan["office_pages"], deadline, tally, rng)
        for cookie in plan["office_sessions"]
    ]
    await asyncio.gather(*users)
    return tally, time.monotonic() - start, clock.stop()


# --------------------------------------------------------------------------- the report
def percentiles(times: list[float]) -> dict:
    if len(times) < 2:
        return {"n": len(times), "p50": 0.0, "p95": 0.0, "p99": 0.0}
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"n": len(times), "p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def say(message: str) -> None:
    print(message, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--json", type=Path, help="also write the figures here, as JSON")
    parser.add_argument("--seed", type=Path, help=argparse.SUPPRESS)  # the seeding process
    args = parser.parse_args()
    if args.seed:
        seed(args.seed)
        return 0

    def record(figures: dict) -> None:
        if args.json:
            args.json.write_text(json.dumps(figures))

    if problem := pg_problem():
        say(f"Load test skipped: {problem}")
        record({"skipped": problem})
        return 0

    database = f"callboard_load_{os.getpid()}"
    var = Path(tempfile.mkdtemp(prefix="callboard-load-"))
    log = var / "servers.log"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("REDIS_URL", "S3_BUCKET", "S3_ENDPOINT_URL", "MEDIA_ROOT")
    } | {
        "DATABASE_URL": f"{PG_SERVER}/{database}",
        "CALLBOARD_VAR_DIR": str(var),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PII_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TASK_BACKEND": "database",
        "DJANGO_SETTINGS_MODULE": "callboard.settings",
        "LOG_LEVEL": "ERROR",
    }
    processes: list[subprocess.Popen] = []
    pg_admin(f'CREATE DATABASE "{database}"')
    try:
        say(f"Load test: seeding {database} (migrate, the demo, {CREW} crew, {OFFICE} office)")
        plan_file = var / "plan.json"
        seeding = subprocess.run(
            [PYTHON, __file__, "--seed", str(plan_file)],
            cwd=ROOT,
            env=env | {"TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
            capture_output=True,
            text=True,
        )
        if seeding.returncode:
            raise RuntimeError(f"seeding failed:\n{seeding.stderr[-3000:]}")
        plan = json.loads(plan_file.read_text())
        port = free_port()
        processes = start_servers(env, port, log)
        wait_ready(port, processes)
        say(
            f"  seeded in {plan['seconds']} s; gunicorn on 127.0.0.1:{port} with "
            f"{WORKERS} workers and a database worker; "
            f"{len(plan['crew_links'])} crew links (of {plan['sent']} sent), "
            f"{len(plan['office_sessions'])} office users; {args.seconds:.0f} s of load"
        )
        cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        if len(cores) > 1:
            os.sched_setaffinity(0, {cores[1]})  # the load generator on one core
        clock = CpuClock(processes, database)
        load_before = os.getloadavg()[0]
        tally, elapsed, cpu = asyncio.run(
            run_load(f"http://127.0.0.1:{port}", plan, args.seconds, clock)
        )
        confirmed = pg_count(
            database, "SELECT count(*) FROM distribution_delivery WHERE confirmed_at IS NOT NULL"
        )
    finally:
        stop(processes)
        pg_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    crew, office = percentiles(tally.times["crew"]), percentiles(tally.times["office"])
    total = crew["n"] + office["n"]
    figures = {
        "seconds": round(elapsed, 1),
        "requests": total,
        "rps": total / elapsed,
        "errors": len(tally.errors),
        "crew": crew,
        "office": office,
        "confirmed": confirmed,
        "load_average_before": load_before,
        **cpu,
    }
    say(f"  {total} requests in {elapsed:.0f} s: {figures['rps']:.1f} requests/s")
    for name, row in (("crew pages (call sheet, confirm)", crew), ("office pages", office)):
        say(
            f"  {name:<34} {row['n']:>5} requests  p50 {row['p50']:6.0f} ms  "
            f"p95 {row['p95']:6.0f} ms  p99 {row['p99']:6.0f} ms"
        )
    windows = {}
    for at, ms in tally.crew_at:
        windows.setdefault(int(at // 10) * 10, []).append(ms)
    say(
        "  crew p95 by 10 s: "
        + ", ".join(f"{w}s {percentiles(v)['p95']:.0f}" for w, v in sorted(windows.items()))
    )
    say(
        f"  CPU: gunicorn {cpu['web_cpu_s']:.1f} s, task worker {cpu['worker_cpu_s']:.1f} s, "
        f"PostgreSQL {cpu['postgres_cpu_s']:.1f} s: "
        f"{cpu['server_cpu_s'] * 1000 / max(total, 1):.0f} ms a request; load generator "
        f"{cpu['generator_cpu_s']:.1f} s; whole machine {cpu['machine_busy_cores']:.2f} of "
        f"{os.cpu_count()} cores busy (load average {load_before:.1f} before the run: other "
        "work on the machine counts against the figures)"
    )
    say(f"  errors: {len(tally.errors)}; confirmations recorded: {confirmed}")
    for line in tally.errors[:10]:
        say(f"    {line}")
    if tally.errors and log.exists():
        problems = [ln for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
        say("  the servers' log ends:\n    " + "\n    ".join(problems[-15:]))
    ok = not tally.errors and crew["p95"] <= CREW_BUDGET_MS
    say(f"  budget (no errors, crew p95 <= {CREW_BUDGET_MS} ms): {'ok' if ok else 'OVER BUDGET'}")
    record(figures)
    shutil.rmtree(var, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
