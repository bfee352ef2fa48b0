from types import SimpleNamespace

import pytest

from aimodelsmap.dataversion import data_version_bump
from models_registry.search import SearchDocument, SearchIndex
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory
from tests.models_registry.conftest import error_of

pytestmark = pytest.mark.django_db

# Real-looking names across several creators, including near neighbours.
NAMES = [
    (
        "claude-3-5-sonnet",
        "Claude 3.5 Sonnet",
        "Anthropic",
        ["claude-3-5-sonnet-20241022", "anthropic/claude-3.5-sonnet"],
    ),
    ("claude-sonnet-4", "Claude Sonnet 4", "Anthropic", ["claude-sonnet-4-20250514"]),
    ("claude-3-7-sonnet", "Claude 3.7 Sonnet", "Anthropic", []),
    ("claude-3-opus", "Claude 3 Opus", "Anthropic", []),
    ("claude-3-haiku", "Claude 3 Haiku", "Anthropic", []),
    ("gpt-4o", "GPT-4o", "OpenAI", ["openai/gpt-4o", "gpt-4o-2024-08-06"]),
    ("gpt-4o-mini", "GPT-4o mini", "OpenAI", []),
    ("o3-mini", "o3-mini", "OpenAI", []),
    ("gemini-2-0-flash", "Gemini 2.0 Flash", "Google", ["google/gemini-2.0-flash-001"]),
    ("gemini-2-5-pro", "Gemini 2.5 Pro", "Google", []),
    ("llama-3-1-70b", "Llama 3.1 70B Instruct", "Meta", ["meta-llama/llama-3.1-70b-instruct"]),
    ("mistral-large", "Mistral Large", "Mistral", []),
    ("mixtral-8x7b", "Mixtral 8x7B Instruct", "Mistral", []),
    ("command-r-plus", "Command R+", "Cohere", []),
    ("deepseek-r1", "DeepSeek R1", "DeepSeek", ["deepseek/deepseek-r1"]),
    ("qwen-2-5-72b", "Qwen2.5 72B Instruct", "Alibaba", []),
    ("sonar", "Sonar", "Perplexity", []),
]


def document(n, slug, name, provider, aliases, description=""):
    return SearchDocument(n, slug, name, provider, None, tuple(aliases), description)


@pytest.fixture
def index():
    return SearchIndex([document(n, *row) for n, row in enumerate(NAMES)])


def top(index, query, k=3):
    return [hit.document.slug for hit in index.search(query, limit=k)]


def test_a_typo_finds_claude_sonnet_models_first(index):
    hits = top(index, "cluade sonnet", k=4)
    assert set(hits[:3]) == {"claude-3-5-sonnet", "claude-sonnet-4", "claude-3-7-sonnet"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gpt4o", "gpt-4o"),
        ("gpt-4o mini", "gpt-4o-mini"),
        ("gemni flash", "gemini-2-0-flash"),
        ("lama 70b", "llama-3-1-70b"),
        ("mixtral", "mixtral-8x7b"),
        ("deepsek r1", "deepseek-r1"),
        ("claude-3-5-sonnet-20241022", "claude-3-5-sonnet"),
        ("opus", "claude-3-opus"),
        ("clau haiku", "claude-3-haiku"),
        ("Qwen 72b", "qwen-2-5-72b"),
    ],
)
def test_it_ranks_the_intended_model_first(index, query, expected):
    assert top(index, query, k=1) == [expected]


def test_descriptions_are_searched_but_names_win():
    docs = [
        document(0, "writer", "Writer Palmyra", "Writer", [], "Strong at code generation for enterprises."),
        document(1, "codestral", "Codestral", "Mistral", [], "Mistral's code model."),
    ]
    index = SearchIndex(docs)
    assert top(index, "codestral", k=2)[0] == "codestral"
    assert top(index, "enterprises", k=2) == ["writer"]


def test_nothing_matches_gibberish(index):
    assert index.search("zzzzqqqq", limit=5) == []


def test_an_empty_index_answers_nothing():
    assert SearchIndex([]).search("claude", limit=5) == []


