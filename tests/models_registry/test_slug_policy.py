"""A model's slug follows from its ids and their sources, never from the order they arrived in."""

import random

import pytest
from django.core.exceptions import ValidationError

from models_registry.identity.normalize import normalize_model_id
from models_registry.models import FormerSlug, Model, ModelAlias, ModelFact, UnresolvedIdentifier
from models_registry.provenance import name_from_id
from models_registry.selectors import model_by_slug_or_alias, models_by_slugs_or_aliases
from models_registry.slugs import (
    AliasEvidence,
    SlugSubject,
    slug_claim,
    slug_from_id,
    slug_pin,
    slugs_assign,
    slugs_derive,
)
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory

LAB_CARD, CREATOR_API, MAKER_ELSEWHERE, HOST = 0, 1, 11, 12


def claim(alias: str, precedence: int, source: str = "models-dev"):
    return slug_claim(alias=alias, normalized=normalize_model_id(alias), precedence=precedence, source=source)


def best(*claims) -> str:
    return SlugSubject(current="x", creator="lab", claims=list(claims)).best.slug


# --- the rule ------------------------------------------------------------------------


def test_an_id_gives_the_slug_its_maker_writes():
    assert slug_from_id("qwen/qwen3-32b") == "qwen3-32b"
    assert slug_from_id("gpt-4o-2024-08-06") == "gpt-4o-2024-08-06"
    assert slug_from_id("mistralai/mistral-7b-instruct-v0.1") == "mistral-7b-instruct-v0-1"
    assert slug_from_id("us.anthropic.claude-3-5-sonnet-20241022-v2:0") == "claude-3-5-sonnet-20241022"
    assert slug_from_id("fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct") == "llama-v3-1-8b-instruct"


@pytest.mark.parametrize(
    ("raw_id", "slug", "name"),
    [
        # Under a known publisher or route, every segment left names the product, as the normal form reads
        # them, but a trailing operation: not "ultra", "dev" or "edit".
        ("fal-ai/imagen4/preview/ultra", "imagen4-preview-ultra", "imagen4/preview/ultra"),
        ("fal-ai/flux/dev", "flux-dev", "flux/dev"),
        ("fal-ai/bytedance/dreamina/v3.1/text-to-image", "dreamina-v3-1", "dreamina/v3.1"),
        ("openai/gpt-image-2.5/flare/edit", "gpt-image-2-5", "gpt-image-2.5"),
        ("bytedance/seedance-2.0/reference-to-video", "seedance-2-0", "seedance-2.0"),
        # An org's repository, or a namespace no rule knows: the last segment, as before.
        ("TheDrummer/Cydonia-24B-v4", "cydonia-24b-v4", "Cydonia-24B-v4"),
        ("fofr/face-to-many", "face-to-many", "face-to-many"),
        ("v0/v0-1.0-md", "v0-1-0-md", "v0-1.0-md"),
        ("tensormesh/deepseek-ai/DeepSeek-V4-Flash", "deepseek-v4-flash", "DeepSeek-V4-Flash"),
        ("@hf/thebloke/codellama-7b-instruct-awq", "codellama-7b-instruct-awq", "codellama-7b-instruct-awq"),
        # Bedrock's region, vendor and listing revision are no part of a name.
        ("global.moonshotai.kimi-k3.1", "kimi-k3-1", "kimi-k3.1"),
        ("anthropic.claude-fable-5-1", "claude-fable-5-1", "claude-fable-5-1"),
        ("eu.twelvelabs.marengo-embed-2-7-v1:0", "marengo-embed-2-7", "marengo-embed-2-7"),
        ("cohere.embed-english-light-v3.0", "embed-english-light-v3-0", "embed-english-light-v3.0"),
        ("deepseek.r1-v1:0", "deepseek-r1", "deepseek-r1"),
    ],
)
def test_a_path_id_gives_the_slug_and_name_of_the_product_it_names(raw_id, slug, name):
    assert (slug_from_id(raw_id), name_from_id(raw_id)) == (slug, name)


