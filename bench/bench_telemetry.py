"""Benchmark of telemetry rollups and the OpenModels /api/models list. See bench/telemetry.md.

    .venv/bin/python -m bench.bench_telemetry [--samples 1000000 --endpoints 500 --db aimm_bench_telemetry]

1. Loads ``--samples`` probe samples over the last 7 days, spread across
   ``--endpoints`` endpoints, into its own database with COPY, then times
   ``rollups_refresh()`` (all three windows, PostgreSQL percentile_cont).
2. Serves the same database with gunicorn on loopback and drives wrk at
   /api/models (first page, a later page, a search, a capability filter)
   and the bare Django JSON view, reporting each as a ratio of the bare view.
   The per-IP limit is raised out of the way for the load generator.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from bench import harness

CAPABILITIES = ["chat", "vision", "code", "reasoning", "tools"]
ROLLUP_TARGET_SECONDS = 10.0
THROUGHPUT_TARGET = 0.25
# This benchmark's own Redis database, apart from the other benches and tests.
REDIS_URL = "redis://127.0.0.1:6379/6"


def setup_django(database_url: str) -> None:
    os.environ.update(harness.django_env(database_url, redis_url=REDIS_URL))
    import django

    django.setup()


def seed_catalog(models: int, endpoints: int) -> None:
    from bench.seed_catalog import seed_catalog as seed_models
    from models_registry.models import Capability, Endpoint, Model, Provider

    seed_models(models=models, aliases=models)
    rng = random.Random(7)
    capabilities = [Capability.objects.get_or_create(slug=slug, defaults={"name": slug})[0] for slug in CAPABILITIES]
    Membership = Model.capabilities.through
    model_ids = list(Model.objects.values_list("id", flat=True))
    Membership.objects.bulk_create(
        Membership(model_id=model_id, capability_id=capability.pk)
        for model_id in model_ids
        for capability in rng.sample(capabilities, rng.randint(1, 4))
    )
    hosts = list(Provider.objects.all())
    Endpoint.objects.bulk_create(
        Endpoint(
            model_id=model_ids[index % len(model_ids)], host=hosts[index % len(hosts)], provider_model_id=f"m-{index}"
        )
        for index in range(endpoints)
    )


def copy_samples(count: int, now: datetime) -> float:
    """COPY ``count`` samples over the 7 days before ``now``; returns seconds taken."""
    from django.db import connection

    from models_registry.models import Endpoint

    endpoint_ids = list(Endpoint.objects.values_list("id", flat=True))
    rng = random.Random(11)
    span = 7 * 86400
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE telemetry_sample, telemetry_rollup")
        with cursor.copy(
            "COPY telemetry_sample (endpoint_id, measured_at, success, http_status, error_kind, ttft_ms, latency_ms,"
            " output_tokens, tokens_per_second, source) FROM STDIN"
        ) as copy:
            buffer = io.StringIO()
            for index in range(count):
                endpoint_id = endpoint_ids[index % len(endpoint_ids)]
                # Distinct instants per endpoint: spread evenly, jittered below the step.
                measured = now - timedelta(seconds=span * (index + rng.random()) / count)
                if rng.random() < 0.97:
                    ttft = rng.lognormvariate(5.8, 0.4)
                    latency = ttft + rng.lognormvariate(6.5, 0.5)
                    tokens = rng.randint(8, 16)
                    tps = (tokens - 1) / ((latency - ttft) / 1000)
                    fields = ("t", "200", "", f"{ttft:.3f}", f"{latency:.3f}", str(tokens), f"{tps:.3f}")
                else:
                    kind, status = rng.choice(
                        [("timeout", "\\N"), ("5xx", "503"), ("4xx", "429"), ("connection", "\\N")]
                    )
                    fields = ("f", status, kind, "\\N", "\\N", "\\N", "\\N")
                buffer.write("\t".join((str(endpoint_id), measured.isoformat(), *fields, "file")) + "\n")
                if index % 50_000 == 49_999:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        # As autovacuum would after a bulk load: fresh statistics and a visibility map
        # (index-only scans skip the heap only for pages marked all-visible).
        cursor.execute("VACUUM ANALYZE telemetry_sample")
    return time.perf_counter() - started


def time_rollups(now: datetime, repeats: int) -> list[float]:
    from telemetry.services import rollups_refresh

    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        rollups_refresh(as_of=now)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--endpoints", type=int, default=500)
    parser.add_argument("--models", type=int, default=2000)
    parser.add_argument("--db", default="aimm_bench_telemetry")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--throughput-only", action="store_true", help="Reuse the loaded database; skip part 1.")
    args = parser.parse_args()

    database_url = harness.prepare_database(args.db, fresh=not args.throughput_only)
    setup_django(database_url)
    if not args.throughput_only:
        load_and_time_rollups(args)
    throughput(database_url, args)


def load_and_time_rollups(args) -> None:
    from aimodelsmap.dataversion import data_version_bump

    started = time.perf_counter()
    seed_catalog(args.models, args.endpoints)
    print(f"seeded {args.models} models and {args.endpoints} endpoints in {time.perf_counter() - started:.1f}s")
    now = datetime.now(UTC)
    copy_seconds = copy_samples(args.samples, now)
    print(f"COPY of {args.samples:,} samples: {copy_seconds:.1f}s")
    timings = time_rollups(now, args.repeats)
    median = statistics.median(timings)
    print(
        f"rollup refresh of {args.samples:,} samples ({args.endpoints} endpoints x 1h/24h/7d): "
        f"median {median:.2f}s over {args.repeats} runs {[round(t, 2) for t in timings]} "
        f"(target < {ROLLUP_TARGET_SECONDS:.0f}s: {'met' if median < ROLLUP_TARGET_SECONDS else 'NOT met'})"
    )
    data_version_bump()


def throughput(database_url: str, args) -> None:
    env = {"OPENMODELS_RATE_LIMIT_PER_MINUTE": str(10**12)}
    with harness.serve(database_url=database_url, redis_url=REDIS_URL, workers=args.workers, env=env) as server:
        results = harness.measure(
            server,
            {
                "bare": [harness.BARE_PATH],
                "api/models": ["/api/models"],
                "api/models page 5": ["/api/models?page=5&limit=20"],
                "api/models search": ["/api/models?search=llama", "/api/models?search=gpt"],
                "api/models capability": ["/api/models?capability=vision&vendor=meta"],
            },
            repeats=args.repeats,
            duration=args.duration,
        )
    harness.print_table(results, baseline="bare", title="OpenModels /api/models vs the bare Django view")
    ratio = results["api/models"].requests_per_s / results["bare"].requests_per_s
    verdict = "met" if ratio >= THROUGHPUT_TARGET else "NOT met"
    print(f"/api/models at {ratio:.0%} of bare (target >= {THROUGHPUT_TARGET:.0%}: {verdict})")


if __name__ == "__main__":
    main()
