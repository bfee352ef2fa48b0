import pytest

from tests.factories import CategoryFactory
from tests.models_registry.conftest import error_of

pytestmark = pytest.mark.django_db


def test_it_serves_the_whole_tree_in_display_order(api_client, catalog):
    response = api_client.get("/v1/categories")
    assert response.status_code == 200
    assert response.json() == {
        "data": [
            {"slug": "overall", "name": "Overall", "description": None, "display_order": 0, "children": []},
            {
                "slug": "coding",
                "name": "Coding",
                "description": "Software development.",
                "display_order": 1,
                "children": [
                    {
                        "slug": "coding-generation",
                        "name": "Code Generation",
                        "description": "Models for code generation.",
                        "display_order": 1,
                        "children": [],
                    },
                    {
                        "slug": "coding-debugging",
                        "name": "Debugging & Repair",
                        "description": "Models for debugging & repair.",
                        "display_order": 2,
                        "children": [],
                    },
                ],
            },
            {
                "slug": "image-generation",
                "name": "Image Generation",
                "description": "Models for image generation.",
                "display_order": 2,
                "children": [],
            },
        ]
    }


def test_grandchildren_nest(api_client, catalog):
    CategoryFactory(slug="coding-python", name="Python", parent=catalog.categories["coding-generation"])
    coding = api_client.get("/v1/categories").json()["data"][1]
    assert coding["children"][0]["children"][0]["slug"] == "coding-python"


def test_it_serves_one_category_with_parent_children_and_model_count(api_client, catalog):
    coding = catalog.categories["coding"]
    response = api_client.get("/v1/categories/coding")
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "slug": "coding",
            "name": "Coding",
            "description": "Software development.",
            "parent": None,
            "children": [
                {"slug": "coding-generation", "name": "Code Generation", "display_order": 1},
                {"slug": "coding-debugging", "name": "Debugging & Repair", "display_order": 2},
            ],
            # sonnet 3.5 (coding + generation, counted once), opus, gemini, gpt-4o, sonnet 4
            "model_count": 5,
            "display_order": 1,
            "created_at": coding.created_at.isoformat().replace("+00:00", "Z"),
        }
    }


def test_a_subcategory_names_its_parent(api_client, catalog):
    data = api_client.get("/v1/categories/coding-generation").json()["data"]
    assert data["parent"] == {"slug": "coding", "name": "Coding"}
    assert data["children"] == []
    assert data["model_count"] == 2


def test_an_unknown_category_is_a_404(api_client, catalog):
    error = error_of(api_client.get("/v1/categories/nope"), 404, "not_found")
    assert error["message"] == "Category not found."


@pytest.mark.parametrize("path", ["/v1/categories", "/v1/categories/coding"])
def test_it_requires_an_api_key(client, catalog, path):
    error_of(client.get(path), 401, "unauthorized")
