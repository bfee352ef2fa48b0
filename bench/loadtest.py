"""Loopback load test: reads of every GET endpoint mixed with review submissions, then an audit.

    .venv/bin/python -m bench.loadtest [--duration 60] [--max-requests 200000] [--connections 16]

Bounded in time (``--duration``) and in count (``--max-requests``). It

1. creates and migrates ``--db`` (default ``aimm_reliability_bench``) and, the
   first time, loads the demo catalog through the real ingest pipelines plus a
   few telemetry samples rolled up, so every endpoint has data to serve;
2. issues one internal-plan key for reads and ``--writers`` pro-plan keys,
   one per account, for review submissions;
3. starts gunicorn on a free 127.0.0.1 port and measures the bare Django JSON
   view with wrk (the reference every bench compares with);
4. drives the mixed load from ``--connections`` concurrent keep-alive
   connections as fast as the server answers (closed loop: the highest rate
   the machine sustains): every ``--write-every``-th request submits a review,
   the others cycle through every GET operation of the OpenAPI schema (both
   surfaces and the health endpoints) with real path parameters;
5. audits the database: every accepted submission (201 or 200) is stored
   exactly once per (account, model), with the text of an accepted
   submission, and nothing was stored for a submission that was not accepted.

It prints the figures and exits non-zero on any 5xx, transport error or
audit failure. Everything listens on and connects to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import httpx

from bench import harness

REDIS_URL = "redis://127.0.0.1:6379/7"
CACHE_PREFIX = "aimm-relbench"
# The OpenModels per-IP limit would cap one loopback client at 100 requests a
# minute; the load test measures the service, not that limit.
SERVER_ENV = {"OPENMODELS_RATE_LIMIT_PER_MINUTE": "100000000", "CACHE_KEY_PREFIX": CACHE_PREFIX}


def setup_django(database_url: str) -> None:
    os.environ.update(harness.django_env(database_url, redis_url=REDIS_URL, CACHE_KEY_PREFIX=CACHE_PREFIX))
    import django

    django.setup()


def seed(database_url: str) -> None:
    """The demo catalog (real pipelines) and an hour of probe samples for a few endpoints."""
    from models_registry.models import Model

    if Model.objects.exists():
        return
    env = harness.django_env(database_url, redis_url=REDIS_URL, CACHE_KEY_PREFIX=CACHE_PREFIX)
    subprocess.run([harness.PYTHON, "manage.py", "load_demo_data"], cwd=harness.ROOT, env=env, check=True)
    seed_telemetry()
    seed_reviews()


def seed_reviews() -> None:
    """A few reviews to read (the load test's own submissions come from other accounts)."""
    from accounts.models import Account
    from rankings.models import Score
    from reviews.services import review_submit

    account, _ = Account.objects.get_or_create(name="loadtest-seed-reviewer")
    for rank, model in enumerate(Score.objects.filter(category__slug="overall").order_by("rank")[:4], start=1):
        review_submit(
            model=model.model,
            account_id=account.pk,
            author_name="Seed reviewer",
            rating=rank,
            body="Seeded so review reads have something to return.",
        )


def seed_telemetry() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from models_registry.models import Endpoint
    from telemetry.models import Sample
    from telemetry.services import rollups_refresh

    now = timezone.now()
    samples = [
        Sample(
            endpoint=endpoint,
            measured_at=now - timedelta(minutes=minute),
            success=minute % 17 != 0,
            error_kind="" if minute % 17 else "timeout",
            http_status=200 if minute % 17 else None,
            ttft_ms=200.0 + minute,
            latency_ms=800.0 + 10 * minute,
            output_tokens=40,
            tokens_per_second=60.0 - minute / 10,
        )
        for endpoint in Endpoint.objects.order_by("id")[:40]
        for minute in range(1, 61)
    ]
    Sample.objects.bulk_create(samples)
    rollups_refresh(as_of=now)


@dataclass
class Fixture:
    read_key: str
    writers: list[tuple[int, str]]  # (account id, raw key)
    models: list[str]
    reads: list[str]


def issue_keys(writers: int) -> tuple[str, list[tuple[int, str]]]:
    from accounts.models import Account, Plan
    from accounts.services import api_key_create

    stamp = int(time.time())
    reader, _ = Account.objects.get_or_create(name=f"loadtest-reader-{stamp}")
    _, read_key = api_key_create(account=reader, plan=Plan.objects.get(slug="internal"), name="loadtest")
    pro = Plan.objects.get(slug="pro")
    keys = []
    for index in range(writers):
        account = Account.objects.create(name=f"loadtest-writer-{stamp}-{index}")
        keys.append((account.pk, api_key_create(account=account, plan=pro, name="loadtest")[1]))
    return read_key, keys


def read_paths(base_url: str) -> list[str]:
    """Every GET operation of the schema, with path parameters from the served data."""
    from models_registry.models import Category, Model, Provider
    from rankings.models import Score
    from reviews.models import Review

    schema = httpx.get(base_url + "/openapi.json", timeout=30).json()
    models = list(Score.objects.filter(category__slug="overall").order_by("rank").values_list("model__slug", flat=True))
    hosted = list(
        Model.objects.filter(endpoints__rollups__isnull=False)
        .distinct()
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    values = {
        "model": models[:6],
        "openmodels_model": (hosted or models)[:6],
        "category": list(Category.objects.order_by("display_order", "slug").values_list("slug", flat=True)[:4]),
        "provider": list(
            Provider.objects.filter(endpoints__rollups__isnull=False).distinct().values_list("slug", flat=True)[:4]
        ),
        "review": [review.public_id for review in Review.objects.order_by("-id")[:4]] or ["rev_missing"],
    }
    queries = {
        "/v1/models/compare": f"?slugs={models[0]},{models[1]}",
        "/v1/models/search": "?q=claude",
        "/v1/models": "?limit=100",
        "/api/models": "?limit=100",
    }
    paths = []
    for template, operations in schema["paths"].items():
        if "get" not in operations or template == "/openapi.json":
            continue
        names = re.findall(r"{(\w+)}", template)
        kinds = [_kind(template, name) for name in names]
        for row in range(max((len(values[kind]) for kind in kinds), default=1)):
            path = template
            for name, kind in zip(names, kinds, strict=True):
                path = path.replace("{" + name + "}", values[kind][row % len(values[kind])])
            paths.append(path + queries.get(template, ""))
    return paths


def _kind(template: str, name: str) -> str:
    if name in ("review_id", "provider_id"):
        return name.removesuffix("_id")
    if name == "model_id":
        return "openmodels_model"
    if name == "category" or template.startswith("/v1/categories/"):
        return "category"
    return "model"


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    by_path: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    accepted: dict[tuple[int, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    refused: dict[tuple[int, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    five_xx: list[str] = field(default_factory=list)


async def drive(base_url: str, fixture: Fixture, args) -> tuple[Tally, float]:
    tally = Tally()
    pairs = itertools.cycle([(account, key, model) for model in fixture.models for account, key in fixture.writers])
    reads = itertools.cycle(fixture.reads)
    counter = itertools.count()
    deadline = time.monotonic() + args.duration
    limits = httpx.Limits(max_connections=args.connections, max_keepalive_connections=args.connections)
    read_headers = {"X-API-Key": fixture.read_key}

    async def worker(client: httpx.AsyncClient) -> None:
        while time.monotonic() < deadline:
            number = next(counter)
            if number >= args.max_requests:
                return
            if number % args.write_every == 0:
                account, key, model = next(pairs)
                token = f"lt{number}"
                kind, method, path = "review", "POST", f"/v1/models/{model}/reviews"
                request = client.build_request(
                    method,
                    path,
                    headers={"X-API-Key": key},
                    json={
                        "rating": number % 5 + 1,
                        "body": f"Load test review {token}: steady output, fair price.",
                        "authorName": f"writer {account}",
                    },
                )
            else:
                path = next(reads)
                kind, request = "read", client.build_request("GET", path, headers=read_headers)
            started = time.perf_counter()
            try:
                response = await client.send(request)
                await response.aread()
            except httpx.HTTPError as exc:
                tally.errors[type(exc).__name__] += 1
                if kind == "review":
                    tally.refused[(account, model)].add(token)
                continue
            elapsed_ms = (time.perf_counter() - started) * 1000
            tally.by_kind[kind].append(elapsed_ms)
            tally.by_path[re.sub(r"\?.*", "", path) if kind == "read" else "POST reviews"].append(elapsed_ms)
            tally.statuses[response.status_code] += 1
            if response.status_code >= 500:
                tally.five_xx.append(f"{request.method} {path} -> {response.status_code}")
            if kind == "review":
                target = tally.accepted if response.status_code in (200, 201) else tally.refused
                target[(account, model)].add(token)

    started = time.monotonic()
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(args.connections)))
    return tally, time.monotonic() - started


def audit(tally: Tally) -> list[str]:
    """Every accepted submission stored once per (account, model); nothing stored for refused ones."""
    from reviews.models import Review

    problems = []
    accounts = {account for account, _ in [*tally.accepted, *tally.refused]}
    rows = defaultdict(list)
    for account_id, slug, body in Review.objects.filter(account_id__in=accounts).values_list(
        "account_id", "model__slug", "body"
    ):
        rows[(account_id, slug)].append(body)
    for pair, tokens in tally.accepted.items():
        stored = rows.get(pair, [])
        if len(stored) != 1:
            problems.append(f"{pair}: {len(stored)} rows for an accepted submission")
        elif not any(f"review {token}:" in stored[0] for token in tokens):
            problems.append(f"{pair}: stored text is from no accepted submission")
    for pair in set(rows) - set(tally.accepted):
        problems.append(f"{pair}: stored although no submission was accepted")
    return problems


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="aimm_reliability_bench")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of mixed load")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--writers", type=int, default=100, help="accounts submitting reviews")
    parser.add_argument("--write-every", type=int, default=10, help="every Nth request is a review submission")
    args = parser.parse_args()

    url = harness.prepare_database(args.db)
    setup_django(url)
    seed(url)
    read_key, writers = issue_keys(args.writers)
    from models_registry.models import Model

    models = list(Model.objects.order_by("slug").values_list("slug", flat=True)[:50])
    with harness.serve(database_url=url, redis_url=REDIS_URL, workers=args.workers, env=SERVER_ENV) as server:
        fixture = Fixture(read_key, writers, models, read_paths(server.base_url))
        bare = harness.measure(server, {"bare": [harness.BARE_PATH]}, repeats=3, duration=5, connections=8)["bare"]
        tally, elapsed = asyncio.run(drive(server.base_url, fixture, args))
    problems = audit(tally)

    total = sum(tally.statuses.values()) + sum(tally.errors.values())
    reads, writes = tally.by_kind["read"], tally.by_kind["review"]
    accepted = sum(len(tokens) for tokens in tally.accepted.values())
    print(f"read paths cycled: {len(fixture.reads)} (every GET operation of the schema)")
    print(
        f"mixed load: {total} requests in {elapsed:.1f} s = {total / elapsed:.0f} req/s over {args.connections} conns"
    )
    print(f"  reads   : {len(reads):>7}  p50 {statistics.median(reads):6.1f} ms  p99 {percentile(reads, 0.99):6.1f} ms")
    if writes:
        print(
            f"  reviews : {len(writes):>7}  p50 {statistics.median(writes):6.1f} ms  "
            f"p99 {percentile(writes, 0.99):6.1f} ms  accepted {accepted} on {len(tally.accepted)} (account, model)"
        )
    print(f"  statuses: {dict(sorted(tally.statuses.items()))}  transport errors: {dict(tally.errors)}")
    print(
        f"bare Django JSON view (wrk, 8 conns, median of 3 x 5 s): {bare.requests_per_s:.0f} req/s, "
        f"p50 {bare.p50_ms:.2f} ms; mixed load = {total / elapsed / bare.requests_per_s:.1%} of it"
    )
    slowest = sorted(tally.by_path.items(), key=lambda item: -statistics.median(item[1]))[:8]
    print("slowest paths (median ms): " + ", ".join(f"{p} {statistics.median(v):.0f}" for p, v in slowest))
    print(f"5xx: {len(tally.five_xx)}  audit problems: {len(problems)}")
    for line in [*tally.five_xx[:20], *problems[:20]]:
        print("  " + line)
    return 1 if tally.five_xx or tally.errors or problems else 0


if __name__ == "__main__":
    sys.exit(main())
