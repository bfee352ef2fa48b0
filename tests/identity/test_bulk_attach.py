"""The bulk attach rule, pure: a near-exact top suggestion of the same generation, mode and words, nothing else."""

import pytest

from models_registry.identity import normalize_model_id
from models_registry.identity.bulk_attach import (
    BELOW_SAFE_SCORE,
    NO_SUGGESTION,
    OTHER_GENERATION,
    OTHER_MODE,
    OTHER_WORDS,
    SAFE_ATTACH_SCORE,
    Refusal,
    top_suggestion_refusal,
)
from models_registry.identity.releases import Generation, generation_conflict, generation_of


def refusal(raw_id: str, slug: str, score: float = 99.0) -> Refusal | None:
    return top_suggestion_refusal(normalize_model_id(raw_id), [{"model_id": 1, "slug": slug, "score": score}])


@pytest.mark.parametrize(
    ("raw_id", "slug", "why"),
    [
        ("gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-08-06: snapshot 20240513 vs 20240806"),
        ("qwen3-235b-a22b-instruct-2507", "qwen3-235b-a22b", "qwen3-235b-a22b: snapshot 2507 vs none"),
        ("claude-opus-4-1", "claude-opus-4-5", "claude-opus-4-5: version 4.1 vs 4.5"),
        ("llama-3.1-8b", "llama-3-1-70b", "llama-3-1-70b: size 8b vs 70b"),
        ("gpt-4o", "gpt-4o-2024-08-06", "gpt-4o-2024-08-06: snapshot none vs 20240806"),
        ("gpt-4o", "gpt-4", "gpt-4: version 4o vs 4"),
        ("deepseek-v3", "deepseek-v3-1", "deepseek-v3-1: version 3 vs 3.1"),
        ("mistral-small-2503", "mistral-small-2506", "mistral-small-2506: snapshot 2503 vs 2506"),
        ("command-r-08-2024", "command-r-03-2024", "command-r-03-2024: snapshot 08-2024 vs 03-2024"),
    ],
)
def test_it_never_attaches_across_generations_whatever_the_score(raw_id, slug, why):
    assert refusal(raw_id, slug) == Refusal(OTHER_GENERATION, why)


@pytest.mark.parametrize(
    ("raw_id", "slug", "why"),
    [
        ("gte-large-en-v1.5", "bge-large-en-v1-5", "bge-large-en-v1-5: gte vs bge"),
        ("claude-3.5-sonet-20241022", "claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022: sonet vs sonnet"),
        ("claude-3-5-haiku", "claude-3-5-sonnet", "claude-3-5-sonnet: haiku vs sonnet"),
        ("qwen-plus-character", "qwen-plus-character-ja", "qwen-plus-character-ja: none vs ja"),
        ("ministral-3:8b", "ministral-3-8b-instruct", "ministral-3-8b-instruct: none vs instruct"),
    ],
)
def test_it_never_attaches_a_name_with_a_word_swapped(raw_id, slug, why):
    assert refusal(raw_id, slug) == Refusal(OTHER_WORDS, why)


def test_it_never_makes_a_rated_mode_an_alias_of_its_release():
    assert refusal("claude-opus-4-5-20251101-low", "claude-opus-4-5-20251101") == Refusal(
        OTHER_MODE, "claude-opus-4-5-20251101: mode low vs none"
    )


@pytest.mark.parametrize(
    ("raw_id", "slug"),
    [
        ("accounts/fireworks/models/mixtral-8x7b-instruct-hf", "mixtral-8x7b-instruct"),  # a word more
        ("deepseek-4-flash", "deepseek-v4-flash"),
        ("FLUX-1.1-pro", "flux-pro-1-1"),  # the same words in another order
        ("accounts/fireworks/models/mixtral-8x22b", "open-mixtral-8x22b"),
        ("accounts/fireworks/routers/deepseek-v4p1-flash-us", "deepseek-v4-1-flash"),
        ("Llama-3.1-8B-Instruct-Turbo", "llama-3-1-8b-instruct-turbo"),  # a spelling
        ("gpt-4o-2024-08-06", "gpt-4o-2024-08-06"),
    ],
)
def test_it_attaches_a_near_exact_suggestion_of_the_same_generation(raw_id, slug):
    assert refusal(raw_id, slug) is None


def test_it_refuses_below_the_safe_score_and_without_a_suggestion():
    assert refusal("mixtral-8x7b-instruct-hf", "mixtral-8x7b-instruct", score=91.9) == Refusal(
        BELOW_SAFE_SCORE, "91.9 for mixtral-8x7b-instruct"
    )
    assert refusal("mixtral-8x7b-instruct-hf", "mixtral-8x7b-instruct", score=SAFE_ATTACH_SCORE) is None
    assert top_suggestion_refusal("mystery-7b", []) == Refusal(NO_SUGGESTION)


def test_the_generation_of_an_id_sorts_its_numbered_tokens():
    assert generation_of("qwen-3-235b-a-22b-instruct-2507") == Generation(("3",), ("235b", "22b"), "2507")
    assert generation_of("claude-3-5-sonnet-20241022-thinking") == Generation(("3", "5"), (), "20241022")
    assert generation_of("gpt-4o") == Generation(("4o",), (), None)


def test_two_spellings_of_one_release_agree_on_their_generation():
    assert generation_conflict("llama-3-1-8b-instruct", "llama-3-1-8b") is None
    assert generation_conflict("claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022-thinking") is None
