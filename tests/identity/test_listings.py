"""How a host wraps someone else's release: a provider's name around the id, and a listing name that says which
release it serves (docs/identity.md, "How an id resolves")."""

from datetime import date

import pytest

from models_registry.identity import IdentityResolver
from models_registry.identity.listings import listed_names, route_splits, tail_agrees
from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.resolver import HOST_ROUTE, LISTED_NAME
from models_registry.models import Model, UnresolvedIdentifier
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory
from tests.identity.test_any_order import ORDERS, genai_prices, grouping, in_order, lab_cards, read

# --- the pure rules ---------------------------------------------------------------------------


def test_a_mark_is_one_or_two_words_at_either_end_and_leaves_a_name():
    assert route_splits("azure-gpt-4-o") == [("azure", "gpt-4-o"), ("azure-gpt", "4-o")]
    assert route_splits("deepseek-r-1-sambanova") == [
        ("deepseek", "r-1-sambanova"),
        ("sambanova", "deepseek-r-1"),
        ("deepseek-r", "1-sambanova"),
        ("1-sambanova", "deepseek-r"),
    ]
    # A letter or a version is no provider's mark, and a single word leaves nothing to name.
    assert route_splits("o-1") == []
    assert route_splits("gpt") == []


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Agentic Chat (Claude Haiku 4.5)", ("Agentic Chat", "Claude Haiku 4.5")),
        ("DeepSeek V4 Flash (Alibaba Cloud)", ("DeepSeek V4 Flash", "Alibaba Cloud")),
        ("(GPT-5.1)", ("GPT-5.1",)),
        ("Azure gpt-4o", ()),
        ("A (b) (c)", ()),
        (None, ()),
    ],
)
def test_a_listing_name_with_a_parenthesis_has_two_halves(name, parts):
    assert listed_names(name) == parts


@pytest.mark.parametrize(
    ("raw_id", "named", "agrees"),
    [
        ("duo-chat-haiku-4-5", "claude-haiku-4-5", True),
        ("duo-chat-gpt-5-1", "gpt-5-1", True),
        ("alicloud-deepseek-v4-flash", "deepseek-v-4-flash", True),
        # Another release of the same family, or words without a number, never agree.
        ("duo-chat-opus-4-5", "claude-haiku-4-5", False),
        ("duo-chat-gpt-5-1", "gpt-5-1-mini", False),
        ("brave-research", "research", False),
        # The id itself is not a wrapping: at least its first word goes.
        ("gpt-5-1", "gpt-5-1", False),
    ],
)
def test_the_id_must_end_as_the_named_release_does(raw_id, named, agrees):
    assert tail_agrees(normalize_model_id(raw_id), named) is agrees


# --- the resolver ------------------------------------------------------------------------------


@pytest.fixture
def catalog(db):
    openai = ProviderFactory(slug="openai", name="OpenAI", is_creator=True, is_host=True)
    anthropic = ProviderFactory(slug="anthropic", name="Anthropic", is_creator=True, is_host=True)
    cohere = ProviderFactory(slug="cohere", name="Cohere", is_creator=True, is_host=True)
    ProviderFactory(slug="azure", name="Azure", is_creator=False, is_host=True)
    ProviderFactory(slug="mistral", name="Mistral", is_creator=True, is_host=True)
    google = ProviderFactory(slug="google", name="Google", is_creator=True, is_host=True)
    alibaba = ProviderFactory(slug="alibaba", name="Alibaba", is_creator=True, is_host=True)
    models = {
        "gpt-4o": ModelFactory(slug="gpt-4o", creator=openai),
        "claude-haiku-4-5": ModelFactory(slug="claude-haiku-4-5", creator=anthropic),
        "embed-v4-0": ModelFactory(slug="embed-v4-0", creator=cohere),
        "gemma-3-12b-it": ModelFactory(slug="gemma-3-12b-it", creator=google),
        "qwen3-coder-480b-a35b": ModelFactory(slug="qwen3-coder-480b-a35b", creator=alibaba),
        "qwen3-coder-480b-a35b-instruct": ModelFactory(slug="qwen3-coder-480b-a35b-instruct", creator=alibaba),
    }
    for slug, model in models.items():
        ModelAliasFactory(model=model, alias=slug, normalized=normalize_model_id(slug))
    return models


def explained(raw_id: str, **kwargs):
    match = IdentityResolver(source="models-dev").explain(raw_id, **kwargs)
    return None if match is None else (Model.objects.get(pk=match.model_id).slug, match.rule)


def test_a_hosts_name_around_a_release_is_its_route(catalog):
    assert explained("azure-gpt-4o") == ("gpt-4o", HOST_ROUTE)
    assert explained("gpt-4o-azure") == ("gpt-4o", HOST_ROUTE)
    # A maker's own name before its release.
    assert explained("cohere-embed-v4.0") == ("embed-v4-0", HOST_ROUTE)
    # A lab before another lab's release names a derivative, not a route; an unknown word names nothing.
    assert explained("mistral-gpt-4o") is None
    assert explained("acme-gpt-4o") is None


def test_a_listing_name_and_the_id_together_name_the_release(catalog):
    assert explained("duo-chat-haiku-4-5", name="Agentic Chat (Claude Haiku 4.5)") == (
        "claude-haiku-4-5",
        LISTED_NAME,
    )
    # The name alone, or the id alone, is no evidence.
    assert explained("duo-chat-opus-4-5", name="Agentic Chat (Claude Haiku 4.5)") is None
    assert explained("duo-chat-haiku-4-5") is None
    assert explained("duo-chat-haiku-4-5", name="Agentic Chat") is None


def test_the_resolve_endpoint_names_the_new_rules(catalog, api_client):
    body = api_client.get("/v1/resolve", {"id": "azure-gpt-4o"}).json()["data"]
    assert (body["model"]["slug"], body["rule"]) == ("gpt-4o", "host_route")


# --- through the pipelines, in both orders -----------------------------------------------------


@pytest.mark.django_db
@ORDERS
def test_a_resellers_wrapped_ids_land_on_the_release_in_any_order(tmp_path, reverse):
    card = lab_cards(
        tmp_path, "models-dev", {"openai/gpt-5.1": {"name": "GPT-5.1", "release_date": date(2025, 11, 13)}}
    )
    listings = genai_prices(tmp_path, "gitlab", {"duo-chat-gpt-5-1": "Agentic Chat (GPT-5.1)", "duo-chat": "Duo"})
    read(in_order([card, listings], reverse))

    assert grouping() == {frozenset({"gpt-5-1", "duo-chat-gpt-5-1"})}
    assert list(UnresolvedIdentifier.objects.pending().values_list("raw_id", flat=True)) == ["duo-chat"]
