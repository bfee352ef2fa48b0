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
