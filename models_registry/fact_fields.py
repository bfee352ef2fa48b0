"""The model fields that sources state and curators may pin, in the order they are applied.

A module of its own, free of the ORM, so parsers name them without importing models.
"""

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
