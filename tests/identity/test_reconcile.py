"""Releases a file read earlier left apart are joined once the maker's evidence arrives, in either order."""

import json
from datetime import date

import pytest

from ingestion.services import data_source_for, pipeline_run
from models_registry.identity.dated import dated_targets_refresh, observations_resolve
from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.reconcile import floating_names_split, releases_reconcile, variants_reconcile
from models_registry.identity.resolver import IdentityResolver
from models_registry.models import AliasObservation, AliasTarget, Endpoint, Model, ModelAlias, ModelFact
from rankings.models import Signal
from tests.factories import EndpointFactory, ModelAliasFactory, ModelFactory, ProviderFactory, SignalFactory

pytestmark = pytest.mark.django_db


def release(slug: str, creator, **facts) -> Model:
    model = ModelFactory(slug=slug, creator=creator, **facts)
    ModelAliasFactory(model=model, alias=slug, normalized=normalize_model_id(slug))
    return model


def test_a_floating_name_and_its_only_snapshot_are_merged_into_the_floating_name():
    openai = ProviderFactory(slug="openai")
    floating = release("gpt-4.1", openai, name="GPT-4.1", release_date=date(2025, 4, 14))
    dated = release("gpt-4.1-2025-04-14", openai, name="gpt-4.1-2025-04-14", release_date=None)

    results = releases_reconcile(model_ids=[dated.pk])

    assert [(r.kept.slug, r.merged_slug) for r in results] == [("gpt-4.1", "gpt-4.1-2025-04-14")]
    assert not Model.objects.filter(pk=dated.pk).exists()
    assert set(ModelAlias.objects.filter(model=floating).values_list("alias", flat=True)) == {
        "gpt-4.1",
        "gpt-4.1-2025-04-14",
    }


def test_a_name_that_served_several_snapshots_is_never_merged_and_other_makers_are_left_alone():
    openai, other = ProviderFactory(slug="openai"), ProviderFactory(slug="someone")
    release("gpt-4o", openai, name="GPT-4o", release_date=date(2024, 5, 13))
    release("gpt-4o-2024-05-13", openai, name="GPT-4o (2024-05-13)", release_date=date(2024, 5, 13))
    release("gpt-4o-2024-08-06", openai, name="GPT-4o (2024-08-06)", release_date=date(2024, 8, 6))
    copy = release("gpt-41", other, name="GPT-4.1", release_date=date(2025, 4, 14))
    release("gpt-4.1", openai, name="GPT-4.1", release_date=date(2025, 4, 14))

    assert releases_reconcile(model_ids=Model.objects.values_list("pk", flat=True)) == []
    assert Model.objects.count() == 5
    assert Model.objects.get(pk=copy.pk).creator == other


def _price_list(tmp_path):
    chat = {"mode": "chat", "input_cost_per_token": 2e-6, "output_cost_per_token": 8e-6}
    path = tmp_path / "litellm.json"
    path.write_text(
        json.dumps(
            {
                "gpt-4.1": {"litellm_provider": "openai", **chat},
                "gpt-4.1-2025-04-14": {"litellm_provider": "openai", **chat},
            }
        )
    )
    return path


def _lab_card(tmp_path):
    root = tmp_path / "models-dev"
    (root / "models" / "openai").mkdir(parents=True)
    (root / "models" / "openai" / "gpt-4.1.toml").write_text(
        'name = "GPT-4.1"\nrelease_date = "2025-04-14"\nlast_updated = "2025-04-14"\n'
        "[limit]\ncontext = 1_047_576\noutput = 32_768\n"
        '[modalities]\ninput = ["text", "image"]\noutput = ["text"]\n'
    )
    return root


@pytest.mark.parametrize("card_first", [True, False])
def test_the_grouping_of_ids_follows_the_files_not_their_order(tmp_path, card_first):
    steps = [
        ("models-dev", _lab_card(tmp_path), date(2026, 7, 1)),
        ("litellm", _price_list(tmp_path), date(2026, 7, 1)),
    ]
    first, second = steps if card_first else steps[::-1]
    pipeline_run(source=data_source_for(first[0]), path=first[1], as_of=first[2])
    # Without release dates, the price list alone cannot tell a floating name from a second release.
    assert Model.objects.count() == (1 if card_first else 2)
    pipeline_run(source=data_source_for(second[0]), path=second[1], as_of=second[2])

    gpt = Model.objects.get()
    # The slug is the maker's snapshot id in either order (models_registry/slugs.py).
    assert (gpt.slug, gpt.name, gpt.release_date) == ("gpt-4-1-2025-04-14", "GPT-4.1", date(2025, 4, 14))
    assert {"gpt-4-1", "gpt-4-1-20250414"} <= set(gpt.aliases.values_list("normalized", flat=True))
    assert set(Endpoint.objects.values_list("provider_model_id", "model__slug")) == {
        ("gpt-4.1", "gpt-4-1-2025-04-14"),
        ("gpt-4.1-2025-04-14", "gpt-4-1-2025-04-14"),
    }


