"""IdentityResolver against PostgreSQL: exact matches only, the queue, curator decisions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.exceptions import ValidationError

from models_registry.identity import AliasConflict, IdentityResolver
from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.resolver import queue_close_resolvable
from models_registry.models import IdentityDecision, Model, ModelAlias, ModelFact, UnresolvedIdentifier
from models_registry.provenance import facts_derive
from models_registry.services import identity_attach, identity_create_model, identity_ignore
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sonnet():
    model = ModelFactory(slug="claude-3-5-sonnet-20241022", name="Claude 3.5 Sonnet (2024-10-22)")
    ModelAliasFactory(model=model, alias="claude-3-5-sonnet-20241022", normalized="claude-3-5-sonnet-20241022")
    return model


def test_it_resolves_an_exact_alias(sonnet):
    assert IdentityResolver(source="arena").resolve("claude-3-5-sonnet-20241022") == sonnet


def test_it_resolves_other_spellings_through_the_normal_form(sonnet):
    resolver = IdentityResolver(source="litellm")

    assert resolver.resolve("us.anthropic.claude-3-5-sonnet-20241022-v2:0") == sonnet
    assert resolver.resolve("vertex_ai/claude-3-5-sonnet-v2@20241022") == sonnet
    assert resolver.resolve("Claude_3.5_Sonnet 20241022") == sonnet


def test_it_never_resolves_a_near_miss(sonnet):
    resolver = IdentityResolver(source="arena")

    assert resolver.resolve("claude-3-5-sonnet-20240620") is None
    assert resolver.resolve("claude-3-5-sonnet") is None
    assert resolver.resolve("claude-3-5-sonnet-20241022-thinking") is None
    assert resolver.resolve("") is None


def test_it_matches_an_id_that_spells_out_its_creator_only_when_told_the_creator():
    # "writer" has no brand the normal form knows, so only the creator says the prefix is the maker's.
    palmyra = ModelFactory(slug="palmyra-x5")
    ModelAliasFactory(model=palmyra, alias="palmyra-x5", normalized="palmyra-x-5")
    resolver = IdentityResolver(source="arena")

    assert resolver.resolve("writer-palmyra-x5") is None
    assert resolver.resolve("writer-palmyra-x5", creator_slug="writer") == palmyra
    assert resolver.resolve("writer-palmyra-x5", creator_slug="meta") is None


def test_a_publisher_glued_to_its_own_brand_is_dropped_without_being_told():
    nova = ModelFactory(slug="nova-pro")
    ModelAliasFactory(model=nova, alias="amazon.nova-pro-v1:0", normalized="nova-pro-v-1")
    resolver = IdentityResolver(source="arena")

    assert resolver.resolve("amazon-nova-pro-v1.0") == nova
    assert resolver.resolve("acme-nova-pro-v1") is None  # "acme" publishes nothing the catalog knows


def test_remember_alias_creates_one_row_and_is_idempotent(sonnet):
    resolver = IdentityResolver(source="openrouter")

    assert resolver.remember_alias(sonnet, "anthropic/claude-3.5-sonnet-20241022") is False  # same normal form
    assert resolver.remember_alias(sonnet, "anthropic/claude-3.5-sonnet") is True
    assert resolver.remember_alias(sonnet, "anthropic/claude-3.5-sonnet") is False
    assert resolver.resolve("claude-3-5-sonnet") == sonnet

    alias = ModelAlias.objects.get(normalized="claude-3-5-sonnet")
    assert (alias.model_id, alias.alias, alias.source) == (sonnet.pk, "anthropic/claude-3.5-sonnet", "openrouter")
    assert ModelAlias.objects.filter(model=sonnet).count() == 2
    assert IdentityResolver(source="arena").resolve("claude-3.5-sonnet") == sonnet


def test_remember_alias_refuses_to_move_an_alias_to_another_model(sonnet):
    other = ModelFactory(slug="claude-3-5-sonnet-20240620")
    resolver = IdentityResolver(source="litellm")

    with pytest.raises(AliasConflict) as excinfo:
        resolver.remember_alias(other, "anthropic.claude-3-5-sonnet-20241022-v2:0")

    assert excinfo.value.existing_model_id == sonnet.pk
    assert ModelAlias.objects.get(normalized="claude-3-5-sonnet-20241022").model_id == sonnet.pk


def test_remember_alias_sees_an_alias_added_after_the_resolver_loaded(sonnet):
    resolver = IdentityResolver(source="litellm")
    other = ModelFactory(slug="gpt-4o")
    ModelAliasFactory(model=other, alias="gpt-4o", normalized="gpt-4o")

    assert resolver.remember_alias(other, "openai/gpt-4o") is False
    with pytest.raises(AliasConflict):
        resolver.remember_alias(sonnet, "gpt-4o")


def test_queue_unresolved_creates_a_row_with_fuzzy_suggestions(sonnet):
    ModelFactory(slug="gpt-4o", name="GPT-4o")
    resolver = IdentityResolver(source="arena")

    assert resolver.resolve("claude-3-5-sonnet-20240620") is None
    resolver.queue_unresolved("claude-3-5-sonnet-20240620", context={"name": "Claude 3.5 Sonnet (June)"})

    row = UnresolvedIdentifier.objects.get()
    assert (row.source, row.raw_id, row.normalized) == ("arena", "claude-3-5-sonnet-20240620", row.normalized)
    assert row.normalized == "claude-3-5-sonnet-20240620"
    assert (row.status, row.occurrences, row.context) == ("pending", 1, {"name": "Claude 3.5 Sonnet (June)"})
    assert row.first_seen_at == row.last_seen_at
    assert [s["slug"] for s in row.suggestions] == ["claude-3-5-sonnet-20241022"]
    assert row.suggestions[0]["model_id"] == sonnet.pk and row.suggestions[0]["score"] >= 70
    assert row.resolved_model is None


def test_queue_unresolved_upserts_once_per_run_and_counts_runs():
    first_run = IdentityResolver(source="arena")
    first_run.queue_unresolved("mystery-model-1")
    first_run.queue_unresolved("Mystery_Model_1")  # same normal form, same run

    second_run = IdentityResolver(source="arena")
    second_run.queue_unresolved("mystery-model-1", context={"file": "b.json"})
    assert UnresolvedIdentifier.objects.get(source="arena").occurrences == 1  # written by flush()
    assert second_run.flush() == 1
    IdentityResolver(source="openrouter").queue_unresolved("lab/mystery-model-1")

    arena_row = UnresolvedIdentifier.objects.get(source="arena")
    assert (arena_row.occurrences, arena_row.raw_id, arena_row.context) == (2, "mystery-model-1", {"file": "b.json"})
    assert arena_row.last_seen_at > arena_row.first_seen_at
    assert UnresolvedIdentifier.objects.count() == 2
    assert UnresolvedIdentifier.objects.get(source="openrouter").normalized == "lab-mystery-model-1"


def test_an_attach_decision_is_applied_on_the_next_run(sonnet):
    run = IdentityResolver(source="litellm")
    run.queue_unresolved("bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0-custom")
    row = UnresolvedIdentifier.objects.get()

    identity_attach(raw_id=row.raw_id, source=row.source, model=sonnet)

    row.refresh_from_db()
    assert (row.status, row.resolved_model_id) == ("resolved", sonnet.pk)
    decision = IdentityDecision.objects.get()
    assert (decision.action, decision.model_id, decision.normalized) == ("attach", sonnet.pk, row.normalized)
    next_run = IdentityResolver(source="litellm")
    assert next_run.resolve("bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0-custom") == sonnet


def test_a_decision_restores_its_alias_when_the_alias_was_deleted(sonnet):
    identity_attach(raw_id="claude-3-5-sonnet-v2", source="arena", model=sonnet)
    ModelAlias.objects.filter(normalized="claude-3-5-sonnet-v-2").delete()

    assert IdentityResolver(source="arena").resolve("claude-3-5-sonnet-v2") == sonnet
    assert ModelAlias.objects.get(normalized="claude-3-5-sonnet-v-2").model_id == sonnet.pk


def test_a_create_decision_makes_a_model_the_next_run_resolves_to():
    creator = ProviderFactory(slug="reka")
    IdentityResolver(source="arena").queue_unresolved("reka-core-20240904")

    model = identity_create_model(raw_id="reka-core-20240904", source="arena", creator=creator)

    assert (model.slug, model.name, model.creator_id) == ("reka-core-20240904", "reka-core-20240904", creator.pk)
    assert UnresolvedIdentifier.objects.get().status == "resolved"
    assert IdentityDecision.objects.get().action == "create"
    assert IdentityResolver(source="arena").resolve("reka-core-20240904") == model


def test_the_creator_a_curator_chooses_for_a_new_model_is_a_pin_no_source_moves():
    chosen, other = ProviderFactory(slug="kuaishou"), ProviderFactory(slug="kwaipilot")
    model = identity_create_model(raw_id="kat-coder-pro-v2", source="openrouter", creator=chosen)
    ModelFact.objects.create(model=model, field="creator", source="models-dev", as_of="2030-01-01", value=other.slug)

    facts_derive([model.pk])

    pin = ModelFact.objects.get(model=model, pinned=True)
    assert (pin.field, pin.value, Model.objects.get(pk=model.pk).creator) == ("creator", "kuaishou", chosen)


def test_an_ignore_decision_is_reported_and_closes_the_queue_row():
    IdentityResolver(source="openrouter").queue_unresolved("openrouter/auto")

    identity_ignore(raw_id="openrouter/auto", source="openrouter", note="a router, not a model")

    assert UnresolvedIdentifier.objects.get().status == "ignored"
    resolver = IdentityResolver(source="openrouter")
    assert resolver.is_ignored("openrouter/auto") is True
    assert resolver.is_ignored("auto") is True
    assert resolver.is_ignored("openrouter/other") is False
    assert resolver.resolve("openrouter/auto") is None


def test_a_queued_id_is_closed_when_a_later_run_learns_its_alias(sonnet):
    IdentityResolver(source="openrouter").queue_unresolved("anthropic/claude-3.5-sonnet")
    run = IdentityResolver(source="openrouter")

    run.remember_alias(sonnet, "claude-3-5-sonnet")

    row = UnresolvedIdentifier.objects.get()
    assert (row.status, row.resolved_model_id) == ("resolved", sonnet.pk)


def floating_seed():
    """ByteDance's floating "seed-1.6", which its maker dates 2025-06-15."""
    model = ModelFactory(slug="seed-1-6", creator=ProviderFactory(slug="bytedance"))
    ModelAliasFactory(model=model, alias="seed-1-6", normalized="seed-1-6")
    ModelFact.objects.create(
        model=model, field="release_date", source="models-dev", as_of="2026-07-01", precedence=0, value="2025-06-15"
    )
    return model


