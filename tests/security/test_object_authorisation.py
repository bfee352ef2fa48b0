"""One account can never change another's review or vote twice; extra body fields assign nothing."""

import pytest
from rest_framework.test import APIClient

from accounts.models import ApiKey
from reviews.models import HelpfulVote, Review
from tests.conftest import make_key
from tests.factories import AccountFactory, ModelFactory, ReviewFactory

pytestmark = pytest.mark.django_db

BODY = {"rating": 2, "body": "Slow on long prompts and drifts off task.", "authorName": "Mallory"}


def writer(account):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("pro", account=account))
    return client


@pytest.fixture
def alice_review():
    return ReviewFactory(model=ModelFactory(slug="target-model"), rating=5, title="Great", author_name="Alice")


def test_reviewing_a_model_someone_else_reviewed_creates_a_second_review_and_leaves_theirs(alice_review):
    response = writer(AccountFactory(name="mallory")).post("/v1/models/target-model/reviews", BODY, format="json")
    assert response.status_code == 201
    alice_review.refresh_from_db()
    assert (alice_review.rating, alice_review.title, alice_review.author_name) == (5, "Great", "Alice")
    assert Review.objects.filter(model__slug="target-model").count() == 2


def test_mass_assignment_fields_in_the_body_change_nothing(alice_review):
    mallory = AccountFactory(name="mallory")
    hostile = {
        **BODY,
        "id": alice_review.public_id,
        "account": alice_review.account_id,
        "account_id": alice_review.account_id,
        "model": "other-model",
        "verified": True,
        "helpful_count": 1000,
        "helpfulCount": 1000,
        "is_hidden": False,
        "created_at": "2020-01-01T00:00:00Z",
    }
    response = writer(mallory).post("/v1/models/target-model/reviews", hostile, format="json")
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["id"] != alice_review.public_id
    assert (data["verified"], data["helpful_count"]) == (False, 0)
    mine = Review.objects.get(account=mallory)
    assert (mine.model.slug, mine.helpful_count, mine.rating) == ("target-model", 0, 2)
    alice_review.refresh_from_db()
    assert (alice_review.account.name, alice_review.rating, alice_review.helpful_count) != ("mallory", 2, 1000)
    assert alice_review.rating == 5


def test_an_account_votes_once_however_often_it_asks(alice_review):
    voter = writer(AccountFactory(name="voter"))
    counts = [
        voter.post(f"/v1/reviews/{alice_review.public_id}/helpful").json()["data"]["helpful_count"] for _ in range(3)
    ]
    assert counts == [1, 1, 1]
    assert HelpfulVote.objects.filter(review=alice_review).count() == 1
    alice_review.refresh_from_db()
    assert alice_review.helpful_count == 1


def test_two_keys_of_one_account_are_one_voter(alice_review):
    account = AccountFactory(name="two-keys")
    first, second = writer(account), writer(account)
    assert ApiKey.objects.filter(account=account).count() == 2
    first.post(f"/v1/reviews/{alice_review.public_id}/helpful")
    response = second.post(f"/v1/reviews/{alice_review.public_id}/helpful")
    assert response.json()["data"]["helpful_count"] == 1


@pytest.mark.parametrize(("plan", "status"), [("anonymous", 401), ("free", 403)])
def test_keys_whose_plan_cannot_write_change_nothing(alice_review, plan, status):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key(plan))
    assert client.post("/v1/models/target-model/reviews", BODY, format="json").status_code == status
    assert client.post(f"/v1/reviews/{alice_review.public_id}/helpful").status_code == status
    assert Review.objects.count() == 1
    assert HelpfulVote.objects.count() == 0