def test_a_mode_met_as_a_release_before_its_base_becomes_the_bases_variant():
    openai = ProviderFactory(slug="openai")
    mode = release("gpt-5-high", openai, name="gpt-5-high", release_date=None)
    gpt_5 = release("gpt-5", openai, name="GPT-5", release_date=date(2025, 8, 7), context_window=400000)

    assert [model.pk for model in variants_reconcile()] == [mode.pk]

    mode.refresh_from_db()
    assert (mode.variant_of_id, mode.variant_label) == (gpt_5.pk, "high")
    assert (mode.name, mode.release_date, mode.context_window) == ("GPT-5 (high)", date(2025, 8, 7), 400000)
    assert variants_reconcile() == []  # a re-run changes nothing


def test_a_mode_met_twice_is_merged_into_the_variant_and_a_makers_own_release_is_left_alone():
    openai, moonshot = ProviderFactory(slug="openai"), ProviderFactory(slug="moonshotai")
    gpt_5 = release("gpt-5", openai, name="GPT-5", release_date=date(2025, 8, 7))
    variant = ModelFactory(slug="gpt-5-thinking", creator=openai, variant_of=gpt_5, variant_label="high")
    twin = release("gpt-5-high", openai, name="gpt-5-high", release_date=None)
    other_maker = release("kimi-k2-thinking", moonshot, name="Kimi K2 Thinking", release_date=date(2025, 11, 6))
    release("kimi-k2", openai, name="Kimi K2", release_date=date(2025, 7, 11))  # another maker's base

    assert [model.pk for model in variants_reconcile()] == [variant.pk]

    assert not Model.objects.filter(pk=twin.pk).exists()
    assert "gpt-5-high" in set(variant.aliases.values_list("normalized", flat=True))
    assert Model.objects.get(pk=other_maker.pk).variant_of is None


def test_a_same_name_pair_is_merged_once_both_are_dated():
    openai = ProviderFactory(slug="openai")
    card = release("gpt-5.1-chat-latest", openai, name="GPT-5.1 Chat", release_date=date(2025, 11, 13))
    listed = release("gpt-5.1-chat", openai, name="GPT-5.1 Chat", release_date=None)

    assert releases_reconcile(model_ids=[listed.pk]) == []  # undated: one date is no evidence

    Model.objects.filter(pk=listed.pk).update(release_date=date(2025, 11, 14))
    results = releases_reconcile(model_ids=[listed.pk])

    assert [(r.kept.pk, r.merged_slug) for r in results] == [(card.pk, "gpt-5.1-chat")]


def _mistral_cards(tmp_path):
    """A reference snapshot that knows one Ministral 8B snapshot: the pointer and it are one release."""
    root = tmp_path / "models-dev-2025-12-31"
    (root / "models" / "mistral").mkdir(parents=True)
    for model_id in ("ministral-8b-latest", "ministral-8b-2410"):
        (root / "models" / "mistral" / f"{model_id}.toml").write_text(
            'name = "Ministral 8B"\nrelease_date = "2024-10-01"\nlast_updated = "2024-10-04"\n'
            "[limit]\ncontext = 128_000\noutput = 128_000\n"
            '[modalities]\ninput = ["text"]\noutput = ["text"]\n'
        )
    return root


def _mistral_price_list(tmp_path):
    """A later price list: Mistral's second snapshot under the same name, beside the first."""
    path = tmp_path / "litellm.json"
    price = {"mode": "chat", "litellm_provider": "mistral", "input_cost_per_token": 1e-7, "output_cost_per_token": 1e-7}
    path.write_text(
        json.dumps(
            {"mistral/ministral-8b-2410": price, "mistral/ministral-8b-2512": {**price, "max_output_tokens": 32_000}}
        )
    )
    return path


@pytest.mark.parametrize("cards_first", [True, False])
def test_a_floating_name_joined_to_its_only_snapshot_leaves_it_when_a_second_appears(tmp_path, cards_first):
    steps = [
        ("models-dev", _mistral_cards(tmp_path), date(2025, 12, 31)),
        ("litellm", _mistral_price_list(tmp_path), date(2026, 1, 15)),
    ]
    first, second = steps if cards_first else steps[::-1]
    pipeline_run(source=data_source_for(first[0]), path=first[1], as_of=first[2])
    if cards_first:  # one snapshot known: the pointer is that snapshot
        assert set(Model.objects.get().aliases.values_list("normalized", flat=True)) == {
            "ministral-8b-latest",
            "ministral-8b-2410",
        }
    run = pipeline_run(source=data_source_for(second[0]), path=second[1], as_of=second[2])

    # In either order: the pointer, and each snapshot with its own ids, listings and facts.
    entries = {frozenset(model.aliases.values_list("normalized", flat=True)): model for model in Model.objects.all()}
    assert set(entries) == {
        frozenset({"ministral-8b-latest"}),
        frozenset({"ministral-8b-2410"}),
        frozenset({"ministral-8b-2512"}),
    }
    october = entries[frozenset({"ministral-8b-2410"})]
    assert (october.slug, october.name, october.release_date) == (
        "ministral-8b-2410",
        "Ministral 8B",
        date(2024, 10, 1),
    )
    assert set(Endpoint.objects.values_list("provider_model_id", "model__slug")) == {
        ("ministral-8b-2410", "ministral-8b-2410"),
        ("ministral-8b-2512", "ministral-8b-2512"),
    }
    pointer = entries[frozenset({"ministral-8b-latest"})]
    # Its card's word (last updated 2024-10-04) holds, whichever file told it first.
    assert [(t.target.slug, t.valid_from, t.valid_to) for t in pointer.dated_targets.all()] == [
        ("ministral-8b-2410", date(2024, 10, 1), None)
    ]
    assert run.counts.get("models", {}).get("split", 0) == (1 if cards_first else 0)