def test_a_queued_snapshot_closes_when_the_rules_joining_a_makers_records_name_its_release():
    seed = floating_seed()
    IdentityResolver(source="models-dev").queue_unresolved("seed-1-6-250615")

    assert queue_close_resolvable(IdentityResolver(source="litellm")) == 1
    row = UnresolvedIdentifier.objects.get()
    assert (row.status, row.resolved_model_id) == ("resolved", seed.pk)


def test_a_floating_name_the_queue_shows_serving_two_snapshots_closes_neither():
    floating_seed()
    queued = IdentityResolver(source="models-dev")
    queued.queue_unresolved("seed-1-6-250615")
    queued.queue_unresolved("seed-1-6-250915")

    assert queue_close_resolvable(IdentityResolver(source="litellm")) == 0
    assert set(UnresolvedIdentifier.objects.values_list("status", flat=True)) == {"pending"}


def test_loading_and_resolving_a_run_takes_a_bounded_number_of_queries():
    models = [ModelFactory(slug=f"model-{i}") for i in range(30)]
    for model in models:
        ModelAliasFactory(model=model, alias=model.slug, normalized=model.slug)
    identity_ignore(raw_id="openrouter/auto")

    with CaptureQueriesContext(connection) as queries:
        resolver = IdentityResolver(source="openrouter")
        for model in models:
            assert resolver.resolve(f"openai/{model.slug.upper()}") == model
        assert resolver.is_ignored("auto")

    # aliases, decisions, open queue rows, then every model in one go
    assert len(queries) == 4


