import pytest
from django.urls import reverse

from reviews.models import Review
from tests.factories import AccountFactory, ModelFactory, ReviewFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:reviews_review_changelist"


def test_the_hide_action_removes_reviews_from_listings(admin_client, api_client):
    review = ReviewFactory(rating=1)
    kept = ReviewFactory(model=review.model, rating=5)
    response = admin_client.post(
        reverse(CHANGELIST), {"action": "hide_reviews", "_selected_action": [review.pk]}, follow=True
    )
    assert response.status_code == 200
    assert "Hid 1 review(s)." in response.content.decode()
    review.refresh_from_db()
    assert review.is_hidden is True
    body = api_client.get(f"/v1/models/{review.model.slug}/reviews").json()
    assert len(body["data"]) == 1
    assert body["summary"]["total_reviews"] == 1
    assert body["summary"]["rating_distribution"]["1"] == 0
    kept.refresh_from_db()
    assert kept.is_hidden is False


def test_the_show_action_brings_a_hidden_review_back(admin_client):
    review = ReviewFactory(is_hidden=True)
    admin_client.post(reverse(CHANGELIST), {"action": "show_reviews", "_selected_action": [review.pk]})
    review.refresh_from_db()
    assert review.is_hidden is False


@pytest.mark.parametrize(("term", "expected"), [("gpt-4o", {"a"}), ("carol", {"b"}), ("2", {"b"}), ("5", {"a"})])
def test_it_searches_by_model_account_and_rating(admin_client, term, expected):
    reviews = {
        "a": ReviewFactory(model=ModelFactory(slug="gpt-4o"), account=AccountFactory(name="alice"), rating=5),
        "b": ReviewFactory(model=ModelFactory(slug="llama-3"), account=AccountFactory(name="carol"), rating=2),
    }
    response = admin_client.get(reverse(CHANGELIST), {"q": term})
    assert response.status_code == 200
    found = {review.pk for review in response.context["cl"].result_list}
    assert found == {reviews[name].pk for name in expected}


def test_verified_follows_the_account_flag(admin_client):
    account = AccountFactory(is_verified=True)
    review = ReviewFactory(account=account)
    response = admin_client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    assert response.status_code == 200
    response = admin_client.get(reverse(CHANGELIST), {"account__is_verified__exact": "1"})
    assert [r.pk for r in response.context["cl"].result_list] == [review.pk]


def test_a_moderator_can_hide_a_review_from_its_page(admin_client):
    review = ReviewFactory()
    url = reverse("admin:reviews_review_change", args=[review.pk])
    data = {
        "author_name": review.author_name,
        "rating": review.rating,
        "title": review.title,
        "body": review.body,
        "use_case": review.use_case,
        "is_hidden": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert Review.objects.get(pk=review.pk).is_hidden is True
