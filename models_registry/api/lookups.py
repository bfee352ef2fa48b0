"""Path and body lookups shared by both API surfaces: the object a slug names, or a 404.

The exception handler renders the 404 in the envelope of the surface that
asked, so one lookup serves v1 and the OpenModels API alike.
"""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.exceptions import NotFound

from ingestion.sources import PIPELINES
from models_registry.identity.dated import served_on
from models_registry.identity.lookup import entry_named, split_source_prefix
from models_registry.models import Category, Model, Provider
from models_registry.selectors import model_by_slug_or_alias


def model_or_404(slug: str, *, as_of: date | None = None) -> Model:
    """The model named by its slug or any of its aliases, or else by the rules of ``id_lookup`` (``entry_named``).

    A floating name (``gpt-4o``) is its own entry, unless the caller asks for
    a day (``as_of``: the snapshot it served that day) or writes the id with a
    source's prefix (``openrouter:deepseek/deepseek-chat``: that source's own
    meaning, today unless ``as_of`` says otherwise).
    """
    model = model_by_slug_or_alias(slug)
    source = None
    if model is None:
        source, bare = split_source_prefix(slug, PIPELINES)
        model = model_by_slug_or_alias(bare) if source else None
    if model is None:
        # An id no alias holds (a host's route, a re-upload, another spelling): the entry the
        # rules of GET /v1/resolve name, itself, as an alias would give it.
        model, source = entry_named(slug)
    if model is None:
        raise NotFound("Model not found.")
    if as_of is not None or source is not None:
        target = served_on(model, day=as_of or timezone.localdate(), source=source)
        if target is not None:
            return target.target
    return model


def category_or_404(slug: str, categories: QuerySet | None = None) -> Category:
    """The category of ``slug`` among ``categories`` (all by default)."""
    return _by_slug_or_404(Category.objects if categories is None else categories, slug, "Category")


def provider_or_404(slug: str, providers: QuerySet | None = None) -> Provider:
    """The provider of ``slug`` among ``providers`` (all by default)."""
    return _by_slug_or_404(Provider.objects if providers is None else providers, slug, "Provider")


def _by_slug_or_404(queryset, slug: str, noun: str):
    # PostgreSQL rejects NUL in text and no slug holds one, but a path may.
    found = None if "\x00" in slug else queryset.filter(slug=slug).first()
    if found is None:
        raise NotFound(f"{noun} not found.")
    return found
