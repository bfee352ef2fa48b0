"""Uncached leaderboard reads in-process, this checkout beside another, on the databases bench_recompute seeded.

    .venv/bin/python -m bench.bench_leaderboard --code /tmp/before [--rounds 400]

Run after ``bench.bench_recompute --code ...`` (same ``--database``): each
checkout reads its own copy of the same data. Per checkout, alternating, in a
fresh process: the median time of ``selectors.leaderboard_page`` for a first
page of 50 and for the page after it (cursor), cycling over every category,
of the whole ``GET /v1/rankings/{category}?limit=50`` through the test
client with the response cache off (server time, no HTTP), and of a model's
score history in every category (``selectors.model_score_history``, daily,
the whole history). psycopg prepares
repeated statements on both sides (server-side binding, the default).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

CASES = ("selector, first page", "selector, next page", "GET, cache off", "model score history")


def worker(rounds: int) -> None:
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from bench import bench_rankings
    from models_registry.models import Model
    from rankings import selectors
    from rankings.models import ScoreRun

    settings.CATALOG_CACHE_SECONDS = 0
    slugs = sorted(set(ScoreRun.objects.values_list("category__slug", flat=True)))
    cursors = {slug: selectors.leaderboard_page(slug, limit=50, cursor=None).page.next_cursor for slug in slugs}
    client = Client(HTTP_X_API_KEY=bench_rankings.bench_key())
    models = list(Model.objects.order_by("pk")[:: max(1, Model.objects.count() // 50)])
    reads = {
        CASES[0]: lambda slug: selectors.leaderboard_page(slug, limit=50, cursor=None),
        CASES[1]: lambda slug: selectors.leaderboard_page(slug, limit=50, cursor=cursors[slug]),
        CASES[2]: lambda slug: client.get(f"/v1/rankings/{slug}", {"limit": 50}),
        # A model's daily history in every category, the whole history (not timed per slug; cycles models).
        CASES[3]: lambda slug: selectors.model_score_history(
            models[slugs.index(slug) % len(models)], category=None, start=None, end=None, granularity="daily"
        ),
    }
    medians = {}
    for name, read in reads.items():
        samples = []
        for round_ in range(rounds + 20):
            slug = slugs[round_ % len(slugs)]
            started = time.perf_counter()
            read(slug)
            if round_ >= 20:  # the first reads prepare the statements
                samples.append(1000 * (time.perf_counter() - started))
        medians[name] = statistics.median(samples)
    print(json.dumps(medians))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, help="the other checkout")
    parser.add_argument("--database", default="aimm_bench_recompute", help="this checkout's; the other's is _before")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/4")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.rounds)
        return
    # Imported here: the worker runs as a script inside the other checkout, where this package is not importable.
    from bench.bench_recompute import ROOT, run_in_checkout

    checkouts = {"before": (args.code, f"{args.database}_before")} if args.code else {}
    checkouts["this"] = (ROOT, args.database)
    runs: dict[str, list[dict]] = {name: [] for name in checkouts}
    for _ in range(args.runs):
        for name, (code, database) in checkouts.items():
            result = run_in_checkout(__file__, code, database, args.redis_url, "--worker", f"--rounds={args.rounds}")
            runs[name].append(result)
            print(f"{name:<7} " + "  ".join(f"{case}: {result[case]:.2f} ms" for case in CASES), flush=True)
    print(f"median of {args.runs} runs (each the median of {args.rounds} reads)")
    for name, measured in runs.items():
        print(f"{name:<7} " + "  ".join(f"{c}: {statistics.median(r[c] for r in measured):.2f} ms" for c in CASES))


if __name__ == "__main__":
    main()
