"""Which price a model "has": its canonical endpoint's price in force."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from aimodelsmap.cache import cache_call, outage_body
from aimodelsmap.dataversion import data_version
from models_registry.models import Endpoint, Model, Provider
from pricing.calculator import Estimate, PriceSheet, Usage, cheapest_first, estimate
from pricing.models import Price
from pricing.precedence import source_rank


def prices_in_force(
    *, endpoint_ids: Iterable[int], on: date | None = None, source: str | None = None
) -> dict[int, Price]:
    """The list price in force on ``on`` (default: today) of each endpoint that has one.

    This is the one place that decides it; every surface calls it. Each
    source's list-price rows (no conditions) for an endpoint are one series;
    a series' row in force is its newest row effective on or before ``on``,
    and a series whose row in force is a withdrawal (the source stopped
    listing the endpoint) has none. Of the series in force, the endpoint is
    served at the one of the most authoritative source
    (``pricing.precedence.source_rank``), never at whichever row is newest, so
    sources that disagree never take turns. A row dated after ``on`` (an
    announced change) is not in force yet. A model has no price on a date
    before its release. ``source`` limits it to that source's series.
    """
    ids = list(endpoint_ids)
    if not ids:
        return {}
    on = on or timezone.localdate()
    rows = (
        Price.objects.list_prices()
        .filter(endpoint_id__in=ids, effective_from__lte=on)
        .select_related("endpoint__model", "endpoint__host")
        .order_by("endpoint_id", "source", "-effective_from", "-id")
    )
    if source is not None:
        rows = rows.filter(source=source)
    if connection.vendor == "postgresql":
        rows = rows.distinct("endpoint_id", "source")
    series: dict[tuple[int, str], Price] = {}
    for price in rows:
        series.setdefault((price.endpoint_id, price.source), price)
    in_force: dict[int, Price] = {}
    for (endpoint_id, _), price in series.items():
        if price.withdrawn or released_after(price.endpoint.model, on):
            continue
        current = in_force.get(endpoint_id)
        if current is None or _served_before(price, current):
            in_force[endpoint_id] = price
    return in_force


def _served_before(price: Price, other: Price) -> bool:
    host = price.endpoint.host.slug
    return source_rank(price.source, host_slug=host) < source_rank(other.source, host_slug=host)


def released_after(model: Model, on: date) -> bool:
    """A model cannot be bought before its release, whatever a source dated its price."""
    return model.release_date is not None and model.release_date > on


def canonical_prices(
    model_ids: Iterable[int], *, on: date | None = None, source: str | None = None
) -> dict[int, Price]:
    """For each model id, the price in force (``prices_in_force``) of its canonical endpoint.

    The canonical endpoint is the creator's own API when it has a price there;
    otherwise the host endpoint whose price comes from the most authoritative
    source (``pricing.precedence.source_rank``), then the first by host slug
    and the host's id for the model. The choice reads only the data, never
    which endpoint was created first, so the same files give the same price in
    whatever order they were ingested. Models without any price in force are
    absent from the result. ``source`` limits it to that source's prices.
    """
    ids = list(model_ids)
    if not ids:
        return {}
    endpoints = Endpoint.objects.filter(model_id__in=ids).values_list("pk", "host_id", "model__creator_id")
    makers_own = {pk for pk, host_id, creator_id in endpoints if host_id == creator_id}
    best: dict[int, tuple[tuple, Price]] = {}
    for endpoint_id, price in prices_in_force(endpoint_ids=[pk for pk, *_ in endpoints], on=on, source=source).items():
        host_slug = price.endpoint.host.slug
        rank = (
            endpoint_id not in makers_own,
            source_rank(price.source, host_slug=host_slug),
            host_slug,
            price.endpoint.provider_model_id,
        )
        model_id = price.endpoint.model_id
        if model_id not in best or rank < best[model_id][0]:
            best[model_id] = (rank, price)
    return {model_id: price for model_id, (_, price) in best.items()}


@dataclass(frozen=True)
class PriceHistory:
    """A model's price on one endpoint from one source: the row in force and that series' older rows."""

    current: Price | None
    history: list[Price]


def model_price_history(
    *, model: Model, on: date | None = None, host: Provider | None = None, source: str | None = None
) -> PriceHistory:
    """The price of ``model`` in force on ``on`` (default: today) and the rows before it.

    Without ``host`` the endpoint is the canonical one (see ``canonical_prices``);
    with it, that host's endpoint for the model. The row in force is the
    served series' (``prices_in_force``), or ``source``'s when given. History
    is that one series: the same endpoint's older list-price rows from the
    same source, newest first. Rows of other sources never enter it, so it
    shows only changes that source saw, not a switch between two sources that
    disagree. Withdrawals are not prices and are left out; rows effective
    after ``on`` are not shown, as they were not in force then.
    """
    if host is None:
        current = canonical_prices([model.pk], on=on, source=source).get(model.pk)
    else:
        endpoint_ids = Endpoint.objects.filter(model=model, host=host).values_list("pk", flat=True)
        in_force = prices_in_force(endpoint_ids=endpoint_ids, on=on, source=source).values()
        current = max(in_force, key=lambda p: (p.effective_from, p.pk), default=None)
    if current is None:
        return PriceHistory(current=None, history=[])
    # The caller's model instance has its creator loaded; reuse it.
    current.endpoint.model = model
    older = list(
        Price.objects.list_prices()
        .effective_by(on or timezone.localdate())
        .filter(endpoint_id=current.endpoint_id, source=current.source, withdrawn=False)
        .exclude(pk=current.pk)
    )
    for price in older:
        price.endpoint = current.endpoint
    # effective_by orders newest first with the id as tie-breaker; the current
    # row is the first in that order, so the rest is older.
    return PriceHistory(current=current, history=older)


def host_prices_by_date(model: Model) -> dict[Provider, list[Price]]:
    """Every price row of the model per host, oldest first: the admin chart's series."""
    series: dict[Provider, list[Price]] = {}
    rows = (
        Price.objects.filter(endpoint__model=model)
        .select_related("endpoint__host")
        .order_by("endpoint__host__name", "effective_from", "id")
    )
    for price in rows:
        series.setdefault(price.endpoint.host, []).append(price)
    return series