def test_a_source_only_ruling_splits_one_sources_id_from_everyone_elses():
    # Arena's "gemini-pro" is the 2023 Gemini 1.0 Pro; elsewhere it normalises to
    # Google's moving "gemini-pro-latest".
    latest = ModelFactory(slug="gemini-pro-latest")
    ModelAliasFactory(model=latest, alias="gemini/gemini-pro-latest", normalized="gemini-pro")
    google = ProviderFactory(slug="google")

    gemini_1 = identity_create_model(
        raw_id="gemini-pro", source="arena", source_only=True, creator=google, name="Gemini 1.0 Pro"
    )

    assert ModelAlias.objects.get(normalized="gemini-pro").model_id == latest.pk
    decision = IdentityDecision.objects.get()
    assert (decision.source, decision.source_only, decision.model_id) == ("arena", True, gemini_1.pk)
    arena = IdentityResolver(source="arena")
    assert arena.resolve("gemini-pro") == gemini_1
    assert arena.remember_alias(gemini_1, "gemini-pro") is False
    assert IdentityResolver(source="openrouter").resolve("google/gemini-pro") == latest
    assert IdentityResolver(source="litellm").resolve("gemini/gemini-pro-latest") == latest


def test_a_source_only_ignore_leaves_other_sources_alone():
    model = ModelFactory(slug="gpt-5-chat-latest")
    ModelAliasFactory(model=model, alias="gpt-5-chat-latest", normalized="gpt-5-chat")

    identity_ignore(raw_id="gpt-5-chat", source="arena", source_only=True)

    assert IdentityResolver(source="arena").is_ignored("gpt-5-chat") is True
    assert IdentityResolver(source="arena").resolve("gpt-5-chat") is None
    assert IdentityResolver(source="openrouter").is_ignored("openai/gpt-5-chat") is False
    assert IdentityResolver(source="openrouter").resolve("openai/gpt-5-chat") == model


