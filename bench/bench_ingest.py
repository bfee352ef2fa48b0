"""Time full-file ingestion into PostgreSQL: cold, then a no-change re-run.

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/bench_ingest.py [--rounds 3]

Each round starts from an empty catalog (its own throwaway database, created
and dropped here), ingests the full LiteLLM file and the full newest models.dev
snapshot cold, then re-runs each unchanged. Prints per-file medians and the
re-run/cold ratio. Then ingests every shipped file in date order, each timed
cold (on the catalog the files before it built) and re-run unchanged, and
prints the observations stored and the endpoints the newer models.dev
snapshot no longer lists.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimodelsmap.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from ingestion.sources.common import date_from_name  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FILES = [
    ("litellm", DATA / "litellm/litellm-1.109.1-model-prices.json", date(2026, 7, 1)),
    ("models-dev", DATA / "models-dev/models-dev-2026-07-01.tar.gz", None),
]
ALL_FILES = [
    ("models-dev", DATA / "models-dev/models-dev-2025-12-31.tar.gz", None),
    ("models-dev", DATA / "models-dev/models-dev-2026-07-01.tar.gz", None),
    ("openrouter", DATA / "openrouter/openrouter-models-2026-07-01.json", None),
    ("litellm", DATA / "litellm/litellm-1.109.1-model-prices.json", date(2026, 7, 1)),
    ("genai-prices", DATA / "genai-prices/genai-prices-v2-data.json", date(2026, 8, 21)),
    *[("arena", path, None) for path in sorted((DATA / "arena").glob("leaderboard-text-*.json"))],
]


def timed(pipeline: str, path: Path, as_of) -> float:
    from ingestion.services import data_source_for, pipeline_run

    started = time.perf_counter()
    pipeline_run(source=data_source_for(pipeline), path=path, as_of=as_of)
    return time.perf_counter() - started


def rerun_changed(pipeline: str, path: Path, as_of) -> bool:
    from ingestion.services import data_source_for, pipeline_run

    return pipeline_run(source=data_source_for(pipeline), path=path, as_of=as_of).changed


def empty_catalog() -> None:
    call_command("flush", interactive=False, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        sys.exit("set DATABASE_URL to a PostgreSQL server")
    # Its own throwaway database, so it never collides with a test run.
    connection.settings_dict["TEST"]["NAME"] = f"bench_ingest_{os.getpid()}"
    config = setup_databases(verbosity=0, interactive=False)
    try:
        results: dict[str, dict[str, list[float]]] = {name: {"cold": [], "rerun": []} for name, _, _ in FILES}
        for _ in range(args.rounds):
            for name, path, as_of in FILES:
                empty_catalog()
                results[name]["cold"].append(timed(name, path, as_of))
                results[name]["rerun"].append(timed(name, path, as_of))
        print(f"PostgreSQL {connection.pg_version // 10000}, {args.rounds} rounds, medians:")
        print(f"{'file':<12}{'cold s':>10}{'re-run s':>10}{'ratio':>8}")
        for name, times in results.items():
            cold, rerun = statistics.median(times["cold"]), statistics.median(times["rerun"])
            print(f"{name:<12}{cold:>10.2f}{rerun:>10.2f}{rerun / cold:>8.2f}")

        from ingestion.models import CapabilityClaim, Listing
        from ingestion.services import data_source_for, pipeline_run
        from models_registry.models import Endpoint, Model, ModelAlias, UnresolvedIdentifier
        from pricing.models import Price
        from rankings.models import Signal

        # Every shipped file in date order, each timed on the catalog the
        # files before it built (cold), then re-run at once (a no-op).
        empty_catalog()
        per_file = []
        total = 0.0
        for name, path, as_of in ALL_FILES:
            cold = timed(name, path, as_of)
            started = time.perf_counter()
            changed = pipeline_run(source=data_source_for(name), path=path, as_of=as_of).changed
            per_file.append((path.name, cold, time.perf_counter() - started, changed))
            total += cold
        print(
            f"all shipped files ({len(ALL_FILES)} runs, {total:.1f}s cold): "
            f"{Model.objects.count()} models, {ModelAlias.objects.count()} aliases, "
            f"{UnresolvedIdentifier.objects.pending().count()} ids in the curator queue"
        )
        print(
            f"observations: {Listing.objects.count()} listings, {Price.objects.count()} price rows "
            f"({Price.objects.exclude(conditions={}).count()} conditional, "
            f"{Price.objects.filter(withdrawn=True).count()} withdrawals), {Signal.objects.count()} signals, "
            f"{CapabilityClaim.objects.count()} capability claims"
        )
        old_day, new_day = (date_from_name(path) for name, path, _ in ALL_FILES if name == "models-dev")
        old_listed = set(
            Listing.objects.filter(source="models-dev", as_of=old_day).values_list("endpoint_id", flat=True)
        )
        new_listed = set(
            Listing.objects.filter(source="models-dev", as_of=new_day).values_list("endpoint_id", flat=True)
        )
        dropped = old_listed - new_listed
        ended = Price.objects.filter(source="models-dev", effective_from=new_day, withdrawn=True, conditions={})
        print(
            f"models.dev {old_day} -> {new_day}: {len(dropped)} endpoints listed then no longer, "
            f"{ended.count()} "
            f"price series ended; retired once every file ran: "
            f"{Endpoint.objects.filter(pk__in=dropped, status='retired').count()} "
            f"(the others are listed by another source's newest snapshot); "
            f"retired endpoints in all: {Endpoint.objects.filter(status='retired').count()}"
        )
        print(f"{'file':<46}{'cold s':>8}{'re-run s':>10}  re-run changed")
        for file_name, cold, rerun, changed in per_file:
            print(f"{file_name:<46}{cold:>8.2f}{rerun:>10.2f}  {changed}")
        # The sequence again in date order: ids that resolve only through a
        # model a later file created get their rows now (docs/ingestion.md).
        started = time.perf_counter()
        changed = [path.name for name, path, as_of in ALL_FILES if rerun_changed(name, path, as_of)]
        print(f"all files again, in date order ({time.perf_counter() - started:.1f}s): changed {changed or 'nothing'}")
        # Every file again, newest first: an older snapshot after a newer one changes nothing now.
        started = time.perf_counter()
        changed = [path.name for name, path, as_of in reversed(ALL_FILES) if rerun_changed(name, path, as_of)]
        print(f"all files again, newest first ({time.perf_counter() - started:.1f}s): changed {changed or 'nothing'}")
    finally:
        teardown_databases(config, verbosity=0)


if __name__ == "__main__":
    main()
