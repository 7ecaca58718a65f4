"""The partnership dashboard (overview page) with 20 indicators x 60 months, served.

Run: .venv/bin/python benchmarks/dashboard.py [--workers N] [--threads N]
     [--cold N] [--sequential N] [--clients N] [--requests N] [--think SECONDS]

Target (DESIGN.md): median under 100 ms, 95th percentile under 300 ms with 20
concurrent clients; a bounded number of SQL queries per page.

Builds a throwaway JOINEDUP_HOME with a SQLite database (with DATABASE_URL set
to a PostgreSQL server, a fresh database ``joinedup_bench_<pid>`` there instead,
dropped at the end: its user must be allowed to create databases, as for the
test suite), migrates, loads the demo's Riverside partnership (partners, members,
a year of effort, closed assessment rounds) and replaces its outcomes with 5
outcomes holding 20 indicators of 60 monthly values (seeded). Then starts the
production server (gunicorn, as ``joinedup serve`` does) on a free local port
and times GET of the overview page over HTTP, each client with its own session
cookie: (a) cold: one client, the partnership's data version changed before
each request, so every page computes the dashboard afresh, (b) warm: one
client, one request after another, (c) warm: 20 clients at once, each sending
its next request as soon as the last is answered (no think time). Each gunicorn
worker caches in its own memory, so every worker is warmed (2 requests per
client) before (b) and (c) are timed. The same again after cutting the
partnership down to 1 indicator, for scaling. The SQL queries per page, cold
and warm, are counted in this process with Django's test client on the same
database.

The load generator (threads in this process) shares the machine's cores with
the server; the server's CPU per request is read from /proc.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

OUTCOMES = 5
INDICATORS_EACH = 4
MONTHS = 60
SEED = 20220401
USERNAME = "lead"  # the demo's partnership lead


def fresh_postgres(url: str) -> str:
    """Create an empty database on the server of ``url``; the URL of the new one."""
    import psycopg

    name = f"joinedup_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop_postgres(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    name = urlsplit(url).path.lstrip("/")
    maintenance = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup(home: Path) -> None:
    """Point Django at ``home`` (and the database in DATABASE_URL), then set it up."""
    os.environ["JOINEDUP_HOME"] = str(home)
    (home / "static").mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "joinedup.web.settings"
    os.environ["JOINEDUP_SECRET_KEY"] = "benchmark-" + os.urandom(16).hex()
    os.environ["JOINEDUP_ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ["JOINEDUP_DEBUG"] = "false"
    os.environ["JOINEDUP_LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def build() -> str:
    """Migrate, load the demo, give Riverside 20 indicators x 60 months; its slug."""
    return str(demo_with_outcomes().slug)


def demo_with_outcomes(outcomes: int = OUTCOMES, indicators_each: int = INDICATORS_EACH) -> Any:
    """Migrate, load the demo, and replace Riverside's outcomes (and the demo's
    actions, which answer them) with ``make_outcomes``'; the partnership."""
    from django.core.management import call_command

    from joinedup.web import demo
    from joinedup.web.partnerships.models import Partnership

    call_command("migrate", interactive=False, verbosity=0)
    if Partnership.objects.exists():
        raise SystemExit("the database is not empty: give the benchmark a throwaway one")
    demo.load()
    riverside = Partnership.objects.get(slug="riverside")
    riverside.actions.all().delete()
    riverside.outcomes.all().delete()
    make_outcomes(riverside, outcomes, indicators_each)
    return riverside


