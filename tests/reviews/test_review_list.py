from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.models import Review, review_public_id
from tests.factories import AccountFactory, ModelFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def list_reviews(client, slug, **params):
    return client.get(f"/v1/models/{slug}/reviews", params)


def make_review(model, *, minutes_ago, **kwargs):
    review = ReviewFactory(model=model, **kwargs)
    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    review.refresh_from_db()
    return review


def test_it_lists_reviews_with_summary_and_exact_fields(api_client):
    model = ModelFactory(slug="claude-3-5-sonnet")
    verified = AccountFactory(is_verified=True)
    review = make_review(model, minutes_ago=1, account=verified, rating=5, helpful_count=87, author_name="ml_42")
    make_review(model, minutes_ago=2, rating=4)
    make_review(model, minutes_ago=3, rating=4, title=None, use_case=None)
    ReviewFactory(rating=1)  # another model's review

    response = list_reviews(api_client, model.slug)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"data", "summary", "model", "pagination"}
    assert body["model"] == "claude-3-5-sonnet"
    assert body["summary"] == {
        "average_rating": 4.3,
        "total_reviews": 3,
        "rating_distribution": {"1": 0, "2": 0, "3": 0, "4": 2, "5": 1},
    }
    assert body["pagination"] == {"next_cursor": None, "has_more": False, "total": 3}
    first = body["data"][0]
    assert first == {
        "id": review_public_id(review.pk),
        "author_name": "ml_42",
        "rating": 5,
        "title": "Solid model",
        "body": review.body,
        "use_case": "software-development",
        "verified": True,
        "helpful_count": 87,
        "created_at": first["created_at"],
    }
    assert body["data"][2]["title"] is None
    assert body["data"][2]["use_case"] is None
    assert body["data"][1]["verified"] is False


def test_a_model_without_reviews_has_no_average(api_client):
    model = ModelFactory()
    body = list_reviews(api_client, model.slug).json()
    assert body["data"] == []
    assert body["summary"] == {
        "average_rating": None,
        "total_reviews": 0,
        "rating_distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
    }
    assert body["pagination"] == {"next_cursor": None, "has_more": False, "total": 0}


def test_hidden_reviews_leave_the_listing_and_the_summary(api_client):
    model = ModelFactory()
    shown = make_review(model, minutes_ago=1, rating=5)
    make_review(model, minutes_ago=2, rating=1, is_hidden=True)
    body = list_reviews(api_client, model.slug).json()
    assert [item["id"] for item in body["data"]] == [review_public_id(shown.pk)]
    assert body["summary"]["total_reviews"] == 1
    assert body["summary"]["average_rating"] == 5
    assert body["summary"]["rating_distribution"]["1"] == 0
    assert body["pagination"]["total"] == 1


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("recent", ["a", "b", "c", "d"]),
        ("helpful", ["c", "d", "a", "b"]),
        ("rating_high", ["b", "d", "a", "c"]),
        ("rating_low", ["c", "a", "b", "d"]),
    ],
)
def test_it_sorts_reviews(api_client, sort, expected):
    model = ModelFactory()
    reviews = {
        "a": make_review(model, minutes_ago=1, rating=3, helpful_count=1),
        "b": make_review(model, minutes_ago=2, rating=5, helpful_count=1),
        "c": make_review(model, minutes_ago=3, rating=1, helpful_count=9),
        "d": make_review(model, minutes_ago=4, rating=5, helpful_count=9),
    }
    names = {review_public_id(review.pk): name for name, review in reviews.items()}
    body = list_reviews(api_client, model.slug, sortBy=sort).json()
    assert [names[item["id"]] for item in body["data"]] == expected


@pytest.mark.parametrize("sort", ["recent", "helpful", "rating_high", "rating_low"])
def test_pagination_walks_every_review_once_in_order(api_client, sort):
    model = ModelFactory()
    when = timezone.now()
    for index in range(23):
        review = ReviewFactory(model=model, rating=index % 5 + 1, helpful_count=index % 3)
        # Shared timestamps make the id tie-breaker matter.
        Review.objects.filter(pk=review.pk).update(created_at=when - timedelta(minutes=index // 4))
    full = list_reviews(api_client, model.slug, sortBy=sort, limit=100).json()["data"]
    seen, cursor, pages = [], None, 0
    while True:
        params = {"sortBy": sort, "limit": 5, **({"cursor": cursor} if cursor else {})}
        body = list_reviews(api_client, model.slug, **params).json()
        pages += 1
        seen.extend(item["id"] for item in body["data"])
        assert body["pagination"]["total"] == 23
        if not body["pagination"]["has_more"]:
            assert body["pagination"]["next_cursor"] is None
            break
        cursor = body["pagination"]["next_cursor"]
    assert pages == 5
    assert seen == [item["id"] for item in full]
    assert len(set(seen)) == 23


def test_a_cursor_from_another_sort_or_model_is_rejected(api_client):
    model = ModelFactory()
    ReviewFactory.create_batch(3, model=model)
    cursor = list_reviews(api_client, model.slug, limit=1).json()["pagination"]["next_cursor"]
    response = list_reviews(api_client, model.slug, sortBy="helpful", cursor=cursor)
    assert response.status_code == 400
    assert set(response.json()["error"]["details"]) == {"cursor"}
    other = ModelFactory()
    assert list_reviews(api_client, other.slug, cursor=cursor).status_code == 400
    assert list_reviews(api_client, model.slug, cursor="garbage").status_code == 400


@pytest.mark.parametrize(
    ("params", "field"),
    [({"sortBy": "oldest"}, "sortBy"), ({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"limit": "x"}, "limit")],
)
def test_it_rejects_bad_query_parameters(api_client, params, field):
    model = ModelFactory()
    response = list_reviews(api_client, model.slug, **params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert set(response.json()["error"]["details"]) == {field}


def test_it_returns_404_for_an_unknown_model(api_client):
    response = list_reviews(api_client, "nope")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Model not found.", "details": None}}


def test_listing_requires_a_key(client):
    model = ModelFactory()
    response = list_reviews(client, model.slug)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_an_anonymous_plan_key_may_read(db):
    from rest_framework.test import APIClient

    from tests.conftest import make_key

    model = ModelFactory()
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("anonymous"))
    assert list_reviews(client, model.slug).status_code == 200


def test_a_model_alias_names_the_same_reviews(api_client):
    from tests.factories import ModelAliasFactory

    model = ModelFactory(slug="claude-3-5-sonnet")
    ModelAliasFactory(model=model, alias="claude-3.5-sonnet", normalized="claude-3.5-sonnet")
    ReviewFactory(model=model)
    body = api_client.get("/v1/models/claude-3.5-sonnet/reviews").json()
    assert body["model"] == "claude-3-5-sonnet"
    assert body["summary"]["total_reviews"] == 1


def test_the_listing_runs_a_constant_number_of_queries(api_client, django_assert_max_num_queries):
    model = ModelFactory()
    ReviewFactory.create_batch(30, model=model)
    with django_assert_max_num_queries(10):
        assert list_reviews(api_client, model.slug, limit=30).status_code == 200