def test_the_makers_snapshot_id_beats_its_floating_name_and_any_hosts_id():
    assert best(claim("openai/gpt-4.1", LAB_CARD), claim("gpt-4.1-2025-04-14", MAKER_ELSEWHERE, "litellm")) == (
        "gpt-4-1-2025-04-14"
    )
    assert best(claim("mistralai/mistral-medium-3", MAKER_ELSEWHERE), claim("mistral-medium-2505", CREATOR_API)) == (
        "mistral-medium-2505"
    )
    assert best(claim("command-a", CREATOR_API), claim("command-a-03-2025", CREATOR_API)) == "command-a-03-2025"
    # A host's dated id does not beat the maker's own name.
    assert best(claim("openai/gpt-5", LAB_CARD), claim("gpt-5-2099-01-01", HOST, "arena")) == "gpt-5"


def test_a_latest_pointer_is_the_slug_only_when_nothing_else_names_the_model():
    assert best(claim("codex-mini-latest", CREATOR_API), claim("codex-mini", MAKER_ELSEWHERE, "genai-prices")) == (
        "codex-mini"
    )
    assert best(claim("ministral-8b-latest", CREATOR_API), claim("ministral-8b-2410", HOST, "arena")) == (
        "ministral-8b-2410"
    )
    assert best(claim("codestral-latest", CREATOR_API)) == "codestral-latest"


def test_a_hosts_marked_build_is_the_slug_only_when_nothing_else_names_the_model():
    # Cloudflare's AWQ build, even from the maker's own org path, names a deployment, not the release.
    assert best(claim("@cf/thebloke/zephyr-7b-beta-awq", MAKER_ELSEWHERE), claim("zephyr-7b-beta", HOST, "arena")) == (
        "zephyr-7b-beta"
    )
    assert best(claim("@cf/google/gemma-2b-it-lora", HOST), claim("accounts/fireworks/models/gemma-2b-it", HOST)) == (
        "gemma-2b-it"
    )
    assert best(claim("@cf/meta/llama-2-7b-chat-fp16", HOST)) == "llama-2-7b-chat-fp16"


def test_a_hosts_id_without_a_mixture_of_experts_active_parameters_yields_to_one_with_them():
    # Both hosts' ids, Venice's shorter: the id naming the active parameters is the more specific.
    assert best(claim("venice/qwen3-next-80b", HOST), claim("qwen.qwen3-next-80b-a3b", HOST, "litellm")) == (
        "qwen3-next-80b-a3b"
    )
    # The maker's own id still comes first, with or without them.
    assert best(claim("alibaba/qwen3-next-80b", MAKER_ELSEWHERE), claim("qwen.qwen3-next-80b-a3b", HOST)) == (
        "qwen3-next-80b"
    )


def test_ties_go_to_precedence_then_the_source_order_then_the_shortest_slug_then_alphabetical():
    assert best(claim("open-mistral-7b", CREATOR_API), claim("mistral/mistral-7b", LAB_CARD)) == "mistral-7b"
    assert best(claim("gemini-2.0-flash-001", CREATOR_API), claim("gemini-2.0-flash", CREATOR_API)) == (
        "gemini-2-0-flash"
    )
    assert best(claim("a-model-x", HOST, "litellm"), claim("b-model-x", HOST, "openrouter")) == "b-model-x"
    assert best(claim("Qwen/Qwen2-1.5B-Instruct", HOST), claim("arize-ai/qwen-2-1.5b-instruct", HOST)) == (
        "qwen2-1-5b-instruct"
    )
    assert best(claim("model-b", HOST), claim("model-a", HOST)) == "model-a"


def test_an_alias_no_sources_record_used_makes_no_claim():
    assert claim("merged-away-slug", None) is None


def _catalog() -> dict[int, SlugSubject]:
    return {
        # Two orgs' repositories of one name: the first normal form in alphabetical order wins.
        1: SlugSubject(current="magnum-72b", creator="anthracite-org", claims=[claim("anthracite-org/magnum-72b", 12)]),
        2: SlugSubject(current="alpindale-magnum-72b", creator="alpindale", claims=[claim("alpindale/magnum-72b", 12)]),
        # The maker's claim beats a host's spelling of another maker's model.
        3: SlugSubject(current="nova-pro", creator="amazon", claims=[claim("amazon.nova-pro-v1:0", CREATOR_API)]),
        4: SlugSubject(current="nova-pro-v1-x", creator="someone", claims=[claim("us.amazon.nova-pro-v1:0", HOST)]),
        # A curator's slug and an unnamed model's slug do not move; the others yield to them.
        5: SlugSubject(current="gpt-4-1", creator="openai", pinned="gpt-4-1", claims=[claim("gpt-4.1", 11)]),
        6: SlugSubject(current="hand-made", creator="openai"),
        7: SlugSubject(current="y", creator="openai", claims=[claim("hand-made", LAB_CARD)]),
        # A variant is its base's slug and its label.
        8: SlugSubject(current="old-base-thinking", creator="alpindale", base=2, label="thinking"),
    }