def test_a_source_only_ruling_needs_a_source():
    model = ModelFactory()

    with pytest.raises(ValidationError) as excinfo:
        identity_attach(raw_id="x-1", model=model, source_only=True)

    assert excinfo.value.detail == {"source": ["A ruling for one source needs the source."]}
    assert IdentityDecision.objects.count() == 0


@pytest.mark.parametrize(
    ("arena_id", "alias"),
    [
        ("claude-3-5-sonnet-20241022", "anthropic.claude-3-5-sonnet-20241022-v2:0"),
        ("gpt-4o-2024-05-13", "gpt-4o-20240513"),
        ("gemini-1.5-pro-002", "vertex_ai/gemini-1.5-pro-002"),
    ],
)
def test_arena_ids_resolve_once_any_source_gave_the_same_normal_form(arena_id, alias):
    model = ModelFactory()
    IdentityResolver(source="litellm").remember_alias(model, alias)

    assert IdentityResolver(source="arena").resolve(arena_id) == model


def test_attaching_a_queued_gemini_id_makes_the_arena_id_resolve():
    model = ModelFactory(slug="gemini-1-5-pro-002")
    arena = IdentityResolver(source="arena")
    assert arena.resolve("gemini-1.5-pro-002") is None
    arena.queue_unresolved("gemini-1.5-pro-002")

    identity_attach(raw_id="gemini-1.5-pro-002", source="arena", model=model)

    assert IdentityResolver(source="arena").resolve("gemini-1.5-pro-002") == model
    assert IdentityResolver(source="genai-prices").resolve("google/gemini-1.5-pro-002") == model