def make_outcomes(
    partnership: Any, outcomes: int = OUTCOMES, indicators_each: int = INDICATORS_EACH
) -> None:
    """``outcomes`` outcomes x ``indicators_each`` indicators, each MONTHS monthly values up
    to last month: a stable level before the partnership started, then for most a
    step or a drift (better or worse), some with a target, a named rebase date or a
    moved goalpost, as real boards have."""
    from django.db import transaction
    from django.utils import timezone

    from joinedup.core.outcomes import Frequency, Kind
    from joinedup.core.spc import Improvement
    from joinedup.web.outcomes.models import ChangeRecord, DataPoint, IndicatorEvent

    rnd = random.Random(SEED)
    members = list(partnership.members.filter(end_date__isnull=True).order_by("pk"))
    partners = list(partnership.partners.all())
    last = Frequency.MONTHLY.shift(Frequency.MONTHLY.start_of(timezone.localdate()), -1)
    months = [Frequency.MONTHLY.shift(last, n - MONTHS + 1) for n in range(MONTHS)]
    kinds = list(Kind)
    with transaction.atomic():
        for o in range(outcomes):
            outcome = partnership.outcomes.create(
                title=f"Outcome {o + 1}: people are better off in way {o + 1}",
                description="Benchmark outcome.",
                owner=None if o == outcomes - 1 else members[o % len(members)],
            )
            outcome.partners.set(rnd.sample(partners, 2))
            for i in range(indicators_each):
                level = rnd.choice([12.0, 48.0, 75.0, 310.0, 1450.0])
                sigma = level * rnd.uniform(0.03, 0.1)
                improvement = rnd.choice([Improvement.INCREASE, Improvement.DECREASE])
                shape = rnd.choice(["flat", "step", "drift", "worse"])
                sign = 1 if improvement == Improvement.INCREASE else -1
                indicator = outcome.indicators.create(
                    name=f"Indicator {o + 1}.{i + 1}",
                    unit=rnd.choice(["%", "people", "bed days", "days"]),
                    improvement=improvement,
                    frequency=Frequency.MONTHLY,
                    source="Benchmark",
                    target=round(level * (1 + sign * 0.2), 1) if rnd.random() < 0.5 else None,
                    kind=kinds[(o + i) % len(kinds)],
                )
                values = []
                for month in months:
                    since = max(0, (month - partnership.start_date).days // 30)
                    shift = {
                        "flat": 0.0,
                        "step": sign * 3 * sigma * (since > 6),
                        "drift": sign * sigma * 0.12 * since,
                        "worse": -sign * 2.5 * sigma * (since > 12),
                    }[shape]
                    values.append(round(level + shift + rnd.gauss(0, sigma), 1))
                DataPoint.objects.bulk_create(
                    DataPoint(indicator=indicator, period=month, value=value)
                    for month, value in zip(months, values, strict=True)
                )
                if shape == "step" and rnd.random() < 0.5:
                    IndicatorEvent.objects.create(
                        indicator=indicator,
                        date=months[-18],
                        kind="rebase",
                        text="New pathway began",
                        reason="A new pathway, so a new process",
                    )
                if indicator.target is not None and rnd.random() < 0.3:
                    ChangeRecord.objects.create(
                        partnership=partnership,
                        outcome=outcome,
                        indicator=indicator,
                        field="target",
                        old=str(round(indicator.target * 1.1, 1)),
                        new=str(indicator.target),
                        source="page",
                        moved_goalpost=True,
                    )


def cut_to_one_indicator(partnership: Any) -> None:
    """Keep the first outcome's first indicator; delete every other outcome and indicator."""
    outcomes = list(partnership.outcomes.order_by("pk"))
    for outcome in outcomes[1:]:
        outcome.delete()
    keep = outcomes[0].indicators.order_by("pk").first()
    outcomes[0].indicators.exclude(pk=keep.pk).delete()


def session_cookie() -> str:
    """A logged-in session for the partnership lead, stored in the database."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=USERNAME))
    return str(client.cookies["sessionid"].value)


def change_data(slug: str) -> None:
    """A new data version for the partnership, as any change gives it: the next
    page in every worker computes its dashboard afresh."""
    from joinedup.web.freshness.versions import data_changed
    from joinedup.web.partnerships.models import Partnership

    data_changed(Partnership.objects.get(slug=slug).pk)


def count_queries(path: str, slug: str) -> tuple[int, int, int]:
    """SQL queries of the page cold and warm, and its bytes, in this process."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=USERNAME))
    client.get(path)  # the session's first use
    change_data(slug)  # so the first of the next two is cold, the second warm
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, response.status_code
        counts.append(len(captured))
    return counts[0], counts[1], len(response.content)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, workers: int, threads: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "joinedup.web.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--backlog",
        "256",
    ]
    if threads > 1:
        command += ["--threads", str(threads)]
    with log.open("wb") as out:
        # Its own process group, so stopping it stops its workers too.
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def wait_until_up(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if get(port, "/accounts/login/", "")[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer in 60 s:\n{log.read_text(errors='replace')}")


def get(port: int, path: str, cookie: str) -> tuple[int, int]:
    """One GET on a new connection (gunicorn's sync workers close it after each)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def server_cpu(server: subprocess.Popen[bytes]) -> float:
    """CPU seconds used so far by the gunicorn master and its live workers."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [server.pid]
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    pids += [int(pid) for pid in children.read_text().split()]
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


@dataclass
class Run:
    label: str
    times: list[float]  # seconds per request
    wall: float
    server_cpu: float
    client_cpu: float

    def quantile(self, q: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    def line(self) -> str:
        n = len(self.times)
        return (
            f"  {self.label:28} n={n:4}  median {statistics.median(self.times) * 1000:6.1f} ms"
            f"  p95 {self.quantile(0.95) * 1000:6.1f} ms  max {max(self.times) * 1000:6.1f} ms"
            f"  {n / self.wall:5.1f} req/s"
            f"  server CPU {self.server_cpu / n * 1000:5.1f} ms/req"
            f"  client CPU {self.client_cpu / n * 1000:4.1f} ms/req"
        )


def measure(
    server: subprocess.Popen[bytes],
    port: int,
    path: str,
    cookies: list[str],
    requests: int,
    label: str,
    expect: int,
    think: float = 0.0,
    before: Callable[[], None] | None = None,
) -> Run:
    """Each cookie is a client (a thread) sending ``requests`` GETs, each as soon as
    the last is answered, or after a random pause averaging ``think`` seconds;
    ``before`` runs before each request, untimed."""
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    go = threading.Barrier(len(cookies) + 1)

    def client(cookie: str) -> None:
        mine = []
        pause = random.Random(cookie)
        go.wait()
        for _ in range(requests):
            if think:
                time.sleep(pause.expovariate(1 / think))
            if before:
                before()
            start = time.perf_counter()
            try:
                status, size = get(port, path, cookie)
            except OSError as error:
                errors.append(repr(error))
                continue
            mine.append(time.perf_counter() - start)
            if status != 200 or abs(size - expect) > expect // 10:
                errors.append(f"status {status}, {size} bytes")
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=client, args=(cookie,)) for cookie in cookies]
    for thread in threads:
        thread.start()
    cpu_before, client_before = server_cpu(server), time.process_time()
    go.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    run = Run(
        label,
        times,
        wall,
        server_cpu(server) - cpu_before,
        time.process_time() - client_before,
    )
    if errors:
        raise SystemExit(f"{label}: {len(errors)} bad responses, first: {errors[0]}")
    return run


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{dt.date.today()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"load average {load}"
    )


def bench(
    server: subprocess.Popen[bytes],
    port: int,
    slug: str,
    args: argparse.Namespace,
    name: str,
) -> tuple[Run, Run, Run]:
    path = f"/partnerships/{slug}/"
    cold_queries, warm_queries, size = count_queries(path, slug)
    cookies = [session_cookie() for _ in range(args.clients)]
    print(
        f"{name}: SQL queries per page {cold_queries} cold, {warm_queries} warm; "
        f"{size / 1000:.0f} kB"
    )
    # Start every worker (imports, templates, connections) before timing.
    measure(server, port, path, cookies, 2, "start-up", size)
    cold = measure(
        server,
        port,
        path,
        cookies[:1],
        args.cold,
        "cold, one client",
        size,
        before=lambda: change_data(slug),
    )
    # Warm every worker's cache for the current data version.
    measure(server, port, path, cookies, 2, "warm-up", size)
    sequential = measure(server, port, path, cookies[:1], args.sequential, "warm, one client", size)
    label = f"warm, {args.clients} clients"
    if args.think:
        label = f"warm, {args.clients} clients, {args.think:g} s think"
    concurrent = measure(server, port, path, cookies, args.requests, label, size, args.think)
    print(cold.line())
    print(sequential.line())
    print(concurrent.line())
    ratio = statistics.median(concurrent.times) / statistics.median(sequential.times)
    print(f"  concurrent / sequential median (warm): {ratio:.1f}x")
    return cold, sequential, concurrent


def run(home: Path, args: argparse.Namespace) -> tuple[Run, Run, Run]:
    """Build the data, serve it, measure 20 indicators then 1; the 20's runs."""
    setup(home)
    from django.conf import settings

    from joinedup.web.partnerships.models import Partnership

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    start = time.perf_counter()
    slug = build()
    print(f"Machine: {machine()}")
    print(
        f"Database: {engine} (CONN_MAX_AGE {settings.DATABASES['default']['CONN_MAX_AGE']}); "
        f"built in {time.perf_counter() - start:.1f} s; "
        f"gunicorn: {args.workers} workers x {args.threads} threads, "
        f"{args.clients} clients x {args.requests} requests (think {args.think:g} s), "
        f"{args.cold} cold and {args.sequential} warm sequential"
    )
    port = free_port()
    log = home / "gunicorn.log"
    server = start_server(port, args.workers, args.threads, log)
    try:
        wait_until_up(server, port, log)
        runs = bench(
            server, port, slug, args, f"{OUTCOMES * INDICATORS_EACH} indicators x {MONTHS}"
        )
        cut_to_one_indicator(Partnership.objects.get(slug=slug))
        bench(server, port, slug, args, f"1 indicator x {MONTHS}")
    finally:
        stop_server(server)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--cold", type=int, default=20, help="cold requests, one client")
    parser.add_argument("--sequential", type=int, default=50)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="per concurrent client")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause before each request, seconds"
    )
    args = parser.parse_args()

    postgres = None
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        postgres = os.environ["DATABASE_URL"] = fresh_postgres(os.environ["DATABASE_URL"])
    try:
        with tempfile.TemporaryDirectory(prefix="joinedup-bench-") as directory:
            cold, seq, conc = run(Path(directory), args)
    finally:
        if postgres:
            drop_postgres(postgres)
    print(f"targets, {OUTCOMES * INDICATORS_EACH} indicators:")
    for label, seconds, limit in [
        ("median, one client, cold, under 100 ms", statistics.median(cold.times), 0.1),
        ("median, one client, under 100 ms", statistics.median(seq.times), 0.1),
        (f"median, {args.clients} clients, under 100 ms", statistics.median(conc.times), 0.1),
        (f"p95, {args.clients} clients, under 300 ms", conc.quantile(0.95), 0.3),
    ]:
        print(f"  {label:40} {'met' if seconds < limit else 'NOT met'} ({seconds * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