def test_the_catalogs_slugs_do_not_depend_on_the_order_models_are_met():
    expected = {
        1: "anthracite-org-magnum-72b",
        2: "magnum-72b",
        3: "nova-pro-v1",
        4: "someone-nova-pro-v1",
        5: "gpt-4-1",
        6: "hand-made",
        7: "openai-hand-made",
        8: "magnum-72b-thinking",
    }
    for seed in range(20):
        subjects = list(_catalog().items())
        random.Random(seed).shuffle(subjects)
        for _, subject in subjects:
            random.Random(seed).shuffle(subject.claims)
        assert slugs_assign(dict(subjects)) == expected


def test_a_slug_taken_twice_over_gets_a_number():
    subjects = {
        1: SlugSubject(current="a", creator="lab", claims=[claim("foo", 12, "arena")]),
        2: SlugSubject(current="b", creator="lab", claims=[claim("org/foo", 12, "litellm")]),
        3: SlugSubject(current="c", creator="lab", claims=[claim("other/foo", 12, "openrouter")]),
    }
    assert slugs_assign(subjects) == {3: "foo", 2: "lab-foo", 1: "lab-foo-2"}


# --- the catalog --------------------------------------------------------------------------


def _release(slug: str, creator, *ids: tuple[str, int, str]) -> Model:
    model = ModelFactory(slug=slug, creator=creator)
    for raw_id, precedence, source in ids:
        ModelAliasFactory(
            model=model, alias=raw_id, normalized=normalize_model_id(raw_id), precedence=precedence, source=source
        )
    return model


@pytest.mark.django_db
def test_a_rename_keeps_the_old_slug_finding_the_model_and_the_queue_suggestions_follow():
    openai = ProviderFactory(slug="openai")
    gpt = _release("gpt-41-first-seen", openai, ("gpt-4.1", 11, "litellm"), ("gpt-4.1-2025-04-14", 11, "litellm"))
    row = UnresolvedIdentifier.objects.create(
        source="arena",
        raw_id="gpt-41-preview",
        normalized="gpt-41-preview",
        first_seen_at="2026-07-01T00:00Z",
        last_seen_at="2026-07-01T00:00Z",
        suggestions=[{"model_id": gpt.pk, "slug": "gpt-41-first-seen", "name": "GPT-4.1", "score": 90.0}],
    )

    renames = slugs_derive()

    assert [(r.model_id, r.old, r.new) for r in renames] == [(gpt.pk, "gpt-41-first-seen", "gpt-4-1-2025-04-14")]
    assert Model.objects.get(pk=gpt.pk).slug == "gpt-4-1-2025-04-14"
    assert list(FormerSlug.objects.values_list("slug", "model_id")) == [("gpt-41-first-seen", gpt.pk)]
    assert model_by_slug_or_alias("gpt-41-first-seen") == gpt
    assert models_by_slugs_or_aliases(["gpt-41-first-seen", "gpt-4.1"]) == {"gpt-41-first-seen": gpt, "gpt-4.1": gpt}
    row.refresh_from_db()
    assert row.suggestions[0]["slug"] == "gpt-4-1-2025-04-14"
    assert slugs_derive() == []  # derived again: nothing changes


@pytest.mark.django_db
def test_a_current_slug_wins_over_a_former_one_and_a_freed_slug_is_no_longer_former():
    lab = ProviderFactory(slug="lab")
    first = _release("model-x", lab, ("lab/model-x-2", 0, "models-dev"))
    slugs_derive()  # first: model-x -> model-x-2, "model-x" is former
    second = _release("placeholder", lab, ("model-x", 0, "models-dev"))

    slugs_derive()

    assert model_by_slug_or_alias("model-x") == second
    assert Model.objects.get(pk=second.pk).slug == "model-x"
    assert not FormerSlug.objects.filter(slug="model-x").exists()
    assert model_by_slug_or_alias("placeholder") == second
    assert Model.objects.get(pk=first.pk).slug == "model-x-2"


