"""Benchmark of the v1 catalog on a synthetic catalog. See bench/catalog.md.

    .venv/bin/python -m bench.bench_catalog [--models 10000 --aliases 30000 --db aimm_bench]

Seeds the catalog into its own database (once; --reseed to redo), times
search scoring in-process, then serves with gunicorn on loopback and drives
wrk at /v1/models (first and a deep page), /v1/models/search and the bare
view, with the response cache on (the default) and off.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import urllib.parse

from bench import harness

SEARCH_QUERIES = [
    "cluade sonnet",
    "gpt 4o mini",
    "llama 70b instruct",
    "gemni flash",
    "mistral large",
    "deepsek",
    "qwen 72b",
    "phi 3.5 mini",
    "nous hermes llama",
    "grok 4",
]
TARGETS = {"models >= 25% of bare": 0.25, "search >= 40% of bare": 0.40}


def setup_django(database_url: str) -> None:
    os.environ.update(harness.django_env(database_url))
    import django

    django.setup()


def seed_if_needed(models: int, aliases: int, reseed: bool) -> None:
    from django.db import connection

    from aimodelsmap.dataversion import data_version_bump
    from bench.seed_catalog import seed_catalog
    from models_registry.models import Model, ModelAlias

    if reseed or Model.objects.count() != models or ModelAlias.objects.count() != aliases:
        started = time.perf_counter()
        seed_catalog(models=models, aliases=aliases)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics for the fresh tables
        print(f"seeded {models} models and {aliases} aliases in {time.perf_counter() - started:.1f}s")
    # Outside a transaction this bumps at once: caches keyed on the version start cold.
    data_version_bump()


def bench_key() -> str:
    return harness.metered_key("bench")


def time_search_scoring(queries: list[str], rounds: int = 30) -> None:
    from models_registry.search import SearchIndex
    from models_registry.selectors import search_documents

    started = time.perf_counter()
    documents = search_documents()
    loaded = time.perf_counter()
    index = SearchIndex(documents)
    built = time.perf_counter()
    print(
        f"\nsearch index: {len(documents)} models, {len(index.vocabulary)} tokens; "
        f"load {1000 * (loaded - started):.0f} ms, build {1000 * (built - loaded):.0f} ms"
    )
    per_query = []
    for query in queries:
        samples = []
        for _ in range(rounds):
            begin = time.perf_counter()
            hits = index.search(query, limit=20)
            samples.append(1000 * (time.perf_counter() - begin))
        per_query.append(statistics.median(samples))
        top = ", ".join(hit.document.name for hit in hits[:3])
        print(f"  {query!r:<24} median {statistics.median(samples):6.2f} ms  max {max(samples):6.2f} ms  -> {top}")
    print(f"search scoring: median over queries {statistics.median(per_query):.2f} ms, worst {max(per_query):.2f} ms")


def deep_cursor(server: harness.Server, headers: dict, depth: int) -> str:
    """The cursor after ``depth`` models of the default ordering, reached by walking real pages."""
    cursor = ""
    for _ in range(depth // 100):
        query = urllib.parse.urlencode({"limit": 100, "cursor": cursor})
        cursor = harness.get_json(server, f"/v1/models?{query}", headers)["pagination"]["next_cursor"]
    return cursor


def run_mode(label: str, database_url: str, headers: dict, args, cache_seconds: int) -> dict:
    env = {"CATALOG_CACHE_SECONDS": str(cache_seconds)}
    with harness.serve(database_url=database_url, workers=args.workers, threads=args.threads, env=env) as server:
        cursor = deep_cursor(server, headers, depth=args.models // 2)
        targets = {
            "bare": [harness.BARE_PATH],
            "keyed v1 floor": [harness.KEYED_FLOOR_PATH],
            "models first page": ["/v1/models?limit=20"],
            f"models page at {args.models // 2}": ["/v1/models?limit=20&cursor=" + urllib.parse.quote(cursor)],
            "search (10 queries)": ["/v1/models/search?q=" + urllib.parse.quote(q) for q in SEARCH_QUERIES],
        }
        results = harness.measure(
            server,
            targets,
            headers=headers,
            repeats=args.repeats,
            duration=args.duration,
            connections=args.connections,
        )
    harness.print_table(
        results,
        title=f"{label} (CATALOG_CACHE_SECONDS={cache_seconds}, {args.workers} workers x {args.threads} threads)",
    )
    names = list(targets)
    first, deep, search = (results[name] for name in names[2:])
    bare = results["bare"].requests_per_s
    print(
        f"  models/bare {first.requests_per_s / bare:.0%} (deep {deep.requests_per_s / bare:.0%}), "
        f"deep/first p50 {deep.p50_ms / first.p50_ms:.2f}x, search/bare {search.requests_per_s / bare:.0%}"
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", type=int, default=10_000)
    parser.add_argument("--aliases", type=int, default=30_000)
    parser.add_argument("--db", default="aimm_bench")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (>1: gthread)")
    parser.add_argument("--no-uncached", action="store_true", help="skip the run with the response cache off")
    args = parser.parse_args()

    database_url = harness.prepare_database(args.db)
    setup_django(database_url)
    seed_if_needed(args.models, args.aliases, args.reseed)
    headers = {"X-API-Key": bench_key()}
    time_search_scoring(SEARCH_QUERIES)
    run_mode("cached", database_url, headers, args, cache_seconds=300)
    if not args.no_uncached:
        run_mode("uncached", database_url, headers, args, cache_seconds=0)


if __name__ == "__main__":
    main()
