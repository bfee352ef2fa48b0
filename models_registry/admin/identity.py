"""Admin for the identity-resolution queue of unresolved source ids."""
