"""OpenRouter's ``GET /api/v1/models`` response.

Ids are ``creator/model[:variant]``: the prefix names the creator with
certainty, so these records may create models. ``~creator/...-latest`` ids are
floating pointers to whatever is newest and never create a model. Prices are
USD-per-token decimal strings; OpenRouter itself is the host.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from ingestion.errors import IngestError
from ingestion.records import CREATOR_API, HOST, Batch, EndpointRecord, ModelRecord, PriceRecord, ProviderRecord
from ingestion.sources import providers
from ingestion.sources.common import (
    MILLION,
    decimal_value,
    expect,
    load_json,
    optional,
    optional_int,
    optional_strings,
    require,
)
from ingestion.sources.model_types import model_type_from
from ingestion.sources.names import model_display_name

SOURCE = "openrouter"
HOST_SLUG = "openrouter"
PRICES = {
    "prompt": "input_per_million",
    "completion": "output_per_million",
    "input_cache_read": "cache_read_per_million",
    "input_cache_write": "cache_write_per_million",
}
PARAMETERS = {"tools": "tools", "reasoning": "reasoning", "structured_outputs": "structured-output"}


def parse(path: Path, *, as_of: date) -> Batch:
    data = load_json(path)
    rows = require(data, "data", list, record=path.name)
    batch = Batch(source=SOURCE, as_of=as_of)
    batch.providers.append(ProviderRecord(HOST_SLUG, providers.display_name(HOST_SLUG), is_host=True))
    creators: set[str] = set()
    for index, row in enumerate(rows):
        where = f"data[{index}]"
        model_id = require(row, "id", str, record=where).strip()
        where = f"data[{index}] {model_id}"
        if "/" not in model_id:
            raise IngestError("id must be 'creator/model'", record=where)
        prefix = model_id.split("/", 1)[0]
        floating = prefix.startswith("~")
        # OpenRouter's own ids are routers ("openrouter/auto") or models whose
        # maker it does not disclose: neither names a maker.
        own = prefix == HOST_SLUG
        creator = (
            None if floating or own else providers.OPENROUTER_CREATORS.get(prefix, providers.provider_slug(prefix))
        )
        free = model_id.endswith(":free")
        base_id = model_id.removesuffix(":free")
        if creator:
            creators.add(creator)
        batch.models.append(model_record(base_id, row, where=where, creator=creator))
        batch.endpoints.append(endpoint_record(base_id, model_id, row, where=where, as_of=as_of, free=free))
    batch.providers.extend(ProviderRecord(c, providers.display_name(c), is_creator=True) for c in sorted(creators))
    return batch


def model_record(raw_id: str, row: dict, *, where: str, creator: str | None) -> ModelRecord:
    # "Anthropic: Claude Opus 4.7" -> "Claude Opus 4.7", "Gemma 3 (free)" -> "Gemma 3"
    name = model_display_name(require(row, "name", str, record=where), fallback=raw_id.rsplit("/", 1)[-1])
    architecture = optional(row, "architecture", dict, record=where) or {}
    inputs = optional_strings(architecture, "input_modalities", record=where)
    outputs = optional_strings(architecture, "output_modalities", record=where)
    parameters = optional_strings(row, "supported_parameters", record=where)
    capabilities = {"chat"} if "text" in outputs else set()
    for modality, capability in (("image", "vision"), ("file", "pdf-input"), ("audio", "audio-input")):
        if modality in inputs:
            capabilities.add(capability)
    if "video" in inputs:
        capabilities.add("video-input")
    if "image" in outputs:
        capabilities.add("image-generation")
    if "audio" in outputs:
        capabilities.add("audio-output")
    capabilities |= {cap for param, cap in PARAMETERS.items() if param in parameters}
    created = optional(row, "created", (int, float), record=where)
    top = optional(row, "top_provider", dict, record=where) or {}
    model_type = model_type_from(inputs=inputs, outputs=outputs, name=raw_id)
    facts = {
        "name": name,
        "model_type": model_type,
        "release_date": datetime.fromtimestamp(created, UTC).date() if created else None,
        "context_window": optional_int(row, "context_length", record=where),
        "max_output_tokens": optional_int(top, "max_completion_tokens", record=where),
    }
    description = optional(row, "description", str, record=where)
    # What OpenRouter says its id stands for, when that is another id
    # ("deepseek/deepseek-chat" is "deepseek/deepseek-chat-v3", "deepseek-ai/DeepSeek-V3").
    stated = (optional(row, key, str, record=where) for key in ("canonical_slug", "hugging_face_id"))
    serves = [text.strip() for text in stated if text and text.strip() and text.strip() != raw_id]
    repository = (optional(row, "hugging_face_id", str, record=where) or "").strip()
    return ModelRecord(
        raw_id=raw_id,
        creator_slug=creator,
        may_create=creator is not None,
        authority=CREATOR_API if creator else HOST,
        facts=facts,
        capabilities=capabilities,
        context={"name": name, "description": (description or "")[:300]},
        serves=serves,
        weights=repository if repository != raw_id else "",
    )


def endpoint_record(raw_id: str, model_id: str, row: dict, *, where: str, as_of: date, free: bool) -> EndpointRecord:
    pricing = require(row, "pricing", dict, record=where)
    values = {}
    for key, field in PRICES.items():
        value = pricing.get(key)
        if value is not None:
            expect(value, (str, int, float), field=f"pricing.{key}", record=where)
        values[field] = decimal_value(value, field=f"pricing.{key}", record=where, scale=MILLION)
    values["image_price"] = decimal_value(pricing.get("image_output"), field="pricing.image_output", record=where)
    top = optional(row, "top_provider", dict, record=where) or {}
    has_price = any(v is not None for v in values.values())
    return EndpointRecord(
        model_raw_id=raw_id,
        host_slug=HOST_SLUG,
        provider_model_id=model_id[:300],
        context_window=optional_int(top, "context_length", record=where)
        or optional_int(row, "context_length", record=where),
        max_output_tokens=optional_int(top, "max_completion_tokens", record=where),
        deprecated=bool(row.get("expiration_date")),
        prices=[PriceRecord(as_of, values, free_tier_available=free)] if has_price else [],
    )
