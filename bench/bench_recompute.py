"""Full recompute with 90 days of history, this checkout beside another one, in the same run. See bench/rankings.md.

    .venv/bin/python -m bench.bench_recompute --code /tmp/before [--runs 3] [--models 10000]

Seeds one database with the checkout given by ``--code`` (its own
``bench.bench_rankings``: the synthetic catalog of about 100 signals per
model, one recompute, then ``--history-days`` daily leaderboards), copies it
as a template for this checkout and migrates the copy with this checkout's
migrations (so both measure the same rows, and the copy exercises this
checkout's data migrations at full size). It then alternates full
``score_recompute`` runs, one fresh process each, between the two checkouts:
machine noise falls on both alike. Run n publishes at T + n hours in both, as
the hourly task would. Each run prints its split
into load (signals to NumPy), engine (``rankings/scoring``), publish (the
transaction) and the rest (membership refresh, earlier runs for the changes,
row building, history compaction, cache warming), each of those five also on
its own. Without ``--code`` only this checkout runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PHASES = ("total", "load", "engine", "publish", "other")
# The parts of "other": membership refresh, the earlier runs the changes
# compare with, building the rows, history compaction, cache warming.
REST = ("membership", "history", "rows", "compact", "warm")


def _url(name: str) -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def _env(database: str, redis_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=_url(database),
        REDIS_URL=redis_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        CACHE_KEY_PREFIX="aimm-bench-recompute",
        LOG_LEVEL="ERROR",
        DJANGO_DEBUG="",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run_in_checkout(script: str, code: Path, database: str, redis_url: str, *arguments: str) -> dict:
    """Run ``script`` inside checkout ``code`` (which puts the checkout's modules first); its last line as JSON."""
    done = subprocess.run(
        [PYTHON, str(Path(script).resolve()), *arguments],
        cwd=code,
        env=_env(database, redis_url),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _migrate(code: Path, database: str, redis_url: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=code,
        env=_env(database, redis_url),
        check=True,
    )
    return time.perf_counter() - started


def _create(name: str, *, template: str | None = None) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def worker(args) -> None:
    """Inside the checkout: seed (``--seed``) or time one recompute; print one JSON line."""
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from bench import bench_rankings

    if args.seed:
        facts = bench_rankings.seed(args.models, args.signals_per_model)
        bench_rankings.timed_recompute(args.resamples)
        facts["snapshots"] = bench_rankings.seed_history(args.history_days)
        print(json.dumps(facts))
        return
    # Each run publishes a new leaderboard, an hour after the previous run's,
    # as the hourly task does (the same time again would replace its rows).
    bench_rankings.AT += timedelta(hours=args.hour)
    rest = _time_the_rest()
    phases = bench_rankings.timed_recompute(args.resamples)
    phases["other"] = phases["total"] - phases["load"] - phases["engine"] - phases["publish"]
    phases.update(rest)
    print(json.dumps(phases))


def _time_the_rest() -> dict[str, float]:
    """Time the parts of the rest (REST) as both checkouts name them; returns the dict they are added up in.

    Older checkouts read the earlier runs inside ``_rows`` (``loaders.history``,
    per category): that time is counted as history, not rows.
    """
    from rankings import loaders, services

    seconds = dict.fromkeys(REST, 0.0)
    history = "histories" if hasattr(loaders, "histories") else "history"
    parts = {
        "membership": (services, "memberships_refresh"),
        "history": (loaders, history),
        "rows": (services, "_rows"),
        "compact": (services, "score_history_compact"),
        "warm": (services, "warm_leaderboard_cache"),
    }
    for name, (module, attribute) in parts.items():
        function = getattr(module, attribute)

        def timed(*args, _function=function, _name=name, **kwargs):
            started = time.perf_counter()
            try:
                return _function(*args, **kwargs)
            finally:
                seconds[_name] += time.perf_counter() - started

        setattr(module, attribute, timed)
    if history == "history":
        # Nested in _rows: take it out of rows once the run is over.
        original_rows = services._rows

        def rows_without_history(*args, **kwargs):
            before = seconds["history"]
            try:
                return original_rows(*args, **kwargs)
            finally:
                seconds["rows"] -= seconds["history"] - before

        services._rows = rows_without_history
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, help="the other checkout (an exported older commit, say)")
    parser.add_argument("--database", default="aimm_bench_recompute", help="this checkout's; the other's is _before")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/4")
    parser.add_argument("--models", type=int, default=10_000)
    parser.add_argument("--signals-per-model", type=int, default=100)
    parser.add_argument("--history-days", type=int, default=90)
    parser.add_argument("--resamples", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep the seeded databases")
    parser.add_argument(
        "--hour-offset", type=int, default=0, help="with --reuse: hours already published after T by earlier runs"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--hour", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    sizes = [
        f"--models={args.models}",
        f"--signals-per-model={args.signals_per_model}",
        f"--history-days={args.history_days}",
        f"--resamples={args.resamples}",
    ]
    seeded_by = args.code or ROOT
    seed_database = f"{args.database}_before" if args.code else args.database
    if not args.reuse:
        _create(seed_database)
        _migrate(seeded_by, seed_database, args.redis_url)
        facts = run_in_checkout(__file__, seeded_by, seed_database, args.redis_url, "--worker", "--seed", *sizes)
        print(f"seeded {facts['models']:,} models, {facts['signals']:,} signals, {facts['snapshots']:,} snapshot rows")
        if args.code:
            _create(args.database, template=seed_database)
            seconds = _migrate(ROOT, args.database, args.redis_url)
            print(f"this checkout's migrations on the copy: {seconds:.1f}s")
    checkouts = {"before": (args.code, seed_database)} if args.code else {}
    checkouts["this"] = (ROOT, args.database)
    runs: dict[str, list[dict]] = {name: [] for name in checkouts}
    columns = PHASES + REST
    print(f"{'run':>4} {'code':<7} " + " ".join(f"{phase:>10}" for phase in columns), flush=True)
    for number in range(1, args.runs + 1):
        for name, (code, database) in checkouts.items():
            hour = f"--hour={number + args.hour_offset}"
            phases = run_in_checkout(__file__, code, database, args.redis_url, "--worker", hour, *sizes)
            runs[name].append(phases)
            print(f"{number:>4} {name:<7} " + " ".join(f"{phases[p]:>9.2f}s" for p in columns), flush=True)
    print(f"median of {args.runs} runs")
    for name, measured in runs.items():
        medians = {phase: statistics.median(run[phase] for run in measured) for phase in columns}
        print(f"{'':>4} {name:<7} " + " ".join(f"{medians[p]:>9.2f}s" for p in columns))


if __name__ == "__main__":
    main()
