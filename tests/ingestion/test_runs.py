"""Runs: every signal is dated by its snapshot, empty files fail, killed runs do not stay running."""

import io
import json
import tarfile
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from ingestion.errors import IngestError
from ingestion.models import ABANDONED_ERROR, PipelineRun
from ingestion.services import data_source_for, runs_abandoned_fail
from rankings.models import Signal
from tests.ingestion.conftest import LITELLM, OPENROUTER, ingest

pytestmark = pytest.mark.django_db


def test_cost_and_demand_signals_carry_the_snapshot_date_not_the_ingest_date():
    ingest("openrouter", OPENROUTER)

    dates = set(Signal.objects.filter(source="openrouter").values_list("signal_type", "recorded_at"))
    assert dates == {("cost", datetime(2026, 7, 1, tzinfo=UTC)), ("demand", datetime(2026, 7, 1, tzinfo=UTC))}


def test_a_snapshot_given_its_date_dates_its_signals_by_it():
    ingest("litellm", LITELLM, as_of=date(2025, 10, 1))

    dates = set(Signal.objects.filter(source="litellm").values_list("recorded_at", flat=True))
    assert dates == {datetime(2025, 10, 1, tzinfo=UTC)}


def test_a_local_file_that_names_no_date_is_refused_rather_than_dated_today():
    with pytest.raises(IngestError, match="cannot tell the snapshot date of litellm-1.109.1-model-prices.json"):
        ingest("litellm", LITELLM)

    assert not Signal.objects.exists()
    assert PipelineRun.objects.get().status == "failed"


def empty_archive(path):
    with tarfile.open(path, "w:gz") as archive:
        data = b'name = "Nobody"\n'
        info = tarfile.TarInfo("providers/nobody/provider.toml")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize(
    ("pipeline", "name", "content"),
    [
        ("openrouter", "openrouter-models-2026-07-01.json", {"data": []}),
        ("litellm", "litellm-2026-07-01.json", {}),
        ("litellm", "litellm-2026-07-01.json", {"sample_spec": {"mode": "chat"}}),
        ("genai-prices", "genai-prices-2026-07-01.json", []),
        ("genai-prices", "genai-prices-2026-07-01.json", [{"id": "openai", "models": []}]),
        ("arena", "leaderboard-text-2026-07-01.json", {}),
        ("arena", "leaderboard-vision-2026-07-01.json", {"full": {}}),
    ],
)
def test_a_structurally_empty_file_is_a_failed_run(tmp_path, pipeline, name, content):
    path = tmp_path / name
    path.write_text(json.dumps(content))

    with pytest.raises(IngestError, match=f"{name}: no models in the file"):
        ingest(pipeline, path)

    run = PipelineRun.objects.get()
    assert run.status == "failed" and "no models in the file" in run.error
    assert run.as_of == date(2026, 7, 1)


def test_an_archive_without_models_is_a_failed_run(tmp_path):
    path = empty_archive(tmp_path / "models-dev-2026-07-01.tar.gz")

    with pytest.raises(IngestError, match="no models/ or providers/ TOML files found"):
        ingest("models-dev", path)
    assert PipelineRun.objects.get().status == "failed"


def test_a_truncated_archive_is_a_failed_run(tmp_path):
    from tests.ingestion.conftest import MODELS_DEV_OLD

    path = tmp_path / MODELS_DEV_OLD.name
    path.write_bytes(MODELS_DEV_OLD.read_bytes()[:20_000])

    with pytest.raises(IngestError, match="not a readable tar.gz snapshot"):
        ingest("models-dev", path)
    assert PipelineRun.objects.get().status == "failed"


def killed_run(pipeline: str, *, minutes_ago: int) -> PipelineRun:
    return PipelineRun.objects.create(
        source=data_source_for(pipeline), started_at=timezone.now() - timedelta(minutes=minutes_ago)
    )


def test_the_next_run_of_a_source_fails_its_killed_run():
    killed = killed_run("openrouter", minutes_ago=2)
    other = killed_run("litellm", minutes_ago=2)

    ingest("openrouter", OPENROUTER)

    killed.refresh_from_db()
    assert (killed.status, killed.error) == ("failed", ABANDONED_ERROR)
    assert killed.finished_at is not None
    # Another source's killed run waits for its own source's next run (or the beat task).
    other.refresh_from_db()
    assert other.status == "running"


def test_a_run_whose_process_still_holds_its_lock_is_left_running():
    from ingestion import services

    alive = killed_run("openrouter", minutes_ago=2)
    # Another session holds the run's lock: its process is alive.
    from django.db import connections

    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [services.RUN_LOCK_CLASS, alive.pk])
    try:
        assert runs_abandoned_fail() == 0
        alive.refresh_from_db()
        assert alive.status == "running"
    finally:
        other.close()


def test_a_run_past_its_time_limit_is_failed_even_if_something_holds_its_lock(settings):
    settings.INGEST_RUN_TIME_LIMIT_MINUTES = 30
    killed = killed_run("openrouter", minutes_ago=31)

    assert runs_abandoned_fail(source=killed.source) == 1

    killed.refresh_from_db()
    assert killed.status == "failed"


def test_health_shows_a_run_past_its_time_limit_as_a_failure(client, settings):
    settings.INGEST_RUN_TIME_LIMIT_MINUTES = 30
    source = data_source_for("openrouter")
    PipelineRun.objects.create(
        source=source,
        status="success",
        started_at=timezone.now() - timedelta(hours=2),
        finished_at=timezone.now() - timedelta(hours=2),
        duration_ms=100,
    )
    killed_run("openrouter", minutes_ago=45)

    body = client.get("/health/pipelines").json()

    (pipeline,) = body["pipelines"]
    assert pipeline["status"] == "degraded"
    assert pipeline["last_error"] == ABANDONED_ERROR
    assert body["status"] == "partial_degradation"
