"""Loopback load test: reads of every GET endpoint mixed with review submissions, then an audit.

    .venv/bin/python -m bench.loadtest [--duration 60] [--max-requests 500000] [--connections 16]

Bounded in time (``--duration``) and in count (``--max-requests``). It

1. creates and migrates ``--db`` (default ``aimm_reliability_bench``) and, the
   first time, loads the demo catalog through the real ingest pipelines plus a
   few telemetry samples rolled up, so every endpoint has data to serve;
2. issues one metered key (``harness.metered_key``) for reads and ``--writers`` pro-plan keys,
   one per account, for review submissions;
3. starts gunicorn on a free 127.0.0.1 port and measures the bare Django JSON
   view with wrk (the reference every bench compares with);
4. drives the mixed load with wrk (``--wrk-threads`` x ``--connections``
   keep-alive connections, closed loop: as fast as the server answers, i.e. the
   highest rate the machine sustains) through a Lua script: every
   ``--write-every``-th request submits a review for a fresh (account, model)
   pair, the others cycle through every GET operation of the OpenAPI schema
   (both surfaces and the health endpoints) with real path parameters;
5. audits the database: every accepted submission (201 or 200) is stored
   exactly once per (account, model), with the text of an accepted
   submission, and nothing was stored for a submission that was not accepted.

It prints the figures and exits non-zero on any 5xx, transport error or
audit failure. Everything listens on and connects to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

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
    read_key = harness.metered_key(f"loadtest-reader-{stamp}")
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


# The wrk script: every --write-every-th request of a thread submits a review
# for the next (account, model) pair of that thread's share, the others cycle
# through the read paths. Each thread logs the submissions it sent ("A"), the
# ones accepted ("OK", recognised by the token echoed in the review's body)
# and every non-2xx status ("S"), and stops after its share of --max-requests.
# (Lua's % is doubled below for Python's %-formatting.)
LUA = """
local reads = {%(reads)s}
local read_key = %(read_key)s
local pairs_ = {%(pairs)s}
local write_every, max_responses, threads, log_dir = %(write_every)d, %(max_responses)d, %(threads)d, %(log_dir)s
local counter = 1
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end
local sent, received, next_read, next_pair, log = 0, 0, 0, 0, nil
function init(args)
  log = io.open(log_dir .. "/thread-" .. tid .. ".log", "w")
  log:setvbuf("line")
