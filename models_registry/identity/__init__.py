"""Identity resolution: one canonical Model per real model, whatever id a source uses.

``normalize_model_id``, ``bare_model_id`` and ``canonical_slug`` are pure; ``IdentityResolver``
answers one ingestion run's lookups from memory and fills the curator queue.
"""

from models_registry.identity.normalize import bare_model_id, canonical_slug, normalize_model_id
from models_registry.identity.resolver import AliasConflict, IdentityResolver

__all__ = ["AliasConflict", "IdentityResolver", "bare_model_id", "canonical_slug", "normalize_model_id"]