def test_a_rerun_over_known_ids_writes_nothing():
    models = [ModelFactory(slug=f"model-{i}") for i in range(20)]
    first = IdentityResolver(source="litellm")
    for model in models:
        first.remember_alias(model, f"bedrock/us.anthropic.{model.slug}-20250101-v1:0")
    IdentityResolver(source="litellm").queue_unresolved("mystery-1")

    with CaptureQueriesContext(connection) as queries:
        rerun = IdentityResolver(source="litellm")
        for model in models:
            raw_id = f"bedrock/us.anthropic.{model.slug}-20250101-v1:0"
            assert rerun.resolve(raw_id) == model
            assert rerun.remember_alias(model, raw_id) is False

    assert len(queries) == 4
    assert not any(q["sql"].startswith(("INSERT", "UPDATE", "DELETE")) for q in queries.captured_queries)


def test_an_ignore_ruling_wins_over_an_alias_and_the_creator_fallback():
    palmyra = ModelFactory(slug="palmyra-x5")
    ModelAliasFactory(model=palmyra, alias="palmyra-x5", normalized="palmyra-x-5")
    identity_ignore(raw_id="writer-palmyra-x5", source="arena", source_only=True)
    identity_ignore(raw_id="openrouter/writer/palmyra-x5-preview")

    arena = IdentityResolver(source="arena")
    assert arena.resolve("writer-palmyra-x5", creator_slug="writer") is None
    assert arena.resolve("writer/palmyra-x5-preview") is None
    assert IdentityResolver(source="litellm").resolve("writer-palmyra-x5", creator_slug="writer") == palmyra


def test_a_rerun_touches_every_queued_id_in_a_few_statements(django_assert_max_num_queries):
    first_run = IdentityResolver(source="litellm")
    for n in range(30):
        first_run.queue_unresolved(f"mystery-{n}")
    second_run = IdentityResolver(source="litellm")
    second_run.suggestions("warm-up")  # loads the fuzzy-match candidates once

    with django_assert_max_num_queries(2):
        for n in range(30):
            second_run.queue_unresolved(f"mystery-{n}")
        assert second_run.flush() == 30

    assert set(UnresolvedIdentifier.objects.values_list("occurrences", flat=True)) == {2}


def test_an_id_resolved_later_in_the_run_is_not_touched_again_by_flush(sonnet):
    IdentityResolver(source="arena").queue_unresolved("claude-3-5-sonnet-june")
    run = IdentityResolver(source="arena")
    run.queue_unresolved("claude-3-5-sonnet-june")
    run.remember_alias(sonnet, "claude-3-5-sonnet-june")

    assert run.flush() == 0
    row = UnresolvedIdentifier.objects.get()
    assert (row.status, row.occurrences, row.resolved_model_id) == ("resolved", 1, sonnet.pk)


def run_over(file_key: str, *raw_ids: str) -> IdentityResolver:
    """One ingestion run of a file: queue its ids, then flush."""
    resolver = IdentityResolver(source="arena", input_key=file_key)
    for raw_id in raw_ids:
        resolver.queue_unresolved(raw_id)
    resolver.flush()
    return resolver


def test_re_running_the_same_file_counts_it_once():
    for _ in range(10):
        run_over("sha256:aaa", "mystery-model-1")

    row = UnresolvedIdentifier.objects.get()
    assert (row.occurrences, row.input_keys) == (1, ["sha256:aaa"])


