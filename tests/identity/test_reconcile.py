"""Releases a file read earlier left apart are joined once the maker's evidence arrives, in either order."""

import json
from datetime import date

import pytest

from ingestion.services import data_source_for, pipeline_run
from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.reconcile import releases_reconcile, variants_reconcile
from models_registry.models import Endpoint, Model, ModelAlias
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory

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
