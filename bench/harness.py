"""Reusable load-test harness: a throwaway database, gunicorn on loopback, wrk.

Typical use from a benchmark script (see bench/catalog.md for the full API)::

    from bench import harness

    url = harness.prepare_database("aimm_bench")           # create + migrate
    with harness.serve(database_url=url) as server:         # gunicorn on a free port
        results = harness.measure(
            server,
            {"bare": ["/bench/bare"], "models": ["/v1/models"]},
            headers={"X-API-Key": key},
        )
    harness.print_table(results, baseline="bare")

Everything binds to 127.0.0.1 only. The served URLconf is ``bench.bare``:
the production URLs plus ``/bench/bare``, a bare Django JSON view that every
figure is compared with, measured by the same gunicorn in the same run, and
``/v1/bench/keyed-floor``, a DRF view doing nothing behind the default v1 key
authentication and quota: the ceiling of any keyed v1 read.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"
BARE_PATH = "/bench/bare"
KEYED_FLOOR_PATH = "/v1/bench/keyed-floor"
# R0: a Django view with no middleware, served by the same gunicorn (bench/wsgi.py).
# measure() adds it to every run; print_table gives every figure as a ratio to it.
R0 = "R0"
R0_PATH = "/bench/r0"
WSGI_LIMIT_PATH = "/bench/wsgi-limit"
METERED_PLAN = "bench-metered"
METERED_PLAN_LIMIT = 2_000_000_000  # no run reaches it: the counter is paid on every request, never refuses


@dataclass(frozen=True)
class Server:
    base_url: str
    env: dict


@dataclass(frozen=True)
class WrkResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors + non-2xx/3xx responses


@dataclass(frozen=True)
class Summary:
    """The median of repeated wrk runs of one target."""

    name: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    runs: list[WrkResult]


def database_url(name: str, *, admin_url: str = DEFAULT_ADMIN_URL) -> str:
    return admin_url.rsplit("/", 1)[0] + "/" + name


def prepare_database(name: str, *, admin_url: str = DEFAULT_ADMIN_URL, fresh: bool = False) -> str:
    """Create database ``name`` (dropping it first if ``fresh``), migrate it, return its URL."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    url = database_url(name, admin_url=admin_url)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=django_env(url),
        check=True,
    )
    return url


def django_env(database_url: str, *, redis_url: str = DEFAULT_REDIS_URL, **extra: str) -> dict:
    """Environment for a bench process: the bench settings on the given database and Redis."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        CACHE_KEY_PREFIX="aimm-bench",
        LOG_LEVEL="ERROR",
        DJANGO_DEBUG="",
    )
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout}s")


@contextlib.contextmanager
def serve(
    *,
    database_url: str,
    redis_url: str = DEFAULT_REDIS_URL,
    workers: int = 2,
    threads: int = 1,
    env: dict | None = None,
    startup_timeout: float = 60.0,
) -> Iterator[Server]:
    """Run gunicorn (bench URLconf) on a free loopback port for the ``with`` block."""
    port = free_port()
    server_env = django_env(database_url, redis_url=redis_url, **(env or {}))
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "bench.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=server_env)
    with _running(process):
        base_url = f"http://127.0.0.1:{port}"
        _wait_until_up(base_url + BARE_PATH, process, startup_timeout)
        yield Server(base_url=base_url, env=server_env)


@contextlib.contextmanager
def serve_production(*, code: Path = ROOT, env: dict, startup_timeout: float = 60.0) -> Iterator[Server]:
    """The production server of checkout ``code``: gunicorn with ``gunicorn_settings.py`` on ``bench.wsgi``.

    Its worker class and process count are the shipped ones (WEB_CONCURRENCY
    in ``env``); ``bench/wsgi.py`` adds R0 and the plain-WSGI limit row. The
    access log (stdout) is discarded.
    """
    port = free_port()
    command = [PYTHON, "-m", "gunicorn", "--config", "gunicorn_settings.py", "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, "bench.wsgi:application"], cwd=code, env=env, stdout=subprocess.DEVNULL, start_new_session=True
    )
    with _running(process):
        base_url = f"http://127.0.0.1:{port}"
        _wait_until_up(base_url + "/bench/r0", process, startup_timeout)
        yield Server(base_url=base_url, env=env)


@contextlib.contextmanager
def _running(process: subprocess.Popen) -> Iterator[None]:
    """Stop ``process`` on the way out, killing it if it will not stop within 15 s."""
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def metered_key(account_name: str = "bench") -> str:
    """A raw key of a plan with a daily quota (Django set up on the bench database).

    Most clients' keys are metered, so every request pays the quota counter;
    an unlimited plan would skip it and flatter every figure.
    """
    from accounts.models import Account, Plan
    from accounts.services import api_key_create

    plan, _ = Plan.objects.update_or_create(
        slug=METERED_PLAN, defaults={"name": "Bench (metered)", "daily_request_limit": METERED_PLAN_LIMIT}
    )
    account, _ = Account.objects.get_or_create(name=account_name, defaults={"email": "bench@example.com"})
    return api_key_create(account=account, plan=plan, name="bench")[1]


def get_json(server: Server, path: str, headers: dict | None = None) -> dict:
    import orjson

    request = urllib.request.Request(server.base_url + path, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return orjson.loads(response.read())


_LUA = """
local paths = {%s}
local headers = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], headers)
end
"""
# Each request's path gets a query parameter no other request of the run
# (or of any other run) has: the run's nonce, the wrk thread and a counter.
_LUA_UNIQUE = """
local paths = {%s}
local headers = {%s}
local parameter, nonce = %s, %s
local threads = 0
local i, n = 0, 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
request = function()
  i = i %% #paths + 1
  n = n + 1
  local separator = string.find(paths[i], "?", 1, true) and "&" or "?"
  local path = paths[i] .. separator .. parameter .. "=" .. nonce .. "-" .. thread_id .. "-" .. n
  return wrk.format("GET", path, headers)
