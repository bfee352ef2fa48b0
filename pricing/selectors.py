"""Which price a model "has": its canonical endpoint's price in force."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pricing.models import Price


def canonical_prices(model_ids: Iterable[int], *, on: date | None = None) -> dict[int, Price]:
    """For each model id, the price in force of its canonical endpoint.

    The canonical endpoint is the creator's own API when it has a price there;
    otherwise the earliest-listed host endpoint with a price. The price in
    force is the newest row effective on ``on`` (default: the newest row).
    Models without any price are absent from the result.
    """
    ids = list(model_ids)
    if not ids:
        return {}
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