def test_a_second_file_counts_and_re_running_the_first_does_not():
    run_over("sha256:aaa", "mystery-model-1")
    run_over("sha256:bbb", "mystery-model-1")
    run_over("sha256:aaa", "mystery-model-1")

    row = UnresolvedIdentifier.objects.get()
    assert (row.occurrences, row.input_keys) == (2, ["sha256:aaa", "sha256:bbb"])


def test_a_row_keeps_the_latest_fifty_files_and_counts_past_them():
    for n in range(UnresolvedIdentifier.INPUT_KEYS_KEPT + 2):
        run_over(f"sha256:{n:03}", "mystery-model-1")

    row = UnresolvedIdentifier.objects.get()
    assert row.occurrences == 52
    assert row.input_keys == [f"sha256:{n:03}" for n in range(2, 52)]


def test_a_reopened_row_counts_a_new_file_but_not_the_one_it_was_queued_from(sonnet):
    run_over("sha256:aaa", "claude-3-5-sonnet-june")
    rows = UnresolvedIdentifier.objects.all()
    # Closed by a later alias, which a curator then deleted: the next run reopens the row.
    rows.update(status=UnresolvedIdentifier.Status.RESOLVED, resolved_model=sonnet)

    run_over("sha256:aaa", "claude-3-5-sonnet-june")
    assert rows.values_list("status", "occurrences").get() == ("pending", 1)

    rows.update(status=UnresolvedIdentifier.Status.RESOLVED, resolved_model=sonnet)
    run_over("sha256:bbb", "claude-3-5-sonnet-june")
    row = rows.get()
    assert (row.status, row.occurrences, row.input_keys) == ("pending", 2, ["sha256:aaa", "sha256:bbb"])


def test_a_rerun_of_the_same_file_touches_its_queued_ids_in_a_few_statements(django_assert_max_num_queries):
    run_over("sha256:aaa", *(f"mystery-{n}" for n in range(30)))
    rerun = IdentityResolver(source="arena", input_key="sha256:aaa")
    rerun.suggestions("warm-up")

    with django_assert_max_num_queries(2):
        for n in range(30):
            rerun.queue_unresolved(f"mystery-{n}")
        assert rerun.flush() == 30

    assert set(UnresolvedIdentifier.objects.values_list("occurrences", flat=True)) == {1}


def test_a_hosts_serving_tier_names_the_chat_release_only_when_its_spellings_agree():
    chat = ModelFactory(slug="llama-3-3-70b-instruct")
    ModelAliasFactory(model=chat, alias="meta-llama/Llama-3.3-70B-Instruct", normalized="llama-3-3-70b-instruct")
    meta_chat = ModelFactory(slug="llama-2-70b-chat")
    ModelAliasFactory(model=meta_chat, alias="meta-llama/Llama-2-70b-chat-hf", normalized="llama-2-70b-chat")
    upstage = ModelFactory(slug="llama-2-70b-instruct")
    ModelAliasFactory(model=upstage, alias="upstage/Llama-2-70b-instruct", normalized="llama-2-70b-instruct")
    resolver = IdentityResolver(source="genai-prices")

    assert resolver.resolve("llama-3.3-70b-versatile") == chat
    assert resolver.explain("llama-3.3-70b-versatile").rule == "host_deployment"
    # Upstage's Llama-2-70b-instruct and Meta's chat release: which one Groq serves is not certain.
    assert resolver.resolve("llama2-70b-4096") is None
    # A maker's own record names its releases itself: no tier is read off it.
    assert resolver.explain("llama-3.3-70b-versatile", listing=False) is None


def _release(slug: str, *ids: str, variant_of=None, label: str = "") -> Model:
    model = ModelFactory(slug=slug, variant_of=variant_of, variant_label=label)
    for raw_id in ids or (slug,):
        ModelAliasFactory(model=model, alias=raw_id, normalized=normalize_model_id(raw_id))
    return model


