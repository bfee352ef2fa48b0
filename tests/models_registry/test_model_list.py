import pytest

from aimodelsmap.dataversion import data_version_bump
from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Model
from rankings.models import Score
from tests.factories import ModelFactory
from tests.models_registry.conftest import error_of

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["data"]]


def test_it_lists_models_with_the_spec_shape(api_client, catalog):
    response = api_client.get("/v1/models", {"limit": 1})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"data", "pagination"}
    assert body["data"] == [
        {
            "slug": "claude-3-5-sonnet",
            "name": "Claude 3.5 Sonnet",
            "description": "Claude 3.5 Sonnet by Anthropic.",
            "model_type": "large-language-model",
            "status": "active",
            "provider": {"name": "Anthropic", "slug": "anthropic"},
            "score": 94.2,
            "quality_rank": 1,
            "adoption_rank": 2,
            "state": "stable",
            "context_window": 128000,
        }
    ]
    assert set(body["pagination"]) == {"next_cursor", "has_more", "total"}
    assert body["pagination"]["has_more"] is True
    assert body["pagination"]["total"] == 9
    assert isinstance(body["pagination"]["next_cursor"], str)


def test_it_sorts_by_overall_score_descending_by_default_with_unscored_models_last(api_client, catalog):
    assert slugs(api_client.get("/v1/models")) == [
        "claude-3-5-sonnet",
        "gpt-4o",  # ties with gemini at 91.0: the lower id first
        "gemini-2-0-pro",
        "claude-sonnet-4",
        "claude-3-opus",
        "gpt-4o-mini",
        "llama-3-1-70b",
        "claude-3-haiku",
        "dall-e-3",
    ]


def test_it_serves_null_score_fields_for_unscored_models(api_client, catalog):
    row = api_client.get("/v1/models", {"search": "haiku"}).json()["data"][0]
    assert (row["score"], row["quality_rank"], row["adoption_rank"], row["state"]) == (None, None, None, None)


def test_it_serves_null_description_and_context_window_when_unknown(api_client, catalog):
    Model.objects.filter(slug="dall-e-3").update(description="")
    row = api_client.get("/v1/models", {"search": "dall"}).json()["data"][0]
    assert row["description"] is None
    assert row["context_window"] is None
    assert row["model_type"] == "image-generation-model"


def test_it_sorts_ascending_by_score_keeping_unscored_models_last(api_client, catalog):
    result = slugs(api_client.get("/v1/models", {"sort_order": "asc"}))
    assert result[:3] == ["llama-3-1-70b", "gpt-4o-mini", "claude-3-opus"]
    assert result[-2:] == ["claude-3-haiku", "dall-e-3"]


def test_it_sorts_by_name_case_insensitively(api_client, catalog):
    assert slugs(api_client.get("/v1/models", {"sort_by": "name", "sort_order": "asc"})) == [
        "claude-3-haiku",
        "claude-3-opus",
        "claude-3-5-sonnet",
        "claude-sonnet-4",
        "dall-e-3",
        "gemini-2-0-pro",
        "gpt-4o",
        "gpt-4o-mini",
        "llama-3-1-70b",
    ]
    assert slugs(api_client.get("/v1/models", {"sort_by": "name"}))[0] == "llama-3-1-70b"


def test_it_sorts_by_rank(api_client, catalog):
    result = slugs(api_client.get("/v1/models", {"sort_by": "rank", "sort_order": "asc"}))
    assert result[:7] == [
        "claude-3-5-sonnet",
        "gpt-4o",
        "gemini-2-0-pro",
        "claude-sonnet-4",
        "claude-3-opus",
        "gpt-4o-mini",
        "llama-3-1-70b",
    ]
    assert slugs(api_client.get("/v1/models", {"sort_by": "rank"}))[:2] == ["llama-3-1-70b", "gpt-4o-mini"]


def test_it_sorts_trending_by_seven_day_change(api_client, catalog):
    assert slugs(api_client.get("/v1/models", {"sort_by": "trending"})) == [
        "claude-sonnet-4",  # +5
        "gpt-4o",  # +3
        "llama-3-1-70b",  # +2
        "claude-3-5-sonnet",  # +1
        "claude-3-opus",  # 0
        "gemini-2-0-pro",  # -2
        "gpt-4o-mini",  # -4
        "claude-3-haiku",
        "dall-e-3",
    ]


def test_trending_places_a_model_with_no_seven_day_comparison_with_the_unmoved(api_client, catalog):
    Score.objects.filter(model__slug="gpt-4o-mini", category__slug=OVERALL_CATEGORY_SLUG).update(change_7d=None)

    order = slugs(api_client.get("/v1/models", {"sort_by": "trending"}))

    assert order[:4] == ["claude-sonnet-4", "gpt-4o", "llama-3-1-70b", "claude-3-5-sonnet"]
    assert set(order[4:6]) == {"claude-3-opus", "gpt-4o-mini"}  # 0 and null: tied, by id
    assert order[6:] == ["gemini-2-0-pro", "claude-3-haiku", "dall-e-3"]


def test_the_category_filter_includes_subcategories_and_uses_that_categorys_scores(api_client, catalog):
    response = api_client.get("/v1/models", {"category": "coding"})
    assert slugs(response) == ["claude-3-5-sonnet", "gpt-4o", "claude-sonnet-4", "claude-3-opus", "gemini-2-0-pro"]
    rows = {row["slug"]: row for row in response.json()["data"]}
    assert (rows["claude-3-5-sonnet"]["score"], rows["gpt-4o"]["score"], rows["gpt-4o"]["state"]) == (
        95.0,
        90.0,
        "rising",
    )
    assert rows["gemini-2-0-pro"]["score"] is None
    assert response.json()["pagination"]["total"] == 5


