"""A provider's name is the best any file gave it, whatever order the files came in; a curator's stays."""

from datetime import date
from itertools import permutations

from ingestion.provider_names import ProviderName, better_name, name_apply, name_from, name_set
from models_registry.models import Provider

OLD, NEW = date(2025, 12, 31), date(2026, 7, 1)
Basis = Provider.NameBasis


def named(slug: str, offers: list[ProviderName]) -> Provider:
    """A provider as ingestion leaves it: created with the first file's name, then offered the others'."""
    provider = Provider(slug=slug)
    name_set(provider, offers[0])
    for offered in offers[1:]:
        name_apply(provider, offered)
    return provider


def test_the_catalogs_own_names_win_over_what_sources_call_them():
    assert name_from("mistral", stated="Mistral", source="models-dev", as_of=NEW) == ProviderName(
        "Mistral AI", Basis.KNOWN
    )
    assert name_from("deepseek", stated="Deepseek", source="genai-prices", as_of=NEW) == ProviderName(
        "DeepSeek", Basis.KNOWN
    )
    assert name_from("togetherai", source="litellm", as_of=NEW).name == "Together AI"


def test_a_sources_own_name_then_an_ids_spelling_then_the_slug():
    assert name_from("nebius", stated="Nebius AI Studio", source="models-dev", as_of=NEW) == ProviderName(
        "Nebius AI Studio", Basis.SOURCE, "models-dev", NEW
    )
    assert name_from("thedrummer", spelled="TheDrummer", source="openrouter", as_of=NEW) == ProviderName(
        "TheDrummer", Basis.ID, "openrouter", NEW
    )
    assert name_from("some-host", stated="Some Host", source="genai-prices", as_of=NEW) == ProviderName(
        "Some Host", Basis.SLUG
    )


def test_the_name_kept_is_the_best_offered_in_any_order():
    offers = [
        name_from("nebius", stated="Nebius", source="genai-prices", as_of=NEW),
        name_from("nebius", stated="Nebius AI Studio (old)", source="models-dev", as_of=OLD),
        name_from("nebius", stated="Nebius AI Studio", source="models-dev", as_of=NEW),
        name_from("nebius", spelled="nebius-ai", source="arena", as_of=NEW),
        name_from("nebius", source="litellm", as_of=NEW),
    ]
    for order in permutations(offers):
        provider = named("nebius", list(order))
        assert (provider.name, provider.name_basis, provider.name_source, provider.name_as_of) == (
            "Nebius AI Studio",
            Basis.SOURCE,
            "models-dev",
            NEW,
        )


def test_a_curators_name_is_never_replaced():
    provider = Provider(slug="mistral", name="Mistral (curated)", name_basis=Basis.CURATOR)
    assert not better_name(provider, ProviderName("Mistral AI", Basis.KNOWN))
    assert not name_apply(provider, ProviderName("Mistral AI", Basis.KNOWN))
    assert provider.name == "Mistral (curated)"


def test_a_name_from_before_names_were_derived_gives_way_only_to_the_list_or_a_sources_name():
    legacy = Provider(slug="nebius", name="Nebius AI Studio", name_basis="")
    assert not better_name(legacy, ProviderName("Nebius", Basis.SLUG))
    assert not better_name(legacy, ProviderName("nebius-ai", Basis.ID, "arena", NEW))
    assert better_name(legacy, ProviderName("Nebius Token Factory", Basis.SOURCE, "genai-prices", NEW))
    assert better_name(Provider(slug="mistral", name="Mistral", name_basis=""), ProviderName("Mistral AI", Basis.KNOWN))


def test_a_list_entry_since_changed_is_replaced():
    stale = Provider(slug="mistral", name="Mistral", name_basis=Basis.KNOWN)
    assert name_apply(stale, ProviderName("Mistral AI", Basis.KNOWN))
    assert (stale.name, stale.name_basis) == ("Mistral AI", Basis.KNOWN)
    assert not name_apply(stale, ProviderName("Mistral AI", Basis.KNOWN))
