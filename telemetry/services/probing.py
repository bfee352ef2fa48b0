"""Probing configured host endpoints and recording what was measured."""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from telemetry.models import ProbeTarget, Sample
from telemetry.probe import ProbeResult, probe_chat_completion

logger = logging.getLogger(__name__)

# Probes wait on the network, not the CPU; a few run at once so one slow host
# cannot push the rest of the round past the task's time limit.
PROBE_CONCURRENCY = 8


class MissingApiKey(Exception):
    pass


def _api_key(target: ProbeTarget) -> str | None:
    if not target.api_key_env:
        return None
    key = os.environ.get(target.api_key_env)
    if not key:
        raise MissingApiKey(f"environment variable {target.api_key_env} is not set")
    return key


def _measure(target: ProbeTarget) -> tuple[datetime, ProbeResult]:
    measured_at = timezone.now()
    result = probe_chat_completion(
        base_url=target.base_url,
        model_id=target.endpoint.provider_model_id,
        api_key=_api_key(target),
        timeout=settings.TELEMETRY_PROBE_TIMEOUT_SECONDS,
    )
    return measured_at, result


def _sample(endpoint_id: int, measured_at: datetime, result: ProbeResult) -> Sample:
    return Sample(
        endpoint_id=endpoint_id,
        measured_at=measured_at,
        success=result.success,
        http_status=result.http_status,
        error_kind=result.error_kind,
        ttft_ms=result.ttft_ms,
        latency_ms=result.latency_ms,
        output_tokens=result.output_tokens,
        tokens_per_second=result.tokens_per_second,
        source=Sample.Source.PROBE,
    )


def endpoint_probe(*, target: ProbeTarget) -> Sample:
    """Probe one target now and store the sample. Raises MissingApiKey if its key is not configured."""
    measured_at, result = _measure(target)
    sample = _sample(target.endpoint_id, measured_at, result)
    sample.save()
    return sample


def endpoints_probe_all() -> dict[str, int]:
    """Probe every enabled target concurrently; one sample each. Returns counts of the round."""
    targets = list(ProbeTarget.objects.filter(enabled=True).select_related("endpoint"))

    def run(target: ProbeTarget):
        try:
            return target.endpoint_id, *_measure(target)
        except MissingApiKey as exc:
            logger.warning("probe of endpoint %s skipped: %s", target.endpoint_id, exc)
            return None

    with ThreadPoolExecutor(max_workers=PROBE_CONCURRENCY) as pool:
        outcomes = [outcome for outcome in pool.map(run, targets) if outcome is not None]
    # Written after the network work so no transaction is held open while hosts answer.
    samples = Sample.objects.bulk_create(
        [_sample(endpoint_id, measured_at, result) for endpoint_id, measured_at, result in outcomes],
        ignore_conflicts=True,
    )
    return {
        "probed": len(samples),
        "succeeded": sum(1 for sample in samples if sample.success),
        "failed": sum(1 for sample in samples if not sample.success),
        "skipped": len(targets) - len(outcomes),
    }