end
"""


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS_MS[unit]


def wrk_percentile_ms(output: str, percent: str) -> float:
    """A latency percentile ("50", "90", "99") of ``wrk --latency`` output, in milliseconds."""
    return _ms(re.search(rf"^\s+{percent}%\s+(\S+)", output, re.M).group(1))


def wrk_failures(output: str) -> int:
    """Non-2xx/3xx answers plus socket errors of a wrk run."""
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += sum(int(n) for n in match.groups())
    return errors


def parse_wrk(output: str) -> WrkResult:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return WrkResult(
        rps, wrk_percentile_ms(output, "50"), wrk_percentile_ms(output, "99"), requests, wrk_failures(output)
    )


def wrk_output(
    base_url: str,
    paths: list[str],
    *,
    headers: dict | None = None,
    duration: int = 5,
    connections: int = 8,
    threads: int = 2,
    extra: tuple[str, ...] = (),
    unique_parameter: str = "",
) -> str:
    """The output of one ``wrk --latency`` run cycling through ``paths`` (each request the next path).

    With ``unique_parameter``, every request's query also carries that
    parameter with a value no other request has: a read cached on its raw
    query then misses on every request, and goes through its real selector.
    """
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed (apt-get install -y wrk)")
    quoted = (
        ", ".join(_lua_string(path) for path in paths),
        ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in (headers or {}).items()),
    )
    if unique_parameter:
        script = _LUA_UNIQUE % (*quoted, _lua_string(unique_parameter), _lua_string(str(time.time_ns())))
    else:
        script = _LUA % quoted
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        # wrk takes whole seconds only.
        command = [wrk, "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{max(1, round(duration))}s"]
        completed = subprocess.run([*command, *extra, "-s", lua.name, base_url], capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed: {completed.stderr.strip() or completed.stdout.strip()}")
    return completed.stdout


def run_wrk(
    server: Server,
    paths: list[str],
    *,
    headers: dict | None = None,
    duration: int = 5,
    connections: int = 8,
    threads: int = 2,
    unique_parameter: str = "",
) -> WrkResult:
    """One wrk run cycling through ``paths`` (each request the next path) with ``headers``."""
    output = wrk_output(
        server.base_url,
        paths,
        headers=headers,
        duration=duration,
        connections=connections,
        threads=threads,
        unique_parameter=unique_parameter,
    )
    return parse_wrk(output)


def measure(
    server: Server,
    targets: dict[str, list[str]],
    *,
    headers: dict | None = None,
    repeats: int = 3,
    duration: int = 5,
    connections: int = 8,
    warmup: int = 1,
) -> dict[str, Summary]:
    """Median figures per target, R0 included. Targets are interleaved per repeat so drift hits all alike."""
    targets = {R0: [R0_PATH], **targets}
    runs: dict[str, list[WrkResult]] = {name: [] for name in targets}
    for paths in targets.values():
        run_wrk(server, paths, headers=headers, duration=warmup, connections=connections)
    for _ in range(repeats):
        for name, paths in targets.items():
            runs[name].append(run_wrk(server, paths, headers=headers, duration=duration, connections=connections))
    return {
        name: Summary(
            name=name,
            requests_per_s=statistics.median(r.requests_per_s for r in results),
            p50_ms=statistics.median(r.p50_ms for r in results),
            p99_ms=statistics.median(r.p99_ms for r in results),
            errors=sum(r.errors for r in results),
            runs=results,
        )
        for name, results in runs.items()
    }


def print_table(results: dict[str, Summary], *, baseline: str = "bare", title: str = "") -> None:
    """Every figure as a ratio to R0 (a Django view with no middleware) and to ``baseline``."""
    base = results[baseline].requests_per_s
    r0 = results[R0].requests_per_s
    if title:
        print(f"\n{title}")
    print(f"{'target':<28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'x R0':>6} {'vs ' + baseline:>8} {'errors':>7}")
    for summary in results.values():
        print(
            f"{summary.name:<28} {summary.requests_per_s:>9.0f} {summary.p50_ms:>8.2f} {summary.p99_ms:>8.2f} "
            f"{summary.requests_per_s / r0:>6.2f} {summary.requests_per_s / base:>7.0%} {summary.errors:>7}"
        )
