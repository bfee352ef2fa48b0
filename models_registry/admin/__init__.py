# Curator UI: the catalog (models, providers, categories, endpoints) and the
# identity-resolution queue live in separate modules of this package.
from models_registry.admin import catalog, identity  # noqa: F401
