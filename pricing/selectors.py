"""Which price a model "has": its canonical endpoint's price in force."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils import timezone

from aimodelsmap.dataversion import data_version
from models_registry.models import Model, Provider
from pricing.calculator import Estimate, PriceSheet, Usage, cheapest_first, estimate
from pricing.models import Price

logger = logging.getLogger(__name__)


def canonical_prices(model_ids: Iterable[int], *, on: date | None = None) -> dict[int, Price]:
    """For each model id, the price in force of its canonical endpoint.

    The canonical endpoint is the creator's own API when it has a price there;
    otherwise the earliest-listed host endpoint with a price. The price in
    force is the newest row effective on ``on`` (default: today). A row dated
    after that (sources publish announced changes ahead) is not in force yet.
    Models without any price are absent from the result.
    """
    ids = list(model_ids)
    if not ids:
        return {}
    on = on or timezone.localdate()
    rows = (
        Price.objects.in_force(on)
        .filter(endpoint__model_id__in=ids)
        .select_related("endpoint__model", "endpoint__host")
        .order_by("endpoint__model_id", "endpoint_id", "-effective_from", "-id")
    )
    best: dict[int, tuple[tuple[int, int], Price]] = {}
    for price in rows:
        endpoint = price.endpoint
        rank = (0 if endpoint.host_id == endpoint.model.creator_id else 1, endpoint.pk)
        current = best.get(endpoint.model_id)
        # Rows arrive newest first per endpoint, so the first row seen for the
        # winning endpoint is the one in force.
        if current is None or rank < current[0]:
            best[endpoint.model_id] = (rank, price)
    return {model_id: price for model_id, (_, price) in best.items()}


@dataclass(frozen=True)
class PriceHistory:
    """A model's price on one endpoint: the row in force and the older rows, newest first."""

    current: Price | None
    history: list[Price]


def model_price_history(*, model: Model, on: date | None = None, host: Provider | None = None) -> PriceHistory:
    """The price of ``model`` in force on ``on`` (default: today) and the rows before it.

    Without ``host`` the endpoint is the canonical one (see ``canonical_prices``);
    with it, the host's endpoint for the model whose price in force is newest.
    History is that same endpoint's older rows; rows effective after ``on``
    are not shown, as they were not known to be in force then.
    """
    on = on or timezone.localdate()
    if host is None:
        current = canonical_prices([model.pk], on=on).get(model.pk)
    else:
        current = (
            Price.objects.in_force(on)
            .filter(endpoint__model=model, endpoint__host=host)
            .select_related("endpoint")
            .first()
        )
    if current is None:
        return PriceHistory(current=None, history=[])
    # The caller's model instance has its creator loaded; reuse it.
    current.endpoint.model = model
    older = Price.objects.in_force(on).filter(endpoint_id=current.endpoint_id).exclude(pk=current.pk)
    # in_force orders newest first with the id as tie-breaker; the current row
    # is the first of that order, so everything else in it is older.
    return PriceHistory(current=current, history=list(older))


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
    only costs the recomputation.
    """
    version = data_version()
    # The day is part of the key: a dated price comes into force at midnight, without a data-version bump.
    scope = (usage, sorted(category_ids) if category_ids is not None else None, timezone.localdate())
    key = f"pricing:estimates:{version}:{hashlib.sha256(repr(scope).encode()).hexdigest()}"
    if version:
        try:
            cached = cache.get(key)
        except Exception as exc:  # the cache client raises its own connection errors
            logger.warning("estimate cache unavailable: %s", exc.__class__.__name__)
            cached = None
        if cached is not None:
            return cached
    rows = [
        {
            "model": {"slug": model.slug, "name": model.name, "provider": model.creator.name},
            "estimated_monthly_cost": result.total,
            "breakdown": result.breakdown,
            "pricing": result.prices,
        }
        for model, result in price_estimates(usage, category_ids=category_ids)
    ]
    if version:
        try:
            cache.set(key, rows, ESTIMATES_CACHE_SECONDS)
        except Exception as exc:
            logger.warning("estimate cache unavailable: %s", exc.__class__.__name__)
    return rows
