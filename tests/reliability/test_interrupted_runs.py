"""A recompute, an ingest and a rollup killed halfway: readers see the previous data, the next run completes.

Each fault is injected after part of the run's writes have happened, by
wrapping one of its internal steps so it raises. The run's transaction must
roll every earlier write back.
"""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from aimodelsmap.celery import app as celery_app
from ingestion.errors import IngestError
from ingestion.models import PipelineRun
from ingestion.services import data_source_for, pipeline_run
from models_registry.models import Endpoint, Model
from pricing.models import Price
from rankings import services as rankings_services
from rankings.models import Score, ScoreRun, ScoreSnapshot, Signal
from telemetry.models import Rollup
from telemetry.services import rollups as rollup_services
from tests.conftest import make_key
from tests.factories import (
    CategoryFactory,
    EndpointFactory,
    ModelFactory,
    ProviderFactory,
    SampleFactory,
    SignalFactory,
)

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "demo_data"
T0 = datetime(2026, 6, 1, 12, tzinfo=UTC)


class Injected(RuntimeError):
    """The fault: a worker killed mid-run."""


def fail_on_call(real, failing_call: int):
    """A stand-in for ``real`` that behaves like it until its ``failing_call``-th call, which raises."""
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == failing_call:
            raise Injected(f"killed on call {failing_call}")
        return real(*args, **kwargs)

    return wrapper


def table(model, *fields):
    return sorted(model.objects.values_list(*fields))


def served(client, url):
    # Served as a fresh process would: nothing from the read caches.
    cache.delete_pattern("v1:*")
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def v1():
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("internal"))
    return client


def test_the_task_contract_allows_redelivery_after_a_crash():
    from rankings.tasks import recompute_scores
    from telemetry.tasks import refresh_rollups

    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_reject_on_worker_lost is True
    assert recompute_scores.acks_late and refresh_rollups.acks_late
    # The recompute's hard limit ends a stuck run before its lock could expire under it.
    assert recompute_scores.time_limit < rankings_services.CACHE_LOCK_TIMEOUT_SECONDS
    assert celery_app.conf.task_time_limit > celery_app.conf.task_soft_time_limit


def test_a_recompute_killed_after_writing_snapshots_leaves_the_published_leaderboard(v1):
    overall = CategoryFactory(slug="overall", name="Overall")
    models = [ModelFactory(slug=slug) for slug in ("alpha", "beta", "gamma")]
    for model, value in zip(models, (0.9, 0.6, 0.3), strict=True):
        SignalFactory(model=model, signal_type="quality", normalized_value=value, recorded_at=T0 - timedelta(days=1))
    rankings_services.score_recompute(at=T0)
    before = served(v1, "/v1/rankings/overall")
    rows_before = table(Score, "model__slug", "rank", "score", "recorded_at")
    snapshots_before = table(ScoreSnapshot, "model__slug", "recorded_at")
    # New evidence that would reorder the board, then a run killed between
    # writing the snapshots (first insert) and the current scores (second).
    SignalFactory(model=models[2], signal_type="quality", normalized_value=1.0, recorded_at=T0 + timedelta(minutes=30))
    later = T0 + timedelta(hours=1)
    with (
        mock.patch.object(rankings_services, "_insert", fail_on_call(rankings_services._insert, 2)),
        pytest.raises(Injected),
    ):
        rankings_services.score_recompute(at=later)

    assert table(Score, "model__slug", "rank", "score", "recorded_at") == rows_before
    assert table(ScoreSnapshot, "model__slug", "recorded_at") == snapshots_before
    assert not ScoreRun.objects.filter(recorded_at=later).exists()
    assert served(v1, "/v1/rankings/overall") == before

    # The lock was released: the next run goes through and publishes at the new time.
    summary = rankings_services.score_recompute(at=later)
    assert summary.published is True
    assert set(Score.objects.filter(category=overall).values_list("recorded_at", flat=True)) == {later}
    assert ScoreSnapshot.objects.filter(recorded_at=later).count() == 3
    assert ScoreRun.objects.filter(recorded_at=later).exists()


