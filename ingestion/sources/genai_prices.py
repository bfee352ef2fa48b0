"""pydantic genai-prices data (v2): providers with their models' prices.

``prices`` is one price set, or a list of ``{constraint, prices}`` where a
``{start_date}`` constraint is a dated price change (recorded as a dated row)
and a ``{start_time, end_time}`` constraint is a daily off-peak window (not a
dated change; not recorded). Tiered prices record their base tier.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ingestion.errors import IngestError
from ingestion.records import CREATOR_API, HOST, Batch, EndpointRecord, ModelRecord, PriceRecord, ProviderRecord
from ingestion.sources import providers
from ingestion.sources.common import decimal_value, load_json, optional, optional_int, parse_date, require
from ingestion.sources.model_types import model_type_from
from ingestion.sources.names import model_display_name

SOURCE = "genai-prices"
PRICES = {
    "input_mtok": "input_per_million",
    "output_mtok": "output_per_million",
    "cache_read_mtok": "cache_read_per_million",
    "cache_write_mtok": "cache_write_per_million",
}


def parse(path: Path, *, as_of: date) -> Batch:
    data = load_json(path)
    if not isinstance(data, list):
        raise IngestError(f"expected a list of providers, got {type(data).__name__}", record=path.name)
    # A price list: it names models but says nothing of what they can do.
    batch = Batch(source=SOURCE, as_of=as_of, describes_capabilities=False)
    creators: set[str] = set()
    for index, provider in enumerate(data):
        provider_id = require(provider, "id", str, record=f"[{index}]")
        where = f"provider {provider_id}"
        name = optional(provider, "name", str, record=where) or provider_id
        models = require(provider, "models", list, record=where)
        host, creator = providers.GENAI_PRICES_PROVIDERS.get(provider_id, (providers.provider_slug(provider_id), None))
        urls = optional(provider, "pricing_urls", list, record=where) or []
        website = urls[0][:200] if urls and isinstance(urls[0], str) else ""
        batch.providers.append(ProviderRecord(host, name, website=website, is_host=True, is_creator=creator == host))
        if creator:
            creators.add(creator)
        for position, model in enumerate(models):
            model_id = require(model, "id", str, record=f"{where} models[{position}]")
            record = f"{where} model {model_id}"
            batch.models.append(model_record(model_id, model, record=record, creator=creator))
            batch.endpoints.append(
                EndpointRecord(
                    model_raw_id=model_id,
                    host_slug=host,
                    provider_model_id=model_id[:300],
                    context_window=optional_int(model, "context_window", record=record),
                    deprecated=bool(optional(model, "deprecated", bool, record=record)),
                    prices=price_records(model, record=record, as_of=as_of),
                )
            )
    known = {p.slug for p in batch.providers}
    batch.providers.extend(
        ProviderRecord(c, providers.display_name(c), is_creator=True) for c in sorted(creators - known)
    )
    return batch


def model_record(model_id: str, model: dict, *, record: str, creator: str | None) -> ModelRecord:
    name = model_display_name(optional(model, "name", str, record=record) or "")
    facts = {"context_window": optional_int(model, "context_window", record=record)}
    if name:
        facts["name"] = name
    # No "deprecated" fact: the flag marks this provider's listing (its endpoint), not the maker's model.
    facts["model_type"] = model_type_from(name=f"{name} {model_id}")
    return ModelRecord(
        raw_id=model_id,
        creator_slug=creator,
        may_create=creator is not None,
        authority=CREATOR_API if creator else HOST,
        facts=facts,
        context={"name": name or model_id},
    )


def price_values(prices: dict, *, record: str) -> dict:
    if not isinstance(prices, dict):
        raise IngestError(f"'prices' must be an object, got {type(prices).__name__}", record=record)
    values = {}
    for key, field in PRICES.items():
        value = prices.get(key)
        if isinstance(value, dict):
            # Tiered by prompt size: the base tier is the list price.
            if "base" not in value:
                raise IngestError(f"tiered '{key}' is missing 'base'", record=record)
            value = value["base"]
        values[field] = decimal_value(value, field=key, record=record)
    return values


def price_records(model: dict, *, record: str, as_of: date) -> list[PriceRecord]:
    prices = model.get("prices")
    if prices is None:
        raise IngestError("missing required key 'prices'", record=record)
    if isinstance(prices, dict):
        return [PriceRecord(as_of, price_values(prices, record=record))]
    if not isinstance(prices, list):
        raise IngestError(f"'prices' must be an object or a list, got {type(prices).__name__}", record=record)
    base = None
    dated: list[PriceRecord] = []
    for index, entry in enumerate(prices):
        where = f"{record} prices[{index}]"
        if not isinstance(entry, dict) or "prices" not in entry:
            raise IngestError("expected {constraint, prices}", record=where)
        constraint = entry.get("constraint")
        values = price_values(entry["prices"], record=where)
        if constraint is None:
            base = values
        elif isinstance(constraint, dict) and "start_date" in constraint:
            start = parse_date(constraint["start_date"], field="constraint.start_date", record=where)
            if start is None:
                raise IngestError(f"'constraint.start_date' is not a date: {constraint['start_date']!r}", record=where)
            dated.append(PriceRecord(start, values))
        elif not isinstance(constraint, dict):
            raise IngestError(f"'constraint' must be an object, got {type(constraint).__name__}", record=where)
    if base is None:
        return sorted(dated, key=lambda p: p.effective_from)
    # The unconstrained price held before the first dated change; its start is
    # not published, so it is dated the day before that change (or as_of).
    first_change = min((p.effective_from for p in dated), default=None)
    base_from = min(as_of, first_change - timedelta(days=1)) if first_change else as_of
    return [PriceRecord(base_from, base), *sorted(dated, key=lambda p: p.effective_from)]
