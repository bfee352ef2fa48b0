"""GET /health/pipelines: no auth, the spec's exact shape, statuses from recent runs and staleness."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ingestion.models import DataSource, PipelineRun

pytestmark = pytest.mark.django_db

PIPELINE_KEYS = {
    "source_name",
    "source_type",
    "status",
    "last_success_at",
    "last_failure_at",
    "last_error",
    "avg_latency_ms",
    "success_rate",
    "checked_at",
}


def source(name, **kwargs):
    return DataSource.objects.create(name=name, pipeline="litellm", source_type="pricing", **kwargs)


def run(source, status, *, hours_ago, duration_ms=400, error=""):
    finished = timezone.now() - timedelta(hours=hours_ago)
    return PipelineRun.objects.create(
        source=source,
        status=status,
        started_at=finished - timedelta(milliseconds=duration_ms),
        finished_at=finished,
        duration_ms=duration_ms,
        error=error,
    )


def test_it_reports_all_healthy_with_no_pipelines(client):
    response = client.get("/health/pipelines")

    assert response.status_code == 200
    assert response.json() == {
        "status": "all_healthy",
        "summary": {"total": 0, "healthy": 0, "unhealthy": 0},
        "pipelines": [],
    }


def test_it_reports_a_healthy_source_in_the_spec_shape(client):
    litellm = source("litellm", enabled=True)
    run(litellm, "success", hours_ago=2, duration_ms=400)
    run(litellm, "success", hours_ago=1, duration_ms=500)

    body = client.get("/health/pipelines").json()

    assert body["status"] == "all_healthy"
    assert body["summary"] == {"total": 1, "healthy": 1, "unhealthy": 0}
    (pipeline,) = body["pipelines"]
    assert set(pipeline) == PIPELINE_KEYS
    assert pipeline["source_name"] == "litellm"
    assert pipeline["source_type"] == "pricing"
    assert pipeline["status"] == "healthy"
    assert pipeline["last_failure_at"] is None and pipeline["last_error"] is None
    assert pipeline["avg_latency_ms"] == 450
    assert pipeline["success_rate"] == 1.0
    assert pipeline["last_success_at"].endswith("Z") and pipeline["checked_at"].endswith("Z")


def test_a_failed_latest_run_degrades_the_source(client):
    arena = source("chatbot-arena")
    run(arena, "success", hours_ago=3)
    run(arena, "failed", hours_ago=1, error="board full model x: missing required key 'rating'")

    body = client.get("/health/pipelines").json()

    (pipeline,) = body["pipelines"]
    assert pipeline["status"] == "degraded"
    assert pipeline["last_error"] == "board full model x: missing required key 'rating'"
    assert pipeline["success_rate"] == 0.5
    assert body["status"] == "partial_degradation"
    assert body["summary"] == {"total": 1, "healthy": 0, "unhealthy": 1}


def test_a_stale_source_is_degraded_then_down(client):
    stale = source("stale", stale_after_hours=10)
    run(stale, "success", hours_ago=11)
    assert client.get("/health/pipelines").json()["pipelines"][0]["status"] == "degraded"

    PipelineRun.objects.all().delete()
    run(stale, "success", hours_ago=31)
    assert client.get("/health/pipelines").json()["pipelines"][0]["status"] == "down"


def test_three_failures_in_a_row_are_down_and_half_down_is_critical(client):
    broken = source("broken")
    run(broken, "success", hours_ago=5)
    for hours in (3, 2, 1):
        run(broken, "failed", hours_ago=hours, error="HTTP 500")
    healthy = source("fine")
    run(healthy, "success", hours_ago=1)

    body = client.get("/health/pipelines").json()

    statuses = {p["source_name"]: p["status"] for p in body["pipelines"]}
    assert statuses == {"broken": "down", "fine": "healthy"}
    assert body["status"] == "critical"
    assert body["summary"] == {"total": 2, "healthy": 1, "unhealthy": 1}


def test_an_enabled_source_that_never_ran_is_down_and_dry_runs_do_not_count(client):
    never = source("never", enabled=True)
    PipelineRun.objects.create(source=never, status="success", dry_run=True, finished_at=timezone.now())
    source("disabled-and-idle")

    body = client.get("/health/pipelines").json()

    assert [(p["source_name"], p["status"]) for p in body["pipelines"]] == [("never", "down")]
    assert body["pipelines"][0]["success_rate"] == 0.0


def test_it_needs_no_api_key_and_ignores_a_bad_one(client):
    client.credentials(HTTP_X_API_KEY="not-a-key")
    assert client.get("/health/pipelines").status_code == 200
