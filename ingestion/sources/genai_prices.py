"""pydantic genai-prices data (v2): providers with their models' prices.

``prices`` is one price set, or a list of ``{constraint, prices}`` where a
``{start_date}`` constraint is a dated price change (recorded as a dated row)
and a ``{start_time, end_time}`` constraint is a daily time-of-day window (a
condition of the price, see ``price_records``). Tiered prices (by prompt size)
record their base tier as the list price and each tier as a condition.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

from ingestion.errors import IngestError
from ingestion.records import CREATOR_API, HOST, Batch, EndpointRecord, ModelRecord, PriceRecord, ProviderRecord
from ingestion.sources import providers
from ingestion.sources.common import decimal_value, expect, load_json, optional, optional_int, parse_date, require
from ingestion.sources.model_types import model_type_from
from ingestion.sources.names import model_display_name

SOURCE = "genai-prices"
PRICES = {
    "input_mtok": "input_per_million",
    "output_mtok": "output_per_million",
    "cache_read_mtok": "cache_read_per_million",
    "cache_write_mtok": "cache_write_per_million",
}
DAY_MINUTES = 24 * 60


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


def price_values(prices: dict, *, record: str) -> tuple[dict, dict[int, dict]]:
    """The base prices, and per context tier (prompt tokens above N) the prices that differ there."""
    if not isinstance(prices, dict):
        raise IngestError(f"'prices' must be an object, got {type(prices).__name__}", record=record)
    values: dict = {}
    tiers: dict[int, dict] = {}
    for key, field in PRICES.items():
        value = prices.get(key)
        if isinstance(value, dict):
            # Tiered by prompt size: the base tier is the list price, the others its conditions.
            if "base" not in value:
                raise IngestError(f"tiered '{key}' is missing 'base'", record=record)
            for index, tier in enumerate(value.get("tiers") or []):
                where = f"{record} {key}.tiers[{index}]"
                start = require(tier, "start", int, record=where)
                tiers.setdefault(start, {})[field] = decimal_value(tier.get("price"), field=key, record=where)
            value = value["base"]
        values[field] = decimal_value(value, field=key, record=record)
    return values, tiers


def priced(effective_from: date, prices: dict, *, record: str, conditions: dict | None = None) -> list[PriceRecord]:
    """One price set as records: the price under ``conditions``, then each of its context tiers."""
    values, tiers = price_values(prices, record=record)
    base = dict(conditions or {})
    records = [PriceRecord(effective_from, values, conditions=base)]
    for start, tier_values in sorted(tiers.items()):
        records.append(PriceRecord(effective_from, tier_values, conditions={**base, "context_above_tokens": start}))
    return records


def clock_minutes(value, *, field: str, record: str) -> int:
    """``"16:30:00Z"`` -> minutes after midnight UTC."""
    text = expect(value, str, field=field, record=record).removesuffix("Z")
    try:
        parsed = time.fromisoformat(text)
    except ValueError:
        raise IngestError(f"'{field}' is not a time of day: {value!r}", record=record) from None
    return parsed.hour * 60 + parsed.minute


def window_text(start: int, end: int) -> str:
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d} UTC"


def window_minutes(start: int, end: int) -> int:
    return (end - start) % DAY_MINUTES or DAY_MINUTES


def price_records(model: dict, *, record: str, as_of: date) -> list[PriceRecord]:
    """Dated list prices and their conditions (context tiers, time-of-day windows).

    A time-of-day window is a condition, never the list price: DeepSeek lists
    its off-peak discount unconstrained and its standard price for a window of
    16 hours. The list price is the one in force for most of the day; every
    other window, and the rest of the day, is its own condition.
    """
    prices = model.get("prices")
    if prices is None:
        raise IngestError("missing required key 'prices'", record=record)
    if isinstance(prices, dict):
        return priced(as_of, prices, record=record)
    if not isinstance(prices, list):
        raise IngestError(f"'prices' must be an object or a list, got {type(prices).__name__}", record=record)
    base = None
    dated: list[PriceRecord] = []
    windows: list[tuple[int, int, dict]] = []
    for index, entry in enumerate(prices):
        where = f"{record} prices[{index}]"
        if not isinstance(entry, dict) or "prices" not in entry:
            raise IngestError("expected {constraint, prices}", record=where)
        constraint = entry.get("constraint")
        if constraint is None:
            base = entry["prices"]
        elif not isinstance(constraint, dict):
            raise IngestError(f"'constraint' must be an object, got {type(constraint).__name__}", record=where)
        elif "start_date" in constraint:
            start = parse_date(constraint["start_date"], field="constraint.start_date", record=where)
            if start is None:
                raise IngestError(f"'constraint.start_date' is not a date: {constraint['start_date']!r}", record=where)
            dated.extend(priced(start, entry["prices"], record=where))
        elif "start_time" in constraint and "end_time" in constraint:
            start = clock_minutes(constraint["start_time"], field="constraint.start_time", record=where)
            end = clock_minutes(constraint["end_time"], field="constraint.end_time", record=where)
            windows.append((start, end, entry["prices"]))
        else:
            raise IngestError(f"unknown constraint {sorted(constraint)}", record=where)
    records = sorted(dated, key=lambda p: p.effective_from)
    if base is None:
        return records
    if windows:
        return [*time_of_day_records(base, windows, record=record, as_of=as_of), *records]
    first_change = min((p.effective_from for p in dated), default=None)
    if first_change is None or first_change > as_of:
        return [*priced(as_of, base, record=record), *records]
    # The unconstrained price held until the first dated change, from a start
    # the file does not publish: the model's release, which the writer knows.
    # Until then it carries the last day it is known to hold; the writer never
    # records it without a release date.
    undated = priced(first_change - timedelta(days=1), base, record=record)
    for price in undated:
        price.since_release = True
    return [*undated, *records]


def time_of_day_records(base: dict, windows: list, *, record: str, as_of: date) -> list[PriceRecord]:
    covered = sum(window_minutes(start, end) for start, end, _ in windows)
    rest = DAY_MINUTES - covered
    longest = max(windows, key=lambda w: window_minutes(w[0], w[1]))
    if rest >= window_minutes(longest[0], longest[1]):
        list_price, conditional = base, [(window_text(s, e), p) for s, e, p in windows]
    else:
        list_price = longest[2]
        outside = (
            window_text(longest[1], longest[0])
            if len(windows) == 1
            else "outside " + ", ".join(window_text(s, e) for s, e, _ in windows)
        )
        conditional = [(window_text(w[0], w[1]), w[2]) for w in windows if w is not longest]
        conditional.append((outside, base))
    records = priced(as_of, list_price, record=record)
    for text, prices in conditional:
        records.extend(priced(as_of, prices, record=record, conditions={"time_window": text}))
    return records
