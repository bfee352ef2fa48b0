"""The public id lookup under concurrent requests: real threads, each with its own connection."""

import pytest

from models_registry.identity import lookup
from models_registry.identity.normalize import normalize_model_id
from tests.concurrency import run_together
from tests.factories import ModelAliasFactory, ModelFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_lookups_build_each_resolver_once_and_agree(monkeypatch):
    models = [ModelFactory(slug=f"model-{n}", name=f"Model {n}") for n in range(10)]
    for model in models:
        ModelAliasFactory(model=model, alias=f"lab/{model.slug}", normalized=normalize_model_id(model.slug))
    built = []
    real = lookup.IdentityResolver
    monkeypatch.setattr(lookup, "IdentityResolver", lambda *, source: built.append(source) or real(source=source))

    def ask(n):
        # Hits and misses at once: the misses fill the shared fuzzy candidate list.
        found = lookup.id_lookup(raw_id=f"model-{n % 10}", source="arena")
        missed = lookup.id_lookup(raw_id=f"model-{n % 10}x", source="arena")
        return found.model.slug, [candidate["slug"] for candidate in missed.candidates][:1]

    answers = run_together([lambda n=n: ask(n) for n in range(20)], max_threads=10)

    assert answers == [(f"model-{n % 10}", [f"model-{n % 10}"]) for n in range(20)]
    assert sorted(built) == ["", "arena"]
