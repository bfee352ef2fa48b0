"""Benchmark of the scoring engine and the rankings endpoints. See bench/rankings.md.

    .venv/bin/python -m bench.bench_rankings [--sizes 1000,30000,10000] [--signals-per-model 100]

In its own PostgreSQL database (aimm_bench_rankings, Redis db 4): for each size,
bulk-loads a synthetic catalog (15 categories + overall, every model in two
leaf categories; per model about 100 signals shaped like the real ones: arena
ratings with intervals on 4 boards repeated over 8 snapshots, 12 benchmarks of
its categories, prices and host counts from 4 sources over 7 snapshots) with
COPY and times a full ``score_recompute`` with 200 posterior draws, writes
included. The last size stays loaded (10,000 models by default): 90 days of
daily leaderboards are added by COPY, the history endpoint is timed in-process
(server time, cache off), then gunicorn + wrk measure
``/v1/rankings/{category}?limit=50`` against the bare Django JSON view of the
same gunicorn, with the response cache on and off.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
from datetime import UTC, datetime, timedelta

import numpy as np

from bench import harness

DB_NAME = "aimm_bench_rankings"
REDIS_URL = "redis://127.0.0.1:6379/4"
AT = datetime(2026, 3, 1, tzinfo=UTC)
TREE = {
    "coding": ["coding-generation", "coding-debugging"],
    "reasoning": ["reasoning-math", "reasoning-science"],
    "writing": ["writing-creative", "writing-business"],
    "vision": ["vision-understanding", "vision-ocr"],
    "agents": ["agents-tools", "agents-browsing"],
}
SOURCES = ["arena", "openrouter", "models-dev", "litellm", "genai-prices", "curators"]
HISTORY_DAYS = 90


def setup_django(database_url: str) -> None:
    os.environ.update(harness.django_env(database_url, redis_url=REDIS_URL))
    import django

    django.setup()


def _copy(cursor, table: str, columns: list[str], lines: list[str]) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for start in range(0, len(lines), 200_000):
            buffer.seek(0)
            buffer.truncate()
            buffer.write("".join(lines[start : start + 200_000]))
            copy.write(buffer.getvalue())


def seed(models: int, signals_per_model: int, seed: int = 7) -> dict:
    """Replace the catalog and signals with a synthetic one of ``models`` models."""
    from django.db import connection

    from models_registry.models import Category, Model, Provider

    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE rankings_signal, rankings_score, rankings_scoresnapshot, rankings_scorerun, "
            "rankings_categoryweights, models_registry_model_categories, models_registry_model, "
            "models_registry_category, models_registry_provider RESTART IDENTITY CASCADE"
        )
    providers = Provider.objects.bulk_create(
        Provider(slug=f"lab-{i}", name=f"Lab {i}", is_creator=True) for i in range(50)
    )
    Category.objects.create(slug="overall", name="Overall", display_order=0)
    leaves = []
    for order, (root_slug, children) in enumerate(TREE.items(), start=1):
        root = Category.objects.create(slug=root_slug, name=root_slug.title(), display_order=order)
        leaves += [Category.objects.create(slug=c, name=c.title(), parent=root, display_order=1) for c in children]
    Model.objects.bulk_create(
        (
            Model(slug=f"model-{i:05d}", name=f"Model {i:05d}", creator=providers[i % len(providers)])
            for i in range(models)
        ),
        batch_size=5000,
    )
    model_ids = np.array(Model.objects.order_by("id").values_list("id", flat=True))
    leaf_ids = np.array([leaf.id for leaf in leaves])
    membership = np.stack([rng.permutation(len(leaf_ids))[:2] for _ in range(models)])
    Through = Model.categories.through
    Through.objects.bulk_create(
        (
            Through(model_id=int(model_ids[m]), category_id=int(leaf_ids[c]))
            for m in range(models)
            for c in membership[m]
        ),
        batch_size=10000,
    )

    parent_of = {leaf.id: leaf.parent_id for leaf in leaves}
    lines = _signal_lines(rng, model_ids, membership, leaf_ids, parent_of, signals_per_model)
    columns = [
        "model_id",
        "category_id",
        "signal_type",
        "source",
        "dedupe_key",
        "raw_value",
        "normalized_value",
        "confidence",
        "recorded_at",
        "metadata",
    ]
    with connection.cursor() as cursor:
        _copy(cursor, "rankings_signal", columns, lines)
        cursor.execute("ANALYZE")
    print(f"seeded {models:,} models, {len(lines):,} signals in {time.perf_counter() - started:.1f}s")
    return {"models": models, "signals": len(lines)}


# The shape of a model's evidence, per 100 signals: ratings on 4 arena boards
# (the general one, its two categories' and the first one's parent's) at 8
# snapshot dates each, the 12 benchmarks of its two categories once, and a
# price and a host count from 4 sources at 7 snapshot dates each. Snapshots
# repeat a board, so there are far fewer measurements (one per model and
# board) than signals.
ARENA_SNAPSHOTS = 8
BENCHMARKS_PER_CATEGORY = 6
LISTING_SOURCES, LISTING_SNAPSHOTS = 4, 7
SIGNALS_PER_SHAPE = 4 * ARENA_SNAPSHOTS + 2 * BENCHMARKS_PER_CATEGORY + 2 * LISTING_SOURCES * LISTING_SNAPSHOTS


def _signal_lines(rng, model_ids, membership, leaf_ids, parent_of, signals_per_model: int) -> list[str]:
    """COPY lines of about ``signals_per_model`` signals per model (whole multiples of the shape above)."""
    latent = rng.beta(4, 3, len(model_ids))
    repeats = max(1, round(signals_per_model / SIGNALS_PER_SHAPE))
    lines = []
    for m in range(len(model_ids)):
        model_id, quality = int(model_ids[m]), float(latent[m])
        leaves = [int(leaf_ids[c]) for c in membership[m]]
        for category in (0, *leaves, parent_of[leaves[0]]):
            for snapshot in range(ARENA_SNAPSHOTS * repeats):
                se = float(rng.uniform(3, 20))
                rating = 1000 + 500 * quality + rng.normal(0, se)
                stamp = (AT - timedelta(days=14 * snapshot + 1)).isoformat()
                column = "\\N" if category == 0 else str(category)
                metadata = f'{{"rating_q025": {rating - 1.96 * se:.2f}, "rating_q975": {rating + 1.96 * se:.2f}}}'
                lines.append(
                    f"{model_id}\t{column}\tquality\tarena\tboard-{category}\t{rating:.2f}\t0.5\t0.9\t{stamp}"
                    f"\t{metadata}\n"
                )
        for category in leaves:
            for benchmark in range(BENCHMARKS_PER_CATEGORY * repeats):
                score = 100 * min(1.0, max(0.0, quality + rng.normal(0, 0.08)))
                stamp = (AT - timedelta(days=int(rng.integers(1, 200)))).isoformat()
                lines.append(
                    f"{model_id}\t{category}\texpert\tmodels-dev\tbench-{category}-{benchmark}\t{score:.1f}"
                    f"\t0.5\t0.8\t{stamp}\t{{}}\n"
                )
        price = float(np.exp(rng.normal(0, 1.5)))
        hosts = int(rng.integers(1, 30))
        for source in range(LISTING_SOURCES):
            for snapshot in range(LISTING_SNAPSHOTS * repeats):
                stamp = (AT - timedelta(days=30 * snapshot + source)).isoformat()
                lines.append(f"{model_id}\t\\N\tcost\t{SOURCES[source]}\tblended\t{price:.4f}\t0.5\t1\t{stamp}\t{{}}\n")
                lines.append(f"{model_id}\t\\N\tdemand\t{SOURCES[source]}\thosts\t{hosts}\t0.5\t0.6\t{stamp}\t{{}}\n")
    return lines


def timed_recompute(resamples: int) -> dict:
    """One full recompute, with the time spent loading, scoring and publishing."""
    from rankings import loaders, scoring, services

    phases: dict[str, float] = {}

    def timing(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    originals = (loaders.signal_arrays, scoring.score_categories, services._publish)
    loaders.signal_arrays = timing("load", loaders.signal_arrays)
    scoring.score_categories = timing("engine", scoring.score_categories)
    services._publish = timing("publish", services._publish)
    try:
        started = time.perf_counter()
        summary = services.score_recompute(at=AT, resamples=resamples)
        total = time.perf_counter() - started
    finally:
        loaders.signal_arrays, scoring.score_categories, services._publish = originals
    phases["total"] = total
    phases["scores"] = summary.scores
    return phases


def seed_history(days: int) -> int:
    """Daily leaderboards for the ``days`` before AT, derived from the current scores by COPY."""
    from django.db import connection

    from rankings.models import SCORE_ROW_COLUMNS, Score, ScoreSnapshot

    rng = np.random.default_rng(11)
    current = list(Score.objects.values_list("model_id", "category_id", "score", "confidence", "rank_low", "rank_high"))
    model_ids = np.array([r[0] for r in current])
    category_ids = np.array([r[1] for r in current])
    base = np.array([r[2] for r in current])
    lines, runs = [], []
    for day in range(1, days + 1):
        at = (AT - timedelta(days=day)).isoformat()
        scores = np.clip(base + rng.normal(0, 1.5, len(base)), 0, 100)
        ranks = np.empty(len(base), dtype=np.int64)
        for category in np.unique(category_ids):
            index = np.flatnonzero(category_ids == category)
            ranks[index[np.lexsort((model_ids[index], -scores[index]))]] = np.arange(1, len(index) + 1)
            runs.append(f"{category}\t{at}\t{len(index)}\t0\t{at}\n")
        lines += [
            f"{m}\t{c}\t{s:.2f}\t{r}\t{r}\t{r}\t{r}\t{r}\t0.7\tstable\t0\t0\t0\t[]\t{{}}\t{at}\n"
            for m, c, s, r in zip(
                model_ids.tolist(), category_ids.tolist(), scores.tolist(), ranks.tolist(), strict=True
            )
        ]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM rankings_scoresnapshot WHERE recorded_at < %s", [AT])
        cursor.execute("DELETE FROM rankings_scorerun WHERE recorded_at < %s", [AT])
        _copy(cursor, "rankings_scoresnapshot", list(SCORE_ROW_COLUMNS), lines)
        _copy(
            cursor,
            "rankings_scorerun",
            ["category_id", "recorded_at", "models_count", "signals_count", "computed_at"],
            runs,
        )
        cursor.execute("ANALYZE rankings_scoresnapshot")
        cursor.execute("ANALYZE rankings_scorerun")
    return ScoreSnapshot.objects.count()


def bench_key() -> str:
    return harness.metered_key("bench-rankings")


def time_history(key: str, rounds: int = 30) -> dict[str, float]:
    """Median in-process server time of the history endpoint, response cache off."""
    from django.conf import settings
    from django.test import Client

    from rankings.models import Score

    settings.CATALOG_CACHE_SECONDS = 0
    client = Client(HTTP_X_API_KEY=key)
    model_slug = Score.objects.filter(category__slug="coding", rank=5).values_list("model__slug", flat=True).get()
    start = (AT - timedelta(days=HISTORY_DAYS)).date().isoformat()
    end = AT.date().isoformat()
    cases = {
        "coding, top 10 per day": f"/v1/rankings/coding/history?startDate={start}&endDate={end}",
        "overall, top 10 per day": f"/v1/rankings/overall/history?startDate={start}&endDate={end}",
        "coding, one model": f"/v1/rankings/coding/history?startDate={start}&endDate={end}&modelSlug={model_slug}",
    }
    results = {}
    for name, path in cases.items():
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            response = client.get(path)
            samples.append(1000 * (time.perf_counter() - started))
            assert response.status_code == 200, response.content
        results[f"{name} ({response.json()['count']} rows)"] = statistics.median(samples)
    return results


def http_figures(database_url: str, key: str, workers: int) -> None:
    from rankings.models import ScoreRun

    categories = sorted(set(ScoreRun.objects.values_list("category__slug", flat=True)))
    targets = {
        "bare": [harness.BARE_PATH],
        # The shared plumbing every keyed v1 read pays (key lookup, quota,
        # data version): a small cached catalog read, for scale.
        "categories (keyed floor)": ["/v1/categories"],
        "rankings?limit=50": [f"/v1/rankings/{slug}?limit=50" for slug in categories],
    }
    for label, seconds in (("cached", 300), ("uncached", 0)):
        env = {"CATALOG_CACHE_SECONDS": str(seconds)}
        with harness.serve(database_url=database_url, redis_url=REDIS_URL, workers=workers, env=env) as server:
            results = harness.measure(server, targets, headers={"X-API-Key": key})
        harness.print_table(results, title=f"{label} (CATALOG_CACHE_SECONDS={seconds}), {workers} gunicorn workers")
        ratio = results["rankings?limit=50"].requests_per_s / results["bare"].requests_per_s
        print(f"rankings/bare = {ratio:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,30000,10000", help="Model counts; the last stays loaded.")
    parser.add_argument("--signals-per-model", type=int, default=100)
    parser.add_argument("--resamples", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="Keep the loaded data: only the read figures.")
    args = parser.parse_args()

    database_url = harness.prepare_database(DB_NAME)
    setup_django(database_url)
    if not args.reuse:
        bench_recompute(args)
    key = bench_key()
    for name, ms in time_history(key).items():
        print(f"  history {name}: median {ms:.1f} ms server time")
    if not args.skip_http:
        from aimodelsmap.dataversion import data_version_bump

        data_version_bump()
        http_figures(database_url, key, args.workers)


def bench_recompute(args) -> None:
    growth = []
    for size in (int(s) for s in args.sizes.split(",")):
        facts = seed(size, args.signals_per_model)
        phases = timed_recompute(args.resamples)
        again = timed_recompute(args.resamples)
        growth.append((facts, phases, again))
        print(
            f"recompute {size:,} models / {facts['signals']:,} signals: total {phases['total']:.1f}s "
            f"(load {phases['load']:.1f}s, engine {phases['engine']:.1f}s, publish {phases['publish']:.1f}s), "
            f"{phases['scores']:,} scores; same T again {again['total']:.1f}s"
        )
    print(f"\nrecompute growth ({args.resamples} posterior draws, writes included)")
    print(f"{'models':>8} {'signals':>10} {'scores':>8} {'total s':>8} {'load':>6} {'engine':>7} {'publish':>8}")
    for facts, phases, _ in sorted(growth, key=lambda g: g[0]["models"]):
        print(
            f"{facts['models']:>8,} {facts['signals']:>10,} {phases['scores']:>8,} {phases['total']:>8.1f} "
            f"{phases['load']:>6.1f} {phases['engine']:>7.1f} {phases['publish']:>8.1f}"
        )

    started = time.perf_counter()
    snapshots = seed_history(HISTORY_DAYS)
    seconds = time.perf_counter() - started
    print(f"\nhistory: {snapshots:,} snapshot rows ({HISTORY_DAYS} daily leaderboards) in {seconds:.0f}s")


if __name__ == "__main__":
    main()
