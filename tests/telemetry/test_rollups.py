"""Rollups: percentiles against known sample sets, rates, windows, and the in-Python fallback."""

from datetime import timedelta

import numpy as np
import pytest
from django.db import connection
from django.utils import timezone

from telemetry import services
from telemetry.models import Rollup
from telemetry.services import rollups as rollup_service
from telemetry.tasks import prune_samples, refresh_rollups
from tests.factories import EndpointFactory, RollupFactory, SampleFactory

pytestmark = pytest.mark.django_db

# 1..20 ms: percentile_cont interpolates linearly between ranks.
LATENCIES = [float(v) for v in range(1, 21)]
EXPECTED = {"p50": 10.5, "p90": 18.1, "p95": 19.05, "p99": 19.81}


def _load_known_set(endpoint, now):
    for index, latency in enumerate(LATENCIES):
        SampleFactory(
            endpoint=endpoint,
            measured_at=now - timedelta(minutes=index + 1),
            ttft_ms=latency / 2,
            latency_ms=latency,
            tokens_per_second=latency * 10,
        )
    # Failures: their timings never enter the percentiles.
    SampleFactory(
        endpoint=endpoint,
        measured_at=now - timedelta(minutes=30),
        success=False,
        error_kind="5xx",
        http_status=503,
        ttft_ms=None,
        latency_ms=99999.0,
        tokens_per_second=None,
    )
    SampleFactory(
        endpoint=endpoint,
        measured_at=now - timedelta(minutes=40),
        success=False,
        error_kind="4xx",
        http_status=429,
        ttft_ms=None,
        latency_ms=5.0,
        tokens_per_second=None,
    )


def test_the_known_percentiles_match_numpy_linear_interpolation():
    for suffix, value in EXPECTED.items():
        assert np.percentile(LATENCIES, int(suffix[1:]), method="linear") == pytest.approx(value)


@pytest.mark.parametrize("vendor", ["postgresql", "python"])
def test_it_computes_percentiles_uptime_and_error_rate_per_window(vendor, monkeypatch):
    if vendor == "python":
        monkeypatch.setattr(rollup_service, "connection", type("FakeConnection", (), {"vendor": "sqlite"})())
    now = timezone.now()
    endpoint = EndpointFactory()
    _load_known_set(endpoint, now)
    # Two days old: only in the 7d window.
    SampleFactory(endpoint=endpoint, measured_at=now - timedelta(days=2), latency_ms=1000.0)

    written = services.rollups_refresh(as_of=now)

    assert written == {"1h": 1, "24h": 1, "7d": 1}
    hour = Rollup.objects.get(endpoint=endpoint, window="1h")
    assert (hour.sample_count, hour.success_count, hour.outage_count) == (22, 20, 1)
    assert hour.uptime == pytest.approx(21 / 22)
    assert hour.error_rate == pytest.approx(2 / 22)
    for suffix, value in EXPECTED.items():
        assert getattr(hour, f"latency_{suffix}_ms") == pytest.approx(value)
        assert getattr(hour, f"ttft_{suffix}_ms") == pytest.approx(value / 2)
    assert hour.tokens_per_second_p50 == pytest.approx(105.0)
    assert hour.last_failure_at == now - timedelta(minutes=30)
    assert (hour.last_failure_kind, hour.last_failure_http_status) == ("5xx", 503)
    assert hour.computed_at == now
    week = Rollup.objects.get(endpoint=endpoint, window="7d")
    assert week.sample_count == 23
    assert week.latency_p50_ms == pytest.approx(11.0)


def test_a_refresh_overwrites_in_place_and_zeroes_windows_the_samples_left():
    now = timezone.now()
    endpoint = EndpointFactory()
    SampleFactory(endpoint=endpoint, measured_at=now - timedelta(minutes=5), latency_ms=100.0)
    services.rollups_refresh(as_of=now)

    services.rollups_refresh(as_of=now + timedelta(hours=2))

    assert Rollup.objects.filter(endpoint=endpoint).count() == 3
    hour = Rollup.objects.get(endpoint=endpoint, window="1h")
    assert (hour.sample_count, hour.uptime, hour.latency_p50_ms) == (0, None, None)
    day = Rollup.objects.get(endpoint=endpoint, window="24h")
    assert (day.sample_count, day.latency_p50_ms) == (1, 100.0)


def test_an_endpoint_with_only_failures_has_rates_but_no_percentiles():
    now = timezone.now()
    endpoint = EndpointFactory()
    for minutes in (1, 2):
        SampleFactory(
            endpoint=endpoint,
            measured_at=now - timedelta(minutes=minutes),
            success=False,
            error_kind="timeout",
            http_status=None,
            ttft_ms=None,
        )

    services.rollups_refresh(as_of=now)

    hour = Rollup.objects.get(endpoint=endpoint, window="1h")
    assert (hour.uptime, hour.error_rate, hour.latency_p50_ms, hour.ttft_p99_ms) == (0.0, 1.0, None, None)
    assert (hour.last_failure_kind, hour.last_failure_http_status) == ("timeout", None)


def test_the_refresh_task_runs_the_service():
    SampleFactory(measured_at=timezone.now() - timedelta(minutes=1))

    assert refresh_rollups.delay().get() == {"1h": 1, "24h": 1, "7d": 1}


def test_pruning_deletes_old_samples_and_keeps_rollups(settings):
    settings.TELEMETRY_SAMPLE_RETENTION_DAYS = 30
    now = timezone.now()
    endpoint = EndpointFactory()
    old = SampleFactory(endpoint=endpoint, measured_at=now - timedelta(days=31))
    recent = SampleFactory(endpoint=endpoint, measured_at=now - timedelta(days=29))
    rollup = RollupFactory(endpoint=endpoint, window="7d", sample_count=123)

    deleted = services.samples_prune(now=now)

    assert deleted == 1
    assert list(endpoint.samples.values_list("pk", flat=True)) == [recent.pk]
    assert not endpoint.samples.filter(pk=old.pk).exists()
    rollup.refresh_from_db()
    assert rollup.sample_count == 123


def test_the_prune_task_uses_the_retention_setting(settings):
    settings.TELEMETRY_SAMPLE_RETENTION_DAYS = 1
    SampleFactory(measured_at=timezone.now() - timedelta(days=2))
    SampleFactory(measured_at=timezone.now() - timedelta(hours=2))

    assert prune_samples.delay().get() == 1


def test_the_sample_index_covers_every_column_a_rollup_reads():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'sample_unique_endpoint_instant'")
        (definition,) = cursor.fetchone()

    assert definition.startswith("CREATE UNIQUE INDEX")
    assert definition.endswith(
        "(endpoint_id, measured_at) INCLUDE (success, error_kind, ttft_ms, latency_ms, tokens_per_second)"
    )