def test_the_endpoint_answers_with_the_spec_shape(api_client, catalog):
    response = api_client.get("/v1/models/search", {"q": "cluade sonnet", "limit": 2})
    assert response.status_code == 200
    body = response.json()
    # Both Claude Sonnet models come first, in whichever order their names score.
    body["data"].sort(key=lambda row: row["slug"])
    assert body == {
        "data": [
            {"slug": "claude-3-5-sonnet", "name": "Claude 3.5 Sonnet", "provider": "Anthropic", "score": 94.2},
            {"slug": "claude-sonnet-4", "name": "Claude Sonnet 4", "provider": "Anthropic", "score": 88.5},
        ],
        "query": "cluade sonnet",
        "count": 2,
    }


def test_the_endpoint_finds_aliases_and_serves_null_scores(api_client, catalog):
    data = api_client.get("/v1/models/search", {"q": "sonnet-3.5"}).json()["data"]
    assert data[0]["slug"] == "claude-3-5-sonnet"
    haiku = api_client.get("/v1/models/search", {"q": "claude haiku", "limit": 1}).json()["data"]
    assert haiku == [{"slug": "claude-3-haiku", "name": "Claude 3 Haiku", "provider": "Anthropic", "score": None}]


def test_the_endpoint_limits_results(api_client, catalog):
    body = api_client.get("/v1/models/search", {"q": "claude", "limit": 3}).json()
    assert body["count"] == len(body["data"]) == 3
    assert api_client.get("/v1/models/search", {"q": "claude"}).json()["count"] == 4


def test_the_index_is_rebuilt_when_the_data_version_changes(api_client, catalog, django_capture_on_commit_callbacks):
    assert api_client.get("/v1/models/search", {"q": "grok"}).json()["count"] == 0
    model = ModelFactory(slug="grok-3", name="Grok 3", creator=ProviderFactory(slug="xai", name="xAI"))
    ModelAliasFactory(model=model, alias="x-ai/grok-3", normalized="x-ai/grok-3")
    with django_capture_on_commit_callbacks(execute=True):
        data_version_bump()
    data = api_client.get("/v1/models/search", {"q": "grok"}).json()["data"]
    assert data == [{"slug": "grok-3", "name": "Grok 3", "provider": "xAI", "score": None}]


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_a_missing_or_blank_query_is_a_400(api_client, catalog, params):
    error = error_of(api_client.get("/v1/models/search", params), 400, "bad_request")
    assert list(error["details"]) == ["q"]


@pytest.mark.parametrize("limit", ["0", "101", "abc", "1.5", "-1"])
def test_a_bad_limit_is_a_400(api_client, catalog, limit):
    error = error_of(api_client.get("/v1/models/search", {"q": "claude", "limit": limit}), 400, "bad_request")
    assert list(error["details"]) == ["limit"]


def test_it_requires_an_api_key(client, catalog):
    error_of(client.get("/v1/models/search", {"q": "claude"}), 401, "unauthorized")


class CountingLoader:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return [document(0, "gpt-4o", "GPT-4o", "OpenAI", [])]


def test_the_versioned_index_builds_once_per_version(monkeypatch):
    from models_registry import search

    versions = iter([5, 5, 6, 6])
    monkeypatch.setattr(search, "data_version", lambda: next(versions))
    loader = CountingLoader()
    index = search.VersionedIndex(loader)
    first = index.get()
    assert index.get() is first
    assert index.get() is not first
    index.get()
    assert loader.calls == 2


def test_without_a_version_the_index_is_rebuilt_when_stale(monkeypatch):
    from models_registry import search

    monkeypatch.setattr(search, "data_version", lambda: 0)
    now = [0.0]
    monkeypatch.setattr(search, "time", SimpleNamespace(monotonic=lambda: now[0]))
    loader = CountingLoader()
    index = search.VersionedIndex(loader, stale_after=30.0)
    index.get()
    now[0] = 10.0
    index.get()
    assert loader.calls == 1
    now[0] = 31.0
    index.get()
    assert loader.calls == 2
