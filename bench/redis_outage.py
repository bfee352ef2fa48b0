"""Latency under load while Redis is hung, against the same server while Redis answers.

Runs the production server (gunicorn with ``gunicorn_settings.py``, 2 gevent
processes, ``DJANGO_ENV=production``) on a throwaway PostgreSQL database with
the demo data, and Redis reached through a loopback forwarder this script can
pause (``tests/reliability/tcp.py: PausableForwarder``): paused, it keeps
every connection open and acknowledges what the server sends, but forwards
nothing, which is what a frozen Redis, proxy or pooler looks like.

For each connection count, a closed-loop load (wrk if installed, else a
Python client) cycles through six GETs, first while Redis answers, then
while the forwarder is paused, and the hung run's figures are printed with
their ratio to the answering run of the same invocation. The machine's load
average is printed with each run: the figures only compare within a run.

    .venv/bin/python -m bench.redis_outage --seconds 15 --connections 8 16
    # the same measurement of an older commit, for a before/after pair:
    git archive COMMIT | tar -x -C /tmp/before
    .venv/bin/python -m bench.redis_outage --code /tmp/before

Binds 127.0.0.1:8200 (gunicorn) and :8201 (the Redis forwarder); uses Redis
database 9 under its own key prefix and deletes those keys at the end; drops
its database at the end unless ``--keep-database``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis

from bench.harness import METERED_PLAN, METERED_PLAN_LIMIT, _ms, wrk_failures, wrk_output, wrk_percentile_ms
from tests.reliability.tcp import PausableForwarder

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER_PORT = 8200
REDIS_FORWARDER_PORT = 8201
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASE = "aimm_bench_redis_outage"
REDIS_HOST, REDIS_PORT, REDIS_DB = "127.0.0.1", 6379, 9
KEY_PREFIX = "aimm-bench-redis-outage"
# The mix of bench/reliability.md: cached v1 bodies, OpenModels reads and the health check.
PATHS = [
    "/v1/categories",
    "/v1/models?limit=20",
    "/v1/rankings/coding?limit=20",
    "/api/models?limit=20",
    "/api/providers",
    "/health",
]


@dataclass(frozen=True)
class Run:
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    failed: int  # non-2xx/3xx answers and socket errors
    load_average: float


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def prepare_database(env: dict) -> str:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    # A metered plan (the quota counter is paid on every request) that no run exhausts.
    metered_plan = (
        "from accounts.models import Plan; Plan.objects.update_or_create("
        f"slug={METERED_PLAN!r}, defaults={{'name': 'Bench (metered)', 'daily_request_limit': {METERED_PLAN_LIMIT}}})"
    )
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo_data"], ["shell", "-c", metered_plan]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    created = subprocess.run(
        [PYTHON, "manage.py", "create_api_key", "--account", "bench", "--plan", METERED_PLAN, "--name", "bench"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return created.stdout.strip().splitlines()[-1]


def drop_database() -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def forget_redis_keys() -> None:
    client = redis.Redis(REDIS_HOST, REDIS_PORT, db=REDIS_DB)
    keys = list(client.scan_iter(f"{KEY_PREFIX}*", count=1000))
    if keys:
        client.delete(*keys)


def get(path: str, headers: dict, timeout: float = 10) -> tuple[int, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{SERVER_PORT}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if predicate():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} within {timeout} s")


def run_wrk(paths: list[str], headers: dict, connections: int, seconds: int) -> Run:
    out = wrk_output(
        f"http://127.0.0.1:{SERVER_PORT}",
        paths,
        headers=headers,
        duration=seconds,
        connections=connections,
        extra=("--timeout", "10s"),
    )
    return Run(
        requests_per_s=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=wrk_percentile_ms(out, "50"),
        p90_ms=wrk_percentile_ms(out, "90"),
        p99_ms=wrk_percentile_ms(out, "99"),
        max_ms=_ms(re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", out, re.M).group(1)),
        requests=int(re.search(r"(\d+) requests in", out).group(1)),
        failed=wrk_failures(out),
        load_average=os.getloadavg()[0],
    )


def run_python(paths: list[str], headers: dict, connections: int, seconds: int) -> Run:
    """A closed loop without wrk: one keep-alive connection per thread, each sending its next request on an answer."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", SERVER_PORT, timeout=10)
        i = offset
        mine, failed = [], 0
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", SERVER_PORT, timeout=10)
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            failures[0] += failed

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return Run(
        requests_per_s=len(latencies) / elapsed,
        p50_ms=cuts[49],
        p90_ms=cuts[89],
        p99_ms=cuts[98],
        max_ms=max(latencies),
        requests=len(latencies),
        failed=failures[0],
        load_average=os.getloadavg()[0],
    )


