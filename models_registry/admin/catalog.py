"""Admin for the catalog: models, aliases, providers, categories, capabilities, endpoints."""
