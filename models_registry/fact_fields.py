"""The model fields that sources state and curators may pin, in the order they are applied.

A module of its own, free of the ORM, so parsers name them without importing models.
"""

import re

FACT_FIELDS = (
    "name",
    "family",
    "model_type",
    "status",
    "release_date",
    "context_window",
    "max_output_tokens",
    "open_weights",
    "knowledge_cutoff",
    "deprecation_date",
)

# Who made the model, observed as its Provider's slug: a source names it, a curator may
# pin it, and the catalog derives it by the same policy as the facts above, so the
# first file read never decides it (models_registry/provenance.py).
CREATOR_FIELD = "creator"
# Every field an observation (ModelFact) may be of, apart from the slug's own pins.
OBSERVED_FIELDS = (*FACT_FIELDS, CREATOR_FIELD)


def name_repeats_an_id(name: str) -> bool:
    """Whether a stated name only repeats an id ("gpt-4.1-2025-04-14", Ollama's "ministral-3:8b").

    Sources without display names repeat the id. A display name has a space
    ("Gemini 1.5 Flash") or is one plain word ("Codestral").
    """
    name = name.strip()
    return " " not in name and bool(re.search(r"[\d\-_./:]", name))
