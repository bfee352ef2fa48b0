"""Reads joining telemetry to the catalog: host rows of a model, provider health."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from models_registry.models import Endpoint, Model
from pricing.models import Price
from pricing.selectors import prices_in_force
from telemetry import health
from telemetry.models import Rollup, Window
from telemetry.ranking import HostFigures, blended_price

# Comparison and ranking columns use the last day: enough probes to be
# stable, recent enough to matter.
SUMMARY_WINDOW = Window.DAY


def rollups_by_endpoint(endpoint_ids: Iterable[int]) -> dict[int, dict[str, Rollup]]:
    rollups: dict[int, dict[str, Rollup]] = defaultdict(dict)
    for rollup in Rollup.objects.filter(endpoint_id__in=list(endpoint_ids)):
        rollups[rollup.endpoint_id][rollup.window] = rollup
    return rollups


@dataclass
class HostRow:
    """One endpoint of a model with its current price and rollups."""

    endpoint: Endpoint
    price: Price | None
    rollups: dict[str, Rollup] = field(default_factory=dict)

    @property
    def summary(self) -> Rollup | None:
        return self.rollups.get(SUMMARY_WINDOW)

    def figures(self) -> HostFigures:
        summary = self.summary if self.summary is not None and self.summary.sample_count else None
        return HostFigures(
            key=str(self.endpoint.pk),
            price=blended_price(self.price.input_per_million, self.price.output_per_million) if self.price else None,
            latency_p50=summary.latency_p50_ms if summary else None,
            latency_p95=summary.latency_p95_ms if summary else None,
            throughput=summary.tokens_per_second_p50 if summary else None,
            uptime=summary.uptime if summary else None,
        )


def host_rows(endpoints: Iterable[Endpoint]) -> list[HostRow]:
    endpoints = list(endpoints)
    ids = [endpoint.pk for endpoint in endpoints]
    prices = prices_in_force(endpoint_ids=ids)
    rollups = rollups_by_endpoint(ids)
    return [HostRow(endpoint, prices.get(endpoint.pk), rollups.get(endpoint.pk, {})) for endpoint in endpoints]


def model_endpoints(model: Model):
    """Every host endpoint of a model, by host name, retired ones excluded."""
    return (
        Endpoint.objects.filter(model=model)
        .exclude(status=Endpoint.Status.RETIRED)
        .select_related("host")
        .order_by("host__name", "host__slug", "id")
    )


def model_host_rows(model: Model) -> list[HostRow]:
    """One row per host serving the model: price and rollups, by host name."""
    return host_rows(model_endpoints(model))


@dataclass(frozen=True)
class Incident:
    at: datetime
    kind: str
    http_status: int | None
    model_slug: str
    provider_model_id: str


@dataclass
class ProviderHealth:
    status: str
    windows: dict[str, health.WindowHealth]
    last_incident: Incident | None
    updated_at: datetime | None


def provider_health(provider_ids: Iterable[int]) -> dict[int, ProviderHealth]:
    """Health of each provider from its endpoints' rollups (providers without rollups are ``unknown``)."""
    ids = list(provider_ids)
    counts: dict[int, dict[str, list[health.WindowHealth]]] = {pid: defaultdict(list) for pid in ids}
    incidents: dict[int, Incident] = {}
    updated: dict[int, datetime] = {}
    rows = Rollup.objects.filter(endpoint__host_id__in=ids).values_list(
        "endpoint__host_id",
        "window",
        "sample_count",
        "success_count",
        "outage_count",
        "computed_at",
        "last_failure_at",
        "last_failure_kind",
        "last_failure_http_status",
        "endpoint__model__slug",
        "endpoint__provider_model_id",
    )
    for host_id, window, total, ok, outages, computed_at, failed_at, kind, status, slug, host_model_id in rows:
        counts[host_id][window].append(health.WindowHealth(total, ok, outages))
        updated[host_id] = max(updated.get(host_id, computed_at), computed_at)
        if failed_at and (host_id not in incidents or incidents[host_id].at < failed_at):
            incidents[host_id] = Incident(failed_at, kind, status, slug, host_model_id)
    result = {}
    for pid in ids:
        windows = {str(window): health.combine(counts[pid][window]) for window in Window}
        result[pid] = ProviderHealth(
            status=health.status_of(last_hour=windows[Window.HOUR], last_day=windows[Window.DAY]),
            windows=windows,
            last_incident=incidents.get(pid),
            updated_at=updated.get(pid),
        )
    return result