def openrouter_file(tmp_path: Path, name: str, *, models: int, price_bump: float = 0.0) -> Path:
    document = json.loads((DEMO / "openrouter-models-2026-07-01.json").read_bytes())
    rows = [row for row in document["data"] if float(row["pricing"]["prompt"]) > 0][:models]
    for row in rows:
        row["pricing"]["prompt"] = str(float(row["pricing"]["prompt"]) + price_bump)
    path = tmp_path / name
    path.write_text(json.dumps({**document, "data": rows}))
    return path


def catalog_state():
    return {
        "models": table(Model, "slug", "name", "context_window"),
        "endpoints": table(Endpoint, "host__slug", "provider_model_id"),
        "prices": table(Price, "endpoint__provider_model_id", "input_per_million", "effective_from"),
        "signals": table(Signal, "model__slug", "signal_type", "source", "normalized_value"),
    }


def test_an_ingest_killed_after_writing_the_catalog_leaves_the_previous_catalog(tmp_path, v1):
    source = data_source_for("openrouter")
    pipeline_run(source=source, path=openrouter_file(tmp_path, "a.json", models=4), as_of=date(2026, 7, 1))
    before = catalog_state()
    some_slug = before["models"][0][0]
    served_before = served(v1, f"/v1/models/{some_slug}")
    bigger = openrouter_file(tmp_path, "b.json", models=8, price_bump=0.000001)

    # Models and endpoints are written first; the crash comes as prices are about to be written.
    with (
        mock.patch("ingestion.writers.prices_write", side_effect=Injected("killed while writing prices")),
        pytest.raises(IngestError, match="run crashed"),
    ):
        pipeline_run(source=source, path=bigger, as_of=date(2026, 7, 2))

    assert catalog_state() == before
    assert served(v1, f"/v1/models/{some_slug}") == served_before
    failed = PipelineRun.objects.filter(source=source).latest("started_at")
    assert failed.status == PipelineRun.Status.FAILED
    assert "Injected: killed while writing prices" in failed.error

    result = pipeline_run(source=source, path=bigger, as_of=date(2026, 7, 2))
    assert result.run.status == PipelineRun.Status.SUCCESS
    after = catalog_state()
    assert len(after["models"]) > len(before["models"])
    assert len(after["prices"]) > len(before["prices"])
    # And it is idempotent: the same file again changes nothing.
    assert pipeline_run(source=source, path=bigger, as_of=date(2026, 7, 2)).changed is False
    assert catalog_state() == after


def rollup_state():
    return table(Rollup, "endpoint_id", "window", "sample_count", "success_count", "latency_p50_ms", "computed_at")


def test_a_rollup_killed_after_writing_some_windows_leaves_the_previous_rollups():
    host = ProviderFactory(slug="together", name="Together AI", is_creator=False, is_host=True)
    endpoint = EndpointFactory(model=ModelFactory(slug="llama"), host=host, provider_model_id="llama")
    now = datetime.now(UTC).replace(microsecond=0)
    for minutes in (5, 10, 15):
        SampleFactory(endpoint=endpoint, measured_at=now - timedelta(minutes=minutes), latency_ms=1000.0)
    rollup_services.rollups_refresh(as_of=now)
    before = rollup_state()
    public = APIClient()
    latency_before = served(public, "/api/telemetry/latency/together")

    SampleFactory(endpoint=endpoint, measured_at=now + timedelta(minutes=1), latency_ms=5000.0)
    later = now + timedelta(minutes=2)
    # Windows are written one after another; the third one's figures never arrive.
    with (
        mock.patch.object(rollup_services, "window_figures", fail_on_call(rollup_services.window_figures, 3)),
        pytest.raises(Injected),
    ):
        rollup_services.rollups_refresh(as_of=later)

    assert rollup_state() == before
    assert served(public, "/api/telemetry/latency/together") == latency_before

    assert rollup_services.rollups_refresh(as_of=later) == {"1h": 1, "24h": 1, "7d": 1}
    assert {row[2] for row in rollup_state()} == {4}
