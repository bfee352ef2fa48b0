"""IdentityResolver.explain: the rule each id resolves by and the row it rests on, in precedence order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from models_registry.identity import IdentityResolver
from models_registry.identity.resolver import (
    EXACT_ALIAS,
    IGNORED_FOR_ALL_SOURCES,
    IGNORED_FOR_SOURCE,
    MAKER_PREFIX,
    NORMALIZED_ALIAS,
    RULING_FOR_ALL_SOURCES,
    RULING_FOR_SOURCE,
    Evidence,
    Match,
)
from models_registry.models import ModelAlias
from models_registry.services import identity_attach, identity_create_model, identity_ignore
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sonnet():
    model = ModelFactory(slug="claude-3-5-sonnet-20241022")
    ModelAliasFactory(model=model, alias="claude-3-5-sonnet-20241022", normalized="claude-3-5-sonnet-20241022")
    return model


def test_an_alias_as_written_is_an_exact_match(sonnet):
    match = IdentityResolver(source="arena").explain("claude-3-5-sonnet-20241022")

    assert match == Match(sonnet.pk, EXACT_ALIAS, Evidence(EXACT_ALIAS, "claude-3-5-sonnet-20241022"))


def test_another_spelling_matches_through_the_normal_form(sonnet):
    match = IdentityResolver(source="litellm").explain("us.anthropic.claude-3-5-sonnet-20241022-v2:0")

    assert match == Match(sonnet.pk, NORMALIZED_ALIAS, Evidence(NORMALIZED_ALIAS, "claude-3-5-sonnet-20241022"))


def test_an_unknown_or_empty_id_explains_nothing(sonnet):
    resolver = IdentityResolver(source="arena")

    assert resolver.explain("claude-3-5-sonnet-20240620") is None
    assert resolver.explain("--") is None


def test_a_ruling_for_all_sources_explains_an_id_whose_alias_was_deleted(sonnet):
    identity_attach(raw_id="claude-3-5-sonnet-v2", source="arena", model=sonnet)
    ModelAlias.objects.filter(normalized="claude-3-5-sonnet-v-2").delete()
    resolver = IdentityResolver(source="openrouter")

    match = resolver.explain("claude-3-5-sonnet-v2")

    assert match == Match(sonnet.pk, RULING_FOR_ALL_SOURCES, Evidence(RULING_FOR_ALL_SOURCES, "claude-3-5-sonnet-v-2"))
    assert not ModelAlias.objects.filter(normalized="claude-3-5-sonnet-v-2").exists()  # explaining writes nothing
    assert resolver.resolve("claude-3-5-sonnet-v2") == sonnet
    assert ModelAlias.objects.filter(normalized="claude-3-5-sonnet-v-2").exists()  # resolving restores the alias


def test_a_ruling_for_one_source_wins_over_the_alias_there_only():
    latest = ModelFactory(slug="gemini-pro-latest")
    ModelAliasFactory(model=latest, alias="gemini/gemini-pro-latest", normalized="gemini-pro")
    gemini_1 = identity_create_model(
        raw_id="gemini-pro", source="arena", source_only=True, creator=ProviderFactory(slug="google")
    )

    assert IdentityResolver(source="arena").explain("gemini-pro") == Match(
        gemini_1.pk, RULING_FOR_SOURCE, Evidence(RULING_FOR_SOURCE, "gemini-pro")
    )
    assert IdentityResolver(source="openrouter").explain("google/gemini-pro") == Match(
        latest.pk, NORMALIZED_ALIAS, Evidence(NORMALIZED_ALIAS, "gemini-pro")
    )


def test_ignore_rulings_explain_as_matches_without_a_model(sonnet):
    identity_ignore(raw_id="openrouter/auto")
    identity_ignore(raw_id="claude-3-5-sonnet-20241022", source="arena", source_only=True)

    assert IdentityResolver(source="litellm").explain("openrouter/auto") == Match(
        None, IGNORED_FOR_ALL_SOURCES, Evidence(RULING_FOR_ALL_SOURCES, "auto")
    )
    assert IdentityResolver(source="arena").explain("claude-3-5-sonnet-20241022") == Match(
        None, IGNORED_FOR_SOURCE, Evidence(RULING_FOR_SOURCE, "claude-3-5-sonnet-20241022")
    )
    assert IdentityResolver(source="litellm").explain("claude-3-5-sonnet-20241022").rule == EXACT_ALIAS


def test_the_makers_prefix_is_tried_last_and_names_the_row_it_found():
    palmyra = ModelFactory(slug="palmyra-x5")
    ModelAliasFactory(model=palmyra, alias="palmyra-x5", normalized="palmyra-x-5")
    resolver = IdentityResolver(source="arena")

    assert resolver.explain("writer-palmyra-x5") is None
    assert resolver.explain("writer-palmyra-x5", creator_slug="writer") == Match(
        palmyra.pk, MAKER_PREFIX, Evidence(NORMALIZED_ALIAS, "palmyra-x-5")
    )


def test_explaining_reads_memory_only(sonnet):
    identity_ignore(raw_id="openrouter/auto")
    resolver = IdentityResolver(source="arena")

    with CaptureQueriesContext(connection) as queries:
        for raw_id in ("claude-3-5-sonnet-20241022", "anthropic/claude-3.5-sonnet-20241022", "openrouter/auto", "x"):
            resolver.explain(raw_id, creator_slug="anthropic")

    assert len(queries) == 0