def price_estimates(usage: Usage, *, category_ids: list[int] | None = None) -> list[tuple[Model, Estimate]]:
    """Each model's estimate at its canonical current price, cheapest first.

    Retired models are left out (they cannot be bought), and so are models
    lacking a price the usage needs. ``category_ids`` limits the models to
    those categories.
    """
    models = Model.objects.with_creator().exclude(status=Model.Status.RETIRED)
    if category_ids is not None:
        models = models.filter(categories__in=category_ids).distinct()
    by_id = {model.pk: model for model in models}
    estimates: list[tuple[str, Estimate]] = []
    for model_id, price in canonical_prices(by_id).items():
        sheet = PriceSheet(
            input_per_million=price.input_per_million,
            output_per_million=price.output_per_million,
            image_price=price.image_price,
            video_per_minute=price.video_per_minute,
        )
        result = estimate(usage, sheet)
        if result is not None:
            estimates.append((by_id[model_id].slug, result))
    by_slug = {model.slug: model for model in by_id.values()}
    return [(by_slug[slug], result) for slug, result in cheapest_first(estimates)]


ESTIMATES_CACHE_SECONDS = 600


def price_estimate_rows(usage: Usage, *, category_ids: list[int] | None = None) -> list[dict]:
    """``price_estimates`` as response rows, cached per data version.

    Every input of the result (prices, models, categories) changes only with
    a data-version bump, so a cached answer is never stale. A cache outage
    only costs the recomputation, and while Redis's breaker is open the rows
    are kept in its process-local fallback (``outage_body``).
    """
    version = data_version()
    # The day is part of the key: a dated price comes into force at midnight, without a data-version bump.
    scope = (usage, sorted(category_ids) if category_ids is not None else None, timezone.localdate())
    digest = hashlib.sha256(repr(scope).encode()).hexdigest()
    if not version:
        return outage_body(f"pricing:estimates:{digest}", lambda: _estimate_rows(usage, category_ids))
    key = f"pricing:estimates:{version}:{digest}"
    cached = cache_call(cache.get, key)
    if cached is not None:
        return cached
    rows = _estimate_rows(usage, category_ids)
    cache_call(cache.set, key, rows, ESTIMATES_CACHE_SECONDS)
    return rows


def _estimate_rows(usage: Usage, category_ids: list[int] | None) -> list[dict]:
    return [
        {
            "model": {"slug": model.slug, "name": model.name, "provider": model.creator.name},
            "estimated_monthly_cost": result.total,
            "breakdown": result.breakdown,
            "pricing": result.prices,
        }
        for model, result in price_estimates(usage, category_ids=category_ids)
    ]