def test_a_split_moves_each_id_with_what_came_with_it_and_parts_a_pointer_from_a_bare_name():
    # One entry holds a price list's bare name, the maker's pointer and the only snapshot known
    # then; a file naming a second snapshot parts all three.
    mistral = ProviderFactory(slug="mistral", is_creator=True, is_host=True)
    entry = ModelFactory(slug="ministral-8b", creator=mistral, release_date=date(2024, 10, 1))
    # Only the Arena names the October snapshot: what parts them is the maker's word on another.
    for alias, precedence in [("ministral-8b", 12), ("ministral-8b-latest", 0), ("ministral-8b-2410", 12)]:
        ModelAliasFactory(model=entry, alias=alias, normalized=alias, precedence=precedence)
    when = date(2025, 12, 31)
    for said_as, name in [("ministral-8b", "Ministral 8B 24.10"), ("ministral-8b-latest", "Ministral 8B")]:
        source = "genai-prices" if said_as == "ministral-8b" else "models-dev"
        ModelFact.objects.create(
            model=entry, field="name", source=source, as_of=when, precedence=12, value=name, said_as=said_as
        )
    ModelFact.objects.create(
        model=entry, field="name", source="arena", as_of=when, precedence=1000, value="x", said_as="ministral-8b-2410"
    )
    listing = EndpointFactory(model=entry, host=mistral, provider_model_id="mistral/ministral-8b-2410")
    rating = SignalFactory(model=entry, source="arena", metadata={"arena_id": "ministral-8b-2410"})
    claim = AliasObservation.objects.create(
        floating=entry,
        source="models-dev",
        as_of=when,
        claim="ministral-8b-latest points to 2024-10-04",
        evidence={"id": "ministral-8b-latest", "points_to_date": "2024-10-04"},
    )
    mode = ModelFactory(slug="ministral-8b-2410-thinking", creator=mistral, variant_of=entry, variant_label="thinking")
    ModelAliasFactory(model=mode, alias="ministral-8b-2410-thinking", normalized="ministral-8b-2410-thinking")
    assert floating_names_split() == []  # one snapshot known: nothing to part
    # A host's id of another snapshot is not the maker's word.
    ModelAliasFactory(alias="ministral-8b-2411", normalized="ministral-8b-2411", precedence=12)
    assert floating_names_split() == []

    pairs = floating_names_split(["mistral/ministral-8b-2512"])  # the maker's API, read by this run

    assert {(kept.pk, set(split.aliases.values_list("alias", flat=True)).pop()) for kept, split in pairs} == {
        (entry.pk, "ministral-8b-2410"),
        (entry.pk, "ministral-8b-latest"),
    }
    october = Model.objects.get(aliases__alias="ministral-8b-2410")
    pointer = Model.objects.get(aliases__alias="ministral-8b-latest")
    assert list(entry.aliases.values_list("alias", flat=True)) == ["ministral-8b"]
    assert (Endpoint.objects.get(pk=listing.pk).model, Signal.objects.get(pk=rating.pk).model) == (october, october)
    assert Model.objects.get(pk=mode.pk).variant_of == october
    assert AliasObservation.objects.get(pk=claim.pk).floating == pointer
    assert set(ModelFact.objects.values_list("said_as", "model")) == {
        ("ministral-8b", entry.pk),
        ("ministral-8b-latest", pointer.pk),
        ("ministral-8b-2410", october.pk),
    }
    names = dict(Model.objects.filter(pk__in=[entry.pk, pointer.pk, october.pk]).values_list("pk", "name"))
    assert names == {entry.pk: "Ministral 8B 24.10", pointer.pk: "Ministral 8B", october.pk: "x"}
    assert (pointer.creator, october.creator) == (mistral, mistral)
    # Once the run has resolved its ids, the pointer's card's word names the October snapshot.
    observations_resolve(IdentityResolver(source="litellm"))
    dated_targets_refresh()
    assert [(t.target, t.valid_from) for t in AliasTarget.objects.filter(floating=pointer)] == [
        (october, date(2024, 10, 1))
    ]