def print_row(connections: int, state: str, run: Run, answering: Run | None) -> None:
    ratio = ""
    if answering is not None:
        ratio = (
            f"  req/s x{run.requests_per_s / answering.requests_per_s:.2f}, p99 x{run.p99_ms / answering.p99_ms:.2f}"
        )
    print(
        f"{connections:>5} {state:<10} {run.requests_per_s:>7.0f} {run.p50_ms:>8.1f} {run.p90_ms:>8.1f} "
        f"{run.p99_ms:>8.1f} {run.max_ms:>8.1f} {run.failed:>7} {run.load_average:>6.1f}{ratio}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, nargs="+", default=[8, 16])
    parser.add_argument("--seconds", type=int, default=15, help="length of each measured run")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="serve another checkout of the project (an exported older commit, say) with the same database",
    )
    args = parser.parse_args()
    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
    load = run_wrk if use_wrk else run_python

    for port in (SERVER_PORT, REDIS_FORWARDER_PORT):
        if not port_is_free(port):
            raise SystemExit(f"127.0.0.1:{port} is in use")
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="aimodelsmap.settings",
        DJANGO_ENV="production",
        DJANGO_DEBUG="",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"{ADMIN_URL.rsplit('/', 1)[0]}/{DATABASE}",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_FORWARDER_PORT}/{REDIS_DB}",
        CACHE_KEY_PREFIX=KEY_PREFIX,
        WEB_CONCURRENCY="2",
        LOG_LEVEL="WARNING",
        # One client address sends everything: the per-IP limit would answer 429s, not latencies.
        OPENMODELS_RATE_LIMIT_PER_MINUTE="100000000",
        CELERY_TASK_ALWAYS_EAGER="1",
    )
    forwarder = PausableForwarder(REDIS_HOST, REDIS_PORT)
    forwarder.port = REDIS_FORWARDER_PORT
    forwarder.start()
    server = None
    # The server's own log: the cache warnings are counted in it.
    with tempfile.TemporaryFile("w+") as log:
        try:
            print(f"preparing {DATABASE} with the demo data ...", flush=True)
            key = prepare_database(env)
            # Through a TLS-terminating proxy, as in production (SECURE_SSL_REDIRECT stays on).
            headers = {"X-API-Key": key, "X-Forwarded-Proto": "https"}
            server = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "--config", "gunicorn_settings.py", "--bind", f"127.0.0.1:{SERVER_PORT}"],
                cwd=args.code,
                env=env,
                stdout=subprocess.DEVNULL,  # the access log
                stderr=log,
                start_new_session=True,
            )
            wait_until(lambda: get("/health", headers)[0] == 200, 60, "the server did not answer /health")
            for path in PATHS:
                status, body = get(path, headers)
                if status != 200:
                    raise RuntimeError(f"{path} answered {status}: {body[:200]!r}")

            print(f"code: {args.code}; client: {'wrk' if use_wrk else 'python'}; {args.seconds} s per run")
            print(f"{'conns':>5} {'redis':<10} {'req/s':>7} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} "
                  f"{'failed':>7} {'load1':>6}")  # fmt: skip
            for connections in args.connections:
                load(PATHS, headers, connections, 2)  # warm-up: caches filled, connections open
                answering = load(PATHS, headers, connections, args.seconds)
                print_row(connections, "answering", answering, None)
                forwarder.pause()
                hung = load(PATHS, headers, connections, args.seconds)
                print_row(connections, "hung", hung, answering)
                forwarder.resume()
                # The breaker lets one call through per interval; wait for both processes to see Redis again.
                retry = float(env.get("CACHE_RETRY_SECONDS", 5))
                time.sleep(retry + 1)
                load(PATHS, headers, connections, 2)
            log.flush()
            log.seek(0)
            warnings = [line for line in log if "aimodelsmap.cache" in line and "WARNING" in line]
            print(f"cache WARNING lines: {len(warnings)} (per process: one as each outage starts, one as it ends)")
        finally:
            forwarder.resume()
            if server is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(server.pid, signal.SIGTERM)
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait()
            forwarder.stop()
            forget_redis_keys()
            if not args.keep_database:
                drop_database()


if __name__ == "__main__":
    main()
