"""Load test of the public pages against gunicorn, next to a trivial view.

    python bench/bench_web.py [--orgs 430] [--duration 10] [--connections 8]

Builds the generated national data set in a fresh SQLite database in a
temporary folder (and, when DATABASE_URL is set, in a fresh database created on
that PostgreSQL server and dropped afterwards), serves it with `planverk serve`
(gunicorn, 2 workers, DEBUG off) on a free port of 127.0.0.1, and runs wrk
against a trivial view, the front page of an approved strategy and one of its
theme pages. The trivial view renders the empty site frame (base.html);
plain-text ``ping`` is measured too. Prints req/s and latency percentiles as wrk sees them, the server
time per request from gunicorn's access log, the time per request measured
in-process with Django's test client, the SQL queries per page, and the ratio
of each page's req/s to the trivial view's. Only 127.0.0.1 is contacted; every
phase is bounded in time and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# wrk prints these after its run: percentiles wrk itself does not print (p95).
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d errors=%d non2xx=%d\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    e.status))
  for _, p in ipairs({50, 90, 95, 99}) do
    io.write(string.format("BENCH p%d_us=%d\\n", p, latency:percentile(p)))
  end
end
"""
ACCESS_FORMAT = "BENCHLOG %(U)s %(s)s %(D)s"  # path, status, microseconds
TARGET_P95_MS = 150
TARGET_RATIO = 0.3


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(cmd: list[str], env: dict[str, str], timeout: float) -> str:
    done = subprocess.run(
        cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def planverk(*args: str) -> list[str]:
    return [sys.executable, "-m", "planverk", *args]


def base_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    data_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on 127.0.0.1, no TLS proxy
        PLANVERK_DATA=str(data_dir),
        PLANVERK_BENCH="1",
        DJANGO_SETTINGS_MODULE="planverk.settings",
        GUNICORN_CMD_ARGS=f"--access-logformat '{ACCESS_FORMAT}'",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@contextmanager
def postgres_database(url: str) -> Iterator[str]:
    """A fresh, empty database on the server *url* names; dropped afterwards."""
    import psycopg

    name = f"planverk_bench_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build(env: dict[str, str], orgs: int, seed: int) -> float:
    started = time.perf_counter()
    run(planverk("migrate", "--verbosity", "0"), env, timeout=300)
    run(planverk("sample", "--orgs", str(orgs), "--seed", str(seed)), env, 1800)
    return time.perf_counter() - started


def probe(requests: int) -> dict[str, Any]:
    """In this process: pick the pages, count their queries, time them in-process."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from planverk.strategies.models import Strategy, Theme

    strategy = (
        Strategy.objects.filter(state="approved")
        .annotate(n=Count("themes__measures"))
        .select_related("organization")
        .order_by("-n", "pk")
        .first()
    )
    if strategy is None:
        sys.exit("the sample data has no approved strategy")
    theme = (
        Theme.objects.filter(strategy=strategy, exempt=False)
        .annotate(n=Count("measures"))
        .order_by("-n", "sort_key")
        .first()
    )
    front = f"/o/{strategy.organization.slug}/s/{strategy.pk}/"
    pages = {
        "ping": "/bench/ping/",
        "trivial": "/bench/trivial/",
        "front": front,
        "theme": f"{front}tema/{theme.number}/" if theme else front,
    }
    client = Client()
    result: dict[str, Any] = {"pages": pages, "status": {}, "queries": {}, "ms": {}}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            result["status"][name] = client.get(url).status_code
        result["queries"][name] = len(queries)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        # The same with an empty cache before each request: the cost of building
        # a page, which every reader pays after a change and members always pay.
        cold = []
        for _ in range(requests):
            cache.clear()
            started = time.perf_counter()
            client.get(url)
            cold.append((time.perf_counter() - started) * 1000)
        result["ms"][name] = {
            "p50": statistics.median(times),
            "p95": percentile(times, 95),
            "cold_p95": percentile(cold, 95),
        }
    return result


@contextmanager
def server(env: dict[str, str], port: int, log: Path) -> Iterator[None]:
    with log.open("w") as out:
        process = subprocess.Popen(
            planverk(
                "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"
            ),
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/bench/trivial/", process)
            yield
        finally:
            process.terminate()  # gunicorn's master stops its workers
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server stopped (exit {process.returncode}); see its log")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    sys.exit(f"the server did not answer {url} within 30 s")


def wrk(url: str, args: argparse.Namespace, script: Path) -> dict[str, float]:
    cmd = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s",
        "--timeout", "5s", "--latency", "-s", str(script), url,
    ]  # fmt: skip
    done = subprocess.run(
        cmd, capture_output=True, text=True, timeout=args.duration + 30
    )
    if done.returncode != 0:
        sys.exit(f"wrk failed: {done.stderr}")
    found = dict(re.findall(r"(\w+)=(\d+)", "\n".join(
        line for line in done.stdout.splitlines() if line.startswith("BENCH ")
    )))  # fmt: skip
    values = {k: float(v) for k, v in found.items()}
    values["rps"] = values["requests"] / (values["duration_us"] / 1e6)
    return values


def server_times(log: Path) -> dict[str, list[float]]:
    """Milliseconds per request path, from gunicorn's access log."""
    times: dict[str, list[float]] = defaultdict(list)
    for line in log.read_text(errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "BENCHLOG":
            times[parts[1]].append(int(parts[3]) / 1000)
    return times


def bench_backend(label: str, env: dict[str, str], args: argparse.Namespace) -> None:
    print(f"\n== {label}: building {args.orgs} organisations …", flush=True)
    seconds = build(env, args.orgs, args.seed)
    print(f"   built in {seconds:.0f} s", flush=True)
    out = run(
        [sys.executable, __file__, "--probe", "--requests", str(args.requests)],
        env,
        timeout=600,
    )
    found = json.loads(out.splitlines()[-1])
    port = free_port()
    log = Path(env["PLANVERK_DATA"]) / f"access-{label}.log"
    script = Path(env["PLANVERK_DATA"]) / "p95.lua"
    script.write_text(WRK_SCRIPT)
    results: dict[str, dict[str, float]] = {}
    with server(env, port, log):
        for name, path in found["pages"].items():
            results[name] = wrk(f"http://127.0.0.1:{port}{path}", args, script)
    report(label, found, results, server_times(log))


def report(
    label: str,
    found: dict[str, Any],
    results: dict[str, dict[str, float]],
    logged: dict[str, list[float]],
) -> None:
    print(f"   pages: {json.dumps(found['pages'], ensure_ascii=False)}")
    head = (
        f"{'page':8} {'status':>6} {'queries':>7} {'req/s':>8} {'p50':>7} {'p90':>7} "
        f"{'p95':>7} {'p99':>7} {'errors':>6} {'srv p95':>8} {'proc p95':>8} {'cold p95':>8}"
    )
    print(head + "\n" + "-" * len(head))
    trivial = results["trivial"]["rps"]
    for name, r in results.items():
        path = urlsplit(found["pages"][name]).path
        srv = logged.get(path) or [float("nan")]
        print(
            f"{name:8} {found['status'][name]:>6} {found['queries'][name]:>7} "
            f"{r['rps']:>8.0f} {r['p50_us'] / 1000:>6.1f}m {r['p90_us'] / 1000:>6.1f}m "
            f"{r['p95_us'] / 1000:>6.1f}m {r['p99_us'] / 1000:>6.1f}m "
            f"{r['errors'] + r['non2xx']:>6.0f} {percentile(srv, 95):>7.1f}m "
            f"{found['ms'][name]['p95']:>7.1f}m {found['ms'][name]['cold_p95']:>7.1f}m"
        )
    print("   (latencies in ms: wrk end to end; srv = gunicorn access log; "
          "proc = Django test client in-process; cold = in-process, cache emptied "
          "before each request)")  # fmt: skip
    for name in ("front", "theme"):
        ratio = results[name]["rps"] / trivial
        to_ping = results[name]["rps"] / results["ping"]["rps"]
        srv95 = percentile(logged.get(urlsplit(found["pages"][name]).path) or [0], 95)
        print(
            f"   {label} {name}: req/s ratio to trivial {ratio:.2f} "
            f"(target ≥ {TARGET_RATIO}: {verdict(ratio >= TARGET_RATIO)}; "
            f"to ping {to_ping:.2f}), server p95 {srv95:.1f} ms "
            f"(target < {TARGET_P95_MS} ms: {verdict(srv95 < TARGET_P95_MS)})"
        )


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=430)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--requests", type=int, default=200, help="in-process")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.requests)))
        return
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    data = Path(tempfile.mkdtemp(prefix="planverk-web-"))
    try:
        env = base_env(data / "sqlite", None)
        run(planverk("collectstatic", "--noinput", "--verbosity", "0"), env, 300)
        bench_backend("sqlite", env, args)
        if os.environ.get("DATABASE_URL"):
            with postgres_database(os.environ["DATABASE_URL"]) as url:
                bench_backend("postgresql", base_env(data / "pg", url), args)
    finally:
        if args.keep:
            print(f"kept {data}")
        else:
            shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
