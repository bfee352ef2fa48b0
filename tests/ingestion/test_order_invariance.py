"""The same files in any order give the same API answers.

Every shipped file, cut to a few hundred entries (``tests/ingestion/snapshots.py``),
is ingested with its own as-of date in date order, in reverse and in a shuffled
order, each in a transaction that is rolled back afterwards. After each order
the v1 catalog is read as a client reads it: every page of ``/v1/models``, each
model's detail and pricing, and the categories. The answers must be identical,
byte for byte, apart from the moments rows were written (``created_at``,
``updated_at``), which record when a file was read, not what it says.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from tests.conftest import forget_everything_cached, make_key
from tests.ingestion import snapshots as snap
from tests.ingestion.conftest import ingest

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

WRITE_MOMENTS = {"created_at", "updated_at"}


@pytest.fixture(scope="module")
def every_file(tmp_path_factory) -> list[tuple[str, Path, object]]:
    """(pipeline, path, as-of) of every shipped file, cut, oldest first."""
    root = tmp_path_factory.mktemp("every")
    models_dev = [
        (
            "models-dev",
            snap.models_dev_unpack(snap.DATA_DIR / f"models-dev/{name}.tar.gz", root / name, one_in=16),
            None,
        )
        for name in ("models-dev-2025-12-31", "models-dev-2026-07-01")
    ]
    boards = [
        ("arena", snap.arena_board(root / "arena", path, snap.arena_top(path)), None)
        for path in sorted(snap.ARENA_DIR.glob("leaderboard-text-*.json"))
    ]
    return [
        models_dev[0],
        *boards,
        models_dev[1],
        ("openrouter", *snap.openrouter_files(root / "openrouter")["newest"]),
        ("litellm", *snap.litellm_files(root / "litellm")["newest"]),
        ("genai-prices", *snap.genai_files(root / "genai-prices")["newest"]),
    ]


def without_write_moments(value):
    if isinstance(value, dict):
        return {k: without_write_moments(v) for k, v in value.items() if k not in WRITE_MOMENTS}
    if isinstance(value, list):
        return [without_write_moments(v) for v in value]
    return value


def read(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return without_write_moments(response.json())


def catalog_answers(client) -> dict:
    """What a client reads of the catalog: every model, its detail and pricing, and the categories."""
    listed, cursor = [], ""
    while True:
        page = read(client, f"/v1/models?limit=100&cursor={cursor}")
        listed += page["data"]
        cursor = page["pagination"].get("next_cursor") or ""
        if not cursor:
            break
    slugs = sorted(model["slug"] for model in listed)
    return {
        "models": sorted(listed, key=lambda model: model["slug"]),
        "detail": {slug: read(client, f"/v1/models/{slug}") for slug in slugs},
        "pricing": {slug: read(client, f"/v1/models/{slug}/pricing") for slug in slugs},
        "categories": read(client, "/v1/categories"),
    }


def answers_after(client, runs) -> dict:
    with transaction.atomic():
        for pipeline, path, as_of in runs:
            ingest(pipeline, path, as_of=as_of)
        forget_everything_cached()
        answers = catalog_answers(client)
        transaction.set_rollback(True)
    forget_everything_cached()
    return answers


def differences(expected: dict, got: dict) -> dict:
    """Per part, the models (or the whole part) whose answers differ: readable in a failure."""
    found = {}
    for part in ("detail", "pricing"):
        keys = set(expected[part]) | set(got[part])
        found[part] = sorted(k for k in keys if expected[part].get(k) != got[part].get(k))[:20]
    found["models only in one order"] = sorted(set(expected["detail"]) ^ set(got["detail"]))[:20]
    found["categories"] = expected["categories"] != got["categories"]
    for slug in found["detail"][:1]:
        found["first"] = {slug: (expected["detail"].get(slug), got["detail"].get(slug))}
    return found


@pytest.fixture
def reader():
    """A client whose plan has no daily limit: it reads every model three times over."""
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("internal"))
    return client


def test_every_shipped_file_in_any_order_gives_the_same_answers(reader, every_file):
    in_date_order = answers_after(reader, every_file)
    assert len(in_date_order["models"]) > 150

    for name, runs in {
        "reverse": list(reversed(every_file)),
        "shuffled": random.Random(20261203).sample(every_file, len(every_file)),
    }.items():
        answers = answers_after(reader, runs)
        if answers != in_date_order:
            pytest.fail(f"{name} order answers differently: {differences(in_date_order, answers)}")