def test_a_librarys_size_tag_names_the_chat_release_of_that_family_and_size():
    gemma = _release("gemma-3-4b-it")
    _release("gemma-3-27b-it")
    coder = _release("qwen3-coder-480b-a35b-instruct", "Qwen/Qwen3-Coder-480B-A35B-Instruct")
    _release("qwen3-coder-480b-a35b")  # a host's spelling without the tuning word: the tag means the chat release
    big = _release("qwen3-5-397b-a17b", "qwen3.5-397b-a17b")
    _release("qwen3-5-397b-a17b-thinking", "qwen3.5-397b-a17b-thinking", variant_of=big, label="thinking")
    resolver = IdentityResolver(source="models-dev")

    assert resolver.resolve("gemma3:4b") == gemma
    assert resolver.resolve("qwen3-coder:480b") == coder
    assert resolver.resolve("qwen3-coder:480b-cloud") == coder  # the library's hosted tag
    assert resolver.resolve("qwen3.5:397b") == big  # its thinking mode is its own
    match = resolver.explain("gemma3:4b")
    assert (match.rule, match.evidence.key) == ("host_deployment", "gemma-3-4b-it")
    # A maker's own record names its releases itself.
    assert resolver.explain("gemma3:4b", listing=False) is None


def test_a_size_tags_alias_never_names_the_base_weights():
    chat = _release("gemma-3-12b-it")
    resolver = IdentityResolver(source="models-dev")
    assert resolver.resolve("gemma3:12b") == chat
    resolver.remember_alias(chat, "gemma3:12b")

    later = IdentityResolver(source="together")
    assert later.resolve("gemma3:12b") == chat  # the tag, by its own alias
    assert later.resolve("google/gemma-3-12b") is None  # the bare family and size: elsewhere the base weights
    assert normalize_model_id("llama3:70b") != normalize_model_id("meta-llama/Meta-Llama-3-70B")


def test_a_size_tag_names_the_floating_name_beside_its_own_dated_snapshot():
    # A host's undated id and the dated snapshot are two entries until a rule or a curator joins them;
    # the library's bare tag names the name, as a floating name does.
    floating = _release("ministral-3-8b-instruct", "mistral.ministral-3-8b-instruct")
    _release("ministral-3-8b-2512", "ministral-3-8b-2512", "ministral-3-8b-instruct-2512")
    assert IdentityResolver(source="models-dev").resolve("ministral-3:8b") == floating
    # The base weights of that size are not what a library serves.
    _release("ministral-3-8b-base-2512")
    assert IdentityResolver(source="models-dev").resolve("ministral-3:8b") == floating
    # A chat release of another name is no snapshot of this one: either may be meant.
    _release("ministral-3-8b-chat-2601")
    assert IdentityResolver(source="models-dev").resolve("ministral-3:8b") is None


def test_a_size_tag_decides_nothing_it_could_read_two_ways():
    instruct = _release("qwen3-vl-235b-a22b-instruct")
    release = _release("qwen3-vl-235b-a22b")
    _release("qwen3-vl-235b-a22b-thinking", variant_of=release, label="thinking")
    _release("granite-4-8b-instruct")
    _release("granite-4-8b-chat")
    _release("deepseek-r1")
    resolver = IdentityResolver(source="models-dev")

    assert resolver.resolve("qwen3-vl:235b") is None  # the instruct release, or the other one's thinking mode
    assert resolver.resolve("qwen3-vl:235b-instruct") == instruct
    assert resolver.resolve("qwen3-vl:235b-thinking") is None  # a mode is a variant, not this rule's
    assert resolver.resolve("granite4:8b") is None  # two chat releases answer
    assert resolver.resolve("deepseek-r1:8b") is None  # the 8B distillation, not the 671B release
    _release("qwen3-235b-a22b")
    _release("qwen3-235b-a22b-instruct-2507")
    assert IdentityResolver(source="models-dev").resolve("qwen3:235b") is None  # April's, or July's chat release
    assert resolver.resolve("gemma3:1b") is None  # no release of that size
    assert resolver.resolve("anthropic.claude-v2:1") is None  # a version, not a size