end
function request()
  sent = sent + 1
  if sent %% write_every == 0 then
    local pair = pairs_[((next_pair * threads + tid - 1) %% #pairs_) + 1]
    next_pair = next_pair + 1
    local token = "t" .. tid .. "n" .. sent
    log:write("A ", pair[1], " ", pair[3], " ", token, "\\n")
    local body = string.format(
      '{"rating": %%d, "body": "Load test review %%s: steady output, fair price.", "authorName": "writer %%d"}',
      sent %% 5 + 1, token, pair[1])
    return wrk.format("POST", "/v1/models/" .. pair[3] .. "/reviews",
      {["X-API-Key"] = pair[2], ["Content-Type"] = "application/json"}, body)
  end
  next_read = next_read %% #reads + 1
  return wrk.format("GET", reads[next_read], {["X-API-Key"] = read_key})
end
function response(status, headers, body)
  received = received + 1
  if status >= 300 then
    log:write("S ", status, "\\n")
  elseif body:sub(1, 9) == '{"data":{' then
    local token = body:match('"body":"Load test review (t%%d+n%%d+):')
    if token then log:write("OK ", token, "\\n") end
  end
  if received >= max_responses then
    wrk.thread:stop()
  end
end
"""


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    accepted: dict[tuple[int, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    refused: dict[tuple[int, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    submitted: int = 0


def drive(server, fixture: Fixture, args, log_dir: Path) -> tuple[harness.WrkResult, Tally]:
    """Run wrk with the mixed script; return its figures and what the thread logs say."""
    pairs = [(account, key, model) for model in fixture.models for account, key in fixture.writers]
    script = LUA % {
        "reads": ", ".join(lua_string(path) for path in fixture.reads),
        "read_key": lua_string(fixture.read_key),
        "pairs": ", ".join(f"{{{account}, {lua_string(key)}, {lua_string(model)}}}" for account, key, model in pairs),
        "write_every": args.write_every,
        "max_responses": max(1, args.max_requests // args.wrk_threads),
        "threads": args.wrk_threads,
        "log_dir": lua_string(str(log_dir)),
    }
    script_path = log_dir / "mix.lua"
    script_path.write_text(script)
    command = [
        "wrk",
        "--latency",
        "-t",
        str(args.wrk_threads),
        "-c",
        str(args.connections),
        "-d",
        f"{round(args.duration)}s",
        "--timeout",
        "30s",
        "-s",
        str(script_path),
        server.base_url,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    return harness.parse_wrk(completed.stdout), read_logs(log_dir)


def read_logs(log_dir: Path) -> Tally:
    tally = Tally()
    sent: dict[str, tuple[int, str]] = {}
    accepted: set[str] = set()
    for log in sorted(log_dir.glob("thread-*.log")):
        for line in log.read_text().splitlines():
            kind, *rest = line.split()
            if kind == "A":
                sent[rest[2]] = (int(rest[0]), rest[1])
            elif kind == "OK":
                accepted.add(rest[0])
            else:
                tally.statuses[int(rest[0])] += 1
    tally.submitted = len(sent)
    for token, pair in sent.items():
        (tally.accepted if token in accepted else tally.refused)[pair].add(token)
    return tally


def audit(tally: Tally, *, in_flight: int) -> list[str]:
    """Every accepted submission stored exactly once, with its own text; nothing else stored.

    A submission still in flight when wrk stopped has no answer, yet the server
    may have committed it: at most one per connection can be stored without
    having been seen accepted, and only while every answered one was a 2xx.
    """
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
            problems.append(f"{pair}: the stored text is from no accepted submission")
    unanswered = set(rows) - set(tally.accepted)
    for pair in unanswered:
        if len(rows[pair]) != 1 or not any(f"review {token}:" in rows[pair][0] for token in tally.refused[pair]):
            problems.append(f"{pair}: stored rows do not match its one unanswered submission")
    if unanswered and (tally.statuses or len(unanswered) > in_flight):
        problems.append(f"{len(unanswered)} submissions stored without being accepted")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="aimm_reliability_bench")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of mixed load")
    parser.add_argument("--max-requests", type=int, default=500_000, help="stop after this many responses")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (gthread above 1)")
    parser.add_argument("--writers", type=int, default=100, help="accounts submitting reviews")
    parser.add_argument("--write-every", type=int, default=10, help="every Nth request is a review submission")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install -y wrk)")
        return 2

    url = harness.prepare_database(args.db)
    setup_django(url)
    seed(url)
    read_key, writers = issue_keys(args.writers)
    from models_registry.models import Model

    models = list(Model.objects.order_by("slug").values_list("slug", flat=True)[:50])
    with (
        tempfile.TemporaryDirectory(prefix="loadtest-") as scratch,
        harness.serve(
            database_url=url, redis_url=REDIS_URL, workers=args.workers, threads=args.threads, env=SERVER_ENV
        ) as server,
    ):
        fixture = Fixture(read_key, writers, models, read_paths(server.base_url))
        bare = harness.measure(
            server, {"bare": [harness.BARE_PATH]}, repeats=3, duration=5, connections=args.connections
        )["bare"]
        mixed, tally = drive(server, fixture, args, Path(scratch))
    problems = audit(tally, in_flight=args.connections)

    five_xx = sum(count for status, count in tally.statuses.items() if status >= 500)
    accepted = sum(len(tokens) for tokens in tally.accepted.values())
    seconds = mixed.requests / mixed.requests_per_s if mixed.requests_per_s else 0.0
    print(f"read paths cycled: {len(fixture.reads)} (every GET operation of the schema, real parameters)")
    print(
        f"gunicorn {args.workers} workers x {args.threads} threads; wrk {args.wrk_threads} threads x "
        f"{args.connections} connections for {seconds:.0f} s, every {args.write_every}th request a review"
    )
    print(
        f"bare Django JSON view: {bare.requests_per_s:.0f} req/s, p50 {bare.p50_ms:.2f} ms, p99 {bare.p99_ms:.2f} ms "
        f"(median of 3 x 5 s)"
    )
    print(
        f"mixed load: {mixed.requests_per_s:.0f} req/s, p50 {mixed.p50_ms:.2f} ms, p99 {mixed.p99_ms:.2f} ms, "
        f"{mixed.requests} requests = {mixed.requests_per_s / bare.requests_per_s:.1%} of bare"
    )
    print(
        f"reviews submitted {tally.submitted}, accepted {accepted} on {len(tally.accepted)} (account, model) pairs; "
        f"non-2xx statuses {dict(sorted(tally.statuses.items()))}; wrk socket errors + non-2xx: {mixed.errors}"
    )
    print(f"5xx: {five_xx}  audit problems: {len(problems)}")
    for line in problems[:20]:
        print("  " + line)
    return 1 if five_xx or mixed.errors or problems or not accepted else 0


if __name__ == "__main__":
    sys.exit(main())