def test_a_model_in_several_subcategories_is_listed_once(api_client, catalog):
    catalog.models["gpt-4o"].categories.add(catalog.categories["coding-debugging"], catalog.categories["coding"])
    assert slugs(api_client.get("/v1/models", {"category": "coding"})).count("gpt-4o") == 1


def test_a_subcategory_filter_lists_only_its_models(api_client, catalog):
    assert slugs(api_client.get("/v1/models", {"category": "coding-generation"})) == [
        "claude-3-5-sonnet",
        "gpt-4o",
    ]


def test_the_overall_category_lists_every_model(api_client, catalog):
    assert api_client.get("/v1/models", {"category": "overall"}).json()["pagination"]["total"] == 9


def test_it_filters_by_provider_status_and_search(api_client, catalog):
    assert slugs(api_client.get("/v1/models", {"provider": "openai", "sort_by": "name", "sort_order": "asc"})) == [
        "dall-e-3",
        "gpt-4o",
        "gpt-4o-mini",
    ]
    assert slugs(api_client.get("/v1/models", {"status": "deprecated"})) == ["claude-3-opus"]
    assert slugs(api_client.get("/v1/models", {"search": "SONNET"})) == ["claude-3-5-sonnet", "claude-sonnet-4"]
    # Aliases count: "openai/gpt-4o" is an alias of gpt-4o only.
    assert slugs(api_client.get("/v1/models", {"search": "openai/"})) == ["gpt-4o"]
    assert slugs(api_client.get("/v1/models", {"search": "no such model"})) == []


def test_filters_combine(api_client, catalog):
    response = api_client.get("/v1/models", {"provider": "anthropic", "category": "coding", "status": "active"})
    assert slugs(response) == ["claude-3-5-sonnet", "claude-sonnet-4"]
    assert response.json()["pagination"] == {"next_cursor": None, "has_more": False, "total": 2}


def test_a_blank_search_lists_everything(api_client, catalog):
    assert api_client.get("/v1/models", {"search": ""}).json()["pagination"]["total"] == 9


@pytest.mark.parametrize(
    ("params", "field", "fragment"),
    [
        ({"status": "gone"}, "status", "Allowed values: active, deprecated, preview, retired."),
        ({"sort_by": "popularity"}, "sort_by", "Allowed values: score, name, rank, trending."),
        ({"sort_order": "up"}, "sort_order", "Allowed values: asc, desc."),
        ({"category": "no-such-category"}, "category", 'Unknown category "no-such-category".'),
        ({"provider": "no-such-provider"}, "provider", 'Unknown provider "no-such-provider".'),
        ({"limit": "0"}, "limit", ""),
        ({"limit": "101"}, "limit", ""),
        ({"cursor": "garbage"}, "cursor", "Invalid cursor."),
    ],
)
def test_it_rejects_bad_parameters_naming_them(api_client, catalog, params, field, fragment):
    error = error_of(api_client.get("/v1/models", params), 400, "bad_request")
    assert list(error["details"]) == [field]
    assert fragment in error["details"][field][0]


def test_a_cursor_from_another_sort_is_rejected(api_client, catalog):
    cursor = api_client.get("/v1/models", {"limit": 2}).json()["pagination"]["next_cursor"]
    error = error_of(
        api_client.get("/v1/models", {"limit": 2, "cursor": cursor, "sort_by": "name"}), 400, "bad_request"
    )
    assert list(error["details"]) == ["cursor"]


def test_a_cursor_from_other_filters_is_rejected(api_client, catalog):
    cursor = api_client.get("/v1/models", {"limit": 2}).json()["pagination"]["next_cursor"]
    response = api_client.get("/v1/models", {"limit": 2, "cursor": cursor, "provider": "openai"})
    assert error_of(response, 400, "bad_request")["details"] == {
        "cursor": ["This cursor does not belong to this list or ordering."]
    }


def test_it_requires_an_api_key(client, catalog):
    error = error_of(client.get("/v1/models"), 401, "unauthorized")
    assert error["details"] is None


def test_a_data_version_bump_serves_fresh_data(api_client, catalog, django_capture_on_commit_callbacks):
    assert api_client.get("/v1/models").json()["pagination"]["total"] == 9
    ModelFactory(slug="new-model", name="New Model")
    # Cached under the current version until something bumps it.
    assert api_client.get("/v1/models").json()["pagination"]["total"] == 9
    with django_capture_on_commit_callbacks(execute=True):
        data_version_bump()
    assert api_client.get("/v1/models").json()["pagination"]["total"] == 10


def test_it_answers_with_rate_limit_headers(api_client, catalog):
    response = api_client.get("/v1/models")
    assert response["X-RateLimit-Limit"] == "1000"
    assert response["X-RateLimit-Remaining"] == "999"


def test_without_an_overall_category_every_model_is_listed_unscored(api_client, catalog):
    Category.objects.filter(slug="overall").delete()
    body = api_client.get("/v1/models", {"limit": 5}).json()
    assert [row["score"] for row in body["data"]] == [None] * 5
    assert body["pagination"]["total"] == 9
    rest = api_client.get("/v1/models", {"limit": 5, "cursor": body["pagination"]["next_cursor"]}).json()
    assert len(rest["data"]) == 4
    assert rest["pagination"]["has_more"] is False
