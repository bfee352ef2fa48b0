"""Loading samples measured elsewhere, and pruning old ones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import orjson
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ingestion.errors import IngestError
from models_registry.models import Endpoint
from telemetry.models import Sample
from telemetry.samplefile import SampleLineSerializer, first_error
from telemetry.services.rollups import rollups_refresh

# A line longer than this is not a probe result; refuse it before parsing.
MAX_LINE_BYTES = 16 * 1024


def _as_of_instant(as_of: date | datetime | None) -> datetime:
    """The run's "now": ``--as-of DATE`` means the end of that UTC day, but never later than now.

    Samples measured after it are refused; rollups are refreshed as of it.
    """
    now = timezone.now()
    if as_of is None:
        return now
    if isinstance(as_of, datetime):
        instant = as_of if timezone.is_aware(as_of) else as_of.replace(tzinfo=UTC)
    else:
        instant = datetime.combine(as_of + timedelta(days=1), time.min, tzinfo=UTC)
    return min(instant, now)


class _EndpointLookup:
    """(host slug, host's model id) -> endpoint id, one query per distinct pair."""

    def __init__(self):
        self._ids: dict[tuple[str, str], int | None] = {}

    def __call__(self, host: str, model_id: str) -> int | None:
        key = (host, model_id)
        if key not in self._ids:
            self._ids[key] = (
                Endpoint.objects.filter(host__slug=host, provider_model_id=model_id)
                .values_list("id", flat=True)
                .first()
            )
        return self._ids[key]


def _parse_line(raw: bytes, number: int, as_of: datetime, lookup: _EndpointLookup) -> Sample:
    record = f"line {number}"
    if len(raw) > MAX_LINE_BYTES:
        raise IngestError(f"longer than {MAX_LINE_BYTES} bytes", record=record)
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise IngestError(f"not valid JSON ({exc})", record=record) from None
    if not isinstance(document, dict):
        raise IngestError("expected a JSON object", record=record)
    line = SampleLineSerializer(data=document)
    if not line.is_valid():
        raise IngestError(first_error(line.errors), record=record)
    values = line.validated_data
    if values["measured_at"] > as_of:
        raise IngestError(
            f"measured_at {values['measured_at'].isoformat()} is after the run's as-of time", record=record
        )
    endpoint_id = lookup(values["host"], values["model_id"])
    if endpoint_id is None:
        raise IngestError(f"no endpoint for host {values['host']!r} and model id {values['model_id']!r}", record=record)
    return Sample(
        endpoint_id=endpoint_id,
        source=Sample.Source.FILE,
        **{key: value for key, value in values.items() if key not in {"host", "model_id"}},
    )


def samples_ingest_file(*, path: str | Path, as_of: date | datetime | None, dry_run: bool) -> dict[str, dict[str, int]]:
    """Load probe results from a JSON-lines file (format in ``telemetry.samplefile``) and refresh rollups.

    One transaction: a bad line (reported with its number) loads nothing.
    Idempotent: a sample already stored for the same endpoint and instant is
    left alone. ``dry_run`` validates and counts, then rolls everything back.
    Returns ``{"samples": {"created", "unchanged"}, "rollups": {"updated"}}``,
    the counts shape of the ingestion runner.
    """
    instant = _as_of_instant(as_of)
    lookup = _EndpointLookup()
    with transaction.atomic():
        before = Sample.objects.count()
        read = 0
        batch: list[Sample] = []
        with Path(path).open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                batch.append(_parse_line(raw, number, instant, lookup))
                read += 1
                if len(batch) >= 5000:
                    Sample.objects.bulk_create(batch, ignore_conflicts=True)
                    batch = []
        Sample.objects.bulk_create(batch, ignore_conflicts=True)
        created = Sample.objects.count() - before
        refreshed = sum(rollups_refresh(as_of=instant).values()) if created else 0
        if dry_run:
            transaction.set_rollback(True)
    return {"samples": {"created": created, "unchanged": read - created}, "rollups": {"updated": refreshed}}


def samples_prune(*, now: datetime | None = None) -> int:
    """Delete samples older than TELEMETRY_SAMPLE_RETENTION_DAYS. Rollups are kept. Returns rows deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.TELEMETRY_SAMPLE_RETENTION_DAYS)
    # No cascades or signals hang off Sample, so this is one DELETE statement.
    deleted, _ = Sample.objects.filter(measured_at__lt=cutoff).delete()
    return deleted
