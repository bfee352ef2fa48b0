"""The pipelines by name: dotted paths, imported when a run needs them.

Catalog sources point at a parser (``parse(path, *, as_of) -> Batch``) whose
batch the shared writers apply. ``telemetry`` points at a loader in another app
that writes its own rows (``samples_ingest_file(*, path, as_of, dry_run)``);
it is imported lazily so ingestion works whether or not that app provides it.
"""

from __future__ import annotations

from importlib import import_module

from ingestion.errors import IngestError

PARSERS = {
    "models-dev": "ingestion.sources.models_dev.parse",
    "litellm": "ingestion.sources.litellm.parse",
    "openrouter": "ingestion.sources.openrouter.parse",
    "genai-prices": "ingestion.sources.genai_prices.parse",
    "arena": "ingestion.sources.arena.parse",
}
LOADERS = {
    "telemetry": "telemetry.services.samples_ingest_file",
}
PIPELINES = (*PARSERS, *LOADERS)

# What /health/pipelines reports as each pipeline's source_type.
SOURCE_TYPES = {
    "models-dev": "catalog",
    "litellm": "pricing",
    "openrouter": "catalog",
    "genai-prices": "pricing",
    "arena": "benchmark",
    "telemetry": "telemetry",
}


def load(dotted: str):
    module_path, _, name = dotted.rpartition(".")
    try:
        return getattr(import_module(module_path), name)
    except (ImportError, AttributeError) as exc:
        raise IngestError(f"pipeline not available: {dotted} cannot be imported ({exc})") from exc
