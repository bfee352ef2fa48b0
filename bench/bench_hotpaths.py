"""Hot paths: keyed cached reads against R0 and the plain-WSGI limit, before and after, in one run.

    .venv/bin/python -m bench.bench_hotpaths [--before DIR] [--seconds 5] [--repeats 3] [--connections 32]

On its own PostgreSQL database (aimm_hotpath_bench) and Redis db 1, with the
catalog of ``bench/seed_catalog.py`` at 10,000 models (30,000 aliases) and a
published leaderboard for every category, this serves the project with the
production gunicorn settings (``gunicorn_settings.py``: gevent workers,
``DJANGO_ENV=production``, 2 processes) through ``bench/wsgi.py``, which adds
R0 (a Django view with no middleware) and the plain-WSGI limit (the same bytes
plus one Redis INCR). Every request carries a *metered* key (a plan with a
daily quota, so the quota counter is paid), as most clients' requests do.

``--before DIR`` serves a second checkout of the project (an export of an
older commit, say; this checkout's ``bench/`` is copied into it) beside this
one, on the same database, with its own cache key prefix; targets are
measured interleaved, so both see the same machine. Figures are medians of
``--repeats`` wrk runs; ratios are to R0 of the same server.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import harness

DB_NAME = "aimm_hotpath_bench"
REDIS_URL = "redis://127.0.0.1:6379/1"
MODELS, ALIASES = 10_000, 30_000
SEARCH_QUERIES = ["cluade sonnet", "gpt 4o mini", "llama 70b instruct", "gemni flash", "mistral large", "deepsek"]
R0, LIMIT = "R0 (Django, no middleware)", "plain WSGI + INCR (limit)"
# Every request of this row carries a query parameter no other request has
# (``harness.wrk_output``): the view ignores it, but the response cache is keyed
# on the raw query, so each request misses and builds its page through the
# selector, as the first reader of a page does after a publish.
UNCACHED, CACHE_BUSTER = "/v1/rankings/{c}?limit=50, uncached", "uncached"


def setup_django(database_url: str) -> None:
    os.environ.update(harness.django_env(database_url, redis_url=REDIS_URL, CACHE_KEY_PREFIX="aimm-bench-hot"))
    import django

    django.setup()


def seed_if_needed() -> None:
    """The catalog at 10,000 models and one published leaderboard per category (its members by overall score)."""
    from bench.seed_catalog import seed_catalog
    from models_registry.models import Category, Model
    from rankings.models import Score, ScoreRun, ScoreSnapshot

    if Model.objects.count() == MODELS and ScoreRun.objects.count() == Category.objects.count():
        return
    started = time.perf_counter()
    seed_catalog(models=MODELS, aliases=ALIASES)
    overall = {score.model_id: score for score in Score.objects.filter(category__slug="overall")}
    at = next(iter(overall.values())).recorded_at
    ScoreSnapshot.objects.all().delete()
    ScoreRun.objects.all().delete()
    members = {}
    for model_id, category_id in Model.categories.through.objects.values_list("model_id", "category_id"):
        members.setdefault(category_id, []).append(model_id)
    snapshots, runs = [], []
    for category in Category.objects.all():
        ids = list(overall) if category.slug == "overall" else [m for m in members.get(category.pk, []) if m in overall]
        ranked = sorted(ids, key=lambda model_id: -overall[model_id].score)
        for rank, model_id in enumerate(ranked, start=1):
            source = overall[model_id]
            snapshots.append(
                ScoreSnapshot(
                    model_id=model_id, category=category, score=source.score, rank=rank, quality_rank=rank,
                    adoption_rank=source.adoption_rank, rank_low=max(rank - 2, 1), rank_high=rank + 2,
                    confidence=source.confidence, state=source.state, change_24h=source.change_24h,
                    change_7d=source.change_7d, flags=[], top_drivers=["quality", "demand"], recorded_at=at,
                )
            )  # fmt: skip
        runs.append(ScoreRun(category=category, recorded_at=at, models_count=len(ranked), signals_count=0))
    ScoreSnapshot.objects.bulk_create(snapshots, batch_size=2000)
    ScoreRun.objects.bulk_create(runs)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {MODELS:,} models, {len(snapshots):,} leaderboard rows in {time.perf_counter() - started:.0f} s")


def targets() -> dict[str, list[str]]:
    from urllib.parse import quote

    from rankings.models import ScoreRun

    categories = sorted(ScoreRun.objects.filter(models_count__gte=50).values_list("category__slug", flat=True))
    return {
        R0: [harness.R0_PATH],
        LIMIT: [harness.WSGI_LIMIT_PATH],
        "/bench/bare (whole stack, no auth)": [harness.BARE_PATH],
        "/v1/rankings/{c}?limit=50, cached": [f"/v1/rankings/{slug}?limit=50" for slug in categories],
        UNCACHED: [f"/v1/rankings/{slug}?limit=50" for slug in categories],
        "/v1/models?limit=20, hit": ["/v1/models?limit=20"],
        "/v1/models/search, hit": [f"/v1/models/search?q={quote(q)}" for q in SEARCH_QUERIES],
        "/api/models?limit=20, hit": ["/api/models?limit=20"],
    }


def production_env(database_url: str, key_prefix: str) -> dict:
    return harness.django_env(
        database_url,
        redis_url=REDIS_URL,
        CACHE_KEY_PREFIX=key_prefix,
        DJANGO_ENV="production",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WEB_CONCURRENCY="2",
        # One client address sends everything: the per-IP counter is paid, its limit never reached.
        OPENMODELS_RATE_LIMIT_PER_MINUTE="2000000000",
    )


def export_before(source: Path) -> Path:
    """``source`` with this checkout's bench/ (R0 and the limit row) copied in."""
    shutil.copytree(harness.ROOT / "bench", source / "bench", dirs_exist_ok=True)
    return source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another checkout to serve beside this one")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()

    database_url = harness.prepare_database(DB_NAME)
    setup_django(database_url)
    seed_if_needed()
    key = harness.metered_key("bench-hotpaths")
    paths = targets()
    # Through a TLS-terminating proxy, as in production (SECURE_SSL_REDIRECT stays on).
    headers = {"X-API-Key": key, "X-Forwarded-Proto": "https"}
    codes = {"after": harness.ROOT}
    if args.before:
        codes = {"before": export_before(args.before), **codes}
    started = datetime.now(UTC)
    with contextlib.ExitStack() as stack:
        servers = {
            name: stack.enter_context(
                harness.serve_production(code=code, env=production_env(database_url, f"aimm-bench-hot-{name}"))
            )
            for name, code in codes.items()
        }
        for server in servers.values():
            for target, target_paths in paths.items():
                harness.run_wrk(
                    server, target_paths, headers=headers, duration=1, connections=args.connections,
                    unique_parameter=CACHE_BUSTER if target == UNCACHED else "",
                )  # fmt: skip
        runs = {(name, target): [] for name in servers for target in paths}
        for _ in range(args.repeats):
            for target, target_paths in paths.items():
                for name, server in servers.items():
                    result = harness.run_wrk(
                        server, target_paths, headers=headers, duration=args.seconds, connections=args.connections,
                        unique_parameter=CACHE_BUSTER if target == UNCACHED else "",
                    )  # fmt: skip
                    runs[name, target].append(result)
    print(
        f"\n{started:%Y-%m-%d %H:%M} UTC, {MODELS:,} models, gunicorn_settings.py (gevent, 2 processes), "
        f"wrk -c{args.connections}, metered key, median of {args.repeats} x {args.seconds} s; load1 now "
        f"{os.getloadavg()[0]:.1f}"
    )
    header = f"{'target':<38}" + "".join(f"{name + ' req/s':>14}{'x R0':>7}{'x limit':>8}" for name in servers)
    print(header)
    for target in paths:
        line = f"{target:<38}"
        for name in servers:
            rps = statistics.median(r.requests_per_s for r in runs[name, target])
            r0 = statistics.median(r.requests_per_s for r in runs[name, R0])
            limit = statistics.median(r.requests_per_s for r in runs[name, LIMIT])
            errors = sum(r.errors for r in runs[name, target])
            line += f"{rps:>14.0f}{rps / r0:>7.2f}{rps / limit:>8.2f}" + (f" ({errors} errors)" if errors else "")
        print(line)


if __name__ == "__main__":
    main()
