"""The full shipped datasets ingest end to end (part of the normal suite; about a minute or two)."""

from datetime import date

import pytest

from ingestion.models import PipelineRun
from models_registry.models import Endpoint, Model, ModelAlias, UnresolvedIdentifier
from pricing.models import Price
from rankings.models import Signal
from tests.ingestion.conftest import DATA_DIR, ingest

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.shared_data]


def test_the_full_shipped_files_ingest_and_a_rerun_changes_nothing():
    ingest("models-dev", DATA_DIR / "models-dev/models-dev-2025-12-31.tar.gz")
    ingest("models-dev", DATA_DIR / "models-dev/models-dev-2026-07-01.tar.gz")
    ingest("openrouter", DATA_DIR / "openrouter/openrouter-models-2026-07-01.json")
    litellm = DATA_DIR / "litellm/litellm-1.109.1-model-prices.json"
    ingest("litellm", litellm, as_of=date(2026, 7, 1))
    again = ingest("litellm", litellm, as_of=date(2026, 7, 1))
    ingest("genai-prices", DATA_DIR / "genai-prices/genai-prices-v2-data.json", as_of=date(2026, 8, 21))
    arena_files = sorted((DATA_DIR / "arena").glob("leaderboard-text-*.json"))
    for path in arena_files:
        ingest("arena", path)

    # Each file, the LiteLLM re-run, and files other sources' runs read again (their queued ids now resolve).
    runs = PipelineRun.objects.filter(status="success")
    assert runs.values("input").distinct().count() == 5 + len(arena_files) == 16
    assert runs.count() >= 17
    assert Model.objects.count() > 800
    assert ModelAlias.objects.count() > Model.objects.count()
    assert Endpoint.objects.count() > 5000
    # Both models.dev snapshots give history: some endpoints have a price per snapshot.
    assert Price.objects.filter(source="models-dev", effective_from=date(2025, 12, 31)).exists()
    assert Price.objects.filter(source="models-dev", effective_from=date(2026, 7, 1)).exists()
    # Eleven arena snapshots give eleven dates of quality signals.
    assert Signal.objects.filter(source="arena").values("recorded_at").distinct().count() == len(arena_files)
    assert UnresolvedIdentifier.objects.filter(source="arena").exists()

    # The re-run right after the first: ids it meets resolve exactly as before (routers and a price
    # list's size brackets are decided by rule again, and still create nothing).
    assert again.changed is False
    decided_again = {"unchanged", "unresolved", "conflicts", "unmapped", "ignored", "skipped", "routers", "price-slots"}
    assert all(set(outcomes) <= decided_again for outcomes in again.counts.values())