@pytest.mark.django_db
def test_a_curators_pin_wins_and_unpinning_gives_the_sources_slug_back():
    openai = ProviderFactory(slug="openai")
    gpt = _release("gpt-4-1-2025-04-14", openai, ("gpt-4.1-2025-04-14", 11, "litellm"))

    pin = slug_pin(model=gpt, slug="gpt-4-1", note="the name people use")

    assert (pin.field, pin.value, pin.pinned, pin.source) == ("slug", "gpt-4-1", True, "curator")
    assert Model.objects.get(pk=gpt.pk).slug == "gpt-4-1"
    assert slugs_derive() == []
    assert model_by_slug_or_alias("gpt-4-1-2025-04-14") == gpt  # an alias anyway

    pin.delete()
    slugs_derive()

    assert Model.objects.get(pk=gpt.pk).slug == "gpt-4-1-2025-04-14"
    assert model_by_slug_or_alias("gpt-4-1") == gpt  # the former slug
    with pytest.raises(ValidationError):
        slug_pin(model=ModelFactory(slug="other"), slug="gpt-4-1-2025-04-14")
    with pytest.raises(ValidationError):
        slug_pin(model=gpt, slug="not a slug")
    assert ModelFact.objects.filter(field="slug").count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("order", [("arena", "genai-prices", "models-dev"), ("models-dev", "genai-prices", "arena")])
def test_an_alias_keeps_the_spelling_of_the_most_authoritative_record_in_any_order(order):
    anthropic = ProviderFactory(slug="anthropic")
    model = ModelFactory(slug="claude-2", creator=anthropic)
    ModelAlias.objects.create(model=model, alias="claude-2.0", normalized="claude-2", source=order[0])
    said = {
        "arena": [("claude-2.0", HOST)],
        "genai-prices": [("claude-2", MAKER_ELSEWHERE)],
        "models-dev": [("anthropic.claude-v2:0", HOST), ("claude-2.0", HOST)],
    }
    for source in order:
        evidence = AliasEvidence(source=source)
        for raw_id, precedence in said[source]:
            evidence.note(model_id=model.pk, raw_id=raw_id, normalized="claude-2", precedence=precedence)
        evidence.save()

    alias = ModelAlias.objects.get(normalized="claude-2")
    assert (alias.alias, alias.source, alias.precedence) == ("claude-2", "genai-prices", MAKER_ELSEWHERE)


@pytest.mark.django_db
def test_of_one_records_ids_the_shortest_spelling_is_kept():
    model = ModelFactory(slug="gemma-3-12b-it", creator=ProviderFactory(slug="google"))
    normalized = normalize_model_id("unsloth/gemma-3-12b-it")
    ModelAlias.objects.create(model=model, alias="together_ai/unsloth/gemma-3-12b-it", normalized=normalized)
    evidence = AliasEvidence(source="litellm")
    for raw_id in ("together_ai/unsloth/gemma-3-12b-it", "unsloth/gemma-3-12b-it"):
        evidence.note(model_id=model.pk, raw_id=raw_id, normalized=normalized, precedence=HOST)

    assert evidence.save() == 1
    assert list(ModelAlias.objects.values_list("alias", "source", "precedence")) == [
        ("unsloth/gemma-3-12b-it", "litellm", HOST)
    ]
    assert evidence.save() == 0


@pytest.mark.django_db
def test_a_release_no_source_has_named_keeps_its_slug_and_its_variants_follow_their_base():
    lab = ProviderFactory(slug="lab")
    kept = ModelFactory(slug="curated-by-hand", creator=lab)
    base = _release("base-old", lab, ("lab/base-2026", 0, "models-dev"))
    variant = ModelFactory(slug="base-old-thinking", creator=lab, variant_of=base, variant_label="thinking")

    slugs_derive()

    assert Model.objects.get(pk=kept.pk).slug == "curated-by-hand"
    assert Model.objects.get(pk=base.pk).slug == "base-2026"
    assert Model.objects.get(pk=variant.pk).slug == "base-2026-thinking"
    assert model_by_slug_or_alias("base-old-thinking") == Model.objects.get(pk=variant.pk)
