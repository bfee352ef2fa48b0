import pytest
from rest_framework.test import APIClient

from reviews.models import HelpfulVote, Review, review_public_id
from tests.conftest import make_key
from tests.factories import AccountFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def voter(plan="pro", account=None):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key(plan, account=account))
    return client


def vote(client, review_id):
    return client.post(f"/v1/reviews/{review_id}/helpful")


def test_a_vote_increments_helpful_count_and_returns_the_review():
    review = ReviewFactory()
    response = vote(voter(), review_public_id(review.pk))
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["id"] == review_public_id(review.pk)
    assert data["helpful_count"] == 1
    review.refresh_from_db()
    assert review.helpful_count == 1
    assert HelpfulVote.objects.filter(review=review).count() == 1


def test_voting_again_is_idempotent():
    review = ReviewFactory()
    client = voter()
    responses = [vote(client, review_public_id(review.pk)) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert [r.json()["data"]["helpful_count"] for r in responses] == [1, 1, 1]
    review.refresh_from_db()
    assert review.helpful_count == 1


def test_one_vote_per_account_not_per_key():
    review = ReviewFactory()
    account = AccountFactory()
    vote(voter(account=account), review_public_id(review.pk))
    vote(voter(account=account), review_public_id(review.pk))
    review.refresh_from_db()
    assert review.helpful_count == 1


def test_votes_drive_the_helpful_sort(api_client):
    quiet = ReviewFactory()
    popular = ReviewFactory(model=quiet.model)
    for _ in range(2):
        vote(voter(), review_public_id(popular.pk))
    body = api_client.get(f"/v1/models/{quiet.model.slug}/reviews", {"sortBy": "helpful"}).json()
    assert [(item["id"], item["helpful_count"]) for item in body["data"]] == [
        (review_public_id(popular.pk), 2),
        (review_public_id(quiet.pk), 0),
    ]


@pytest.mark.parametrize("review_id", ["rev_zzzzzz", "rev_", "rev_ABC", "123", "rev_-1", "rev_0", "rev_" + "z" * 14])
def test_an_unknown_or_malformed_id_is_404(review_id):
    ReviewFactory()
    response = vote(voter(), review_id)
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Review not found.", "details": None}}


def test_a_hidden_review_cannot_be_voted_on():
    review = ReviewFactory(is_hidden=True)
    assert vote(voter(), review_public_id(review.pk)).status_code == 404
    assert HelpfulVote.objects.count() == 0


def test_voting_requires_a_key():
    review = ReviewFactory()
    response = vote(APIClient(), review_public_id(review.pk))
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "An API key is required to vote on reviews."


def test_an_anonymous_plan_key_cannot_vote():
    review = ReviewFactory()
    assert vote(voter("anonymous"), review_public_id(review.pk)).status_code == 401


def test_a_plan_without_write_access_cannot_vote():
    review = ReviewFactory()
    response = vote(voter("free"), review_public_id(review.pk))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert Review.objects.get().helpful_count == 0


def test_public_ids_round_trip():
    from reviews.models import review_pk_from_public_id

    for pk in (1, 35, 36, 8_675_309, 2**63 - 1):
        assert review_pk_from_public_id(review_public_id(pk)) == pk
    assert review_public_id(36) == "rev_10"
    assert review_pk_from_public_id("rev_" + "z" * 13) is None  # beyond bigint


def test_votes_and_submissions_bump_the_reviews_version_not_the_catalogs(django_capture_on_commit_callbacks):
    from aimodelsmap.dataversion import data_version, reviews_version

    review = ReviewFactory()
    catalog, before = data_version(), reviews_version()
    with django_capture_on_commit_callbacks(execute=True):
        vote(voter(), review_public_id(review.pk))
    after_vote = reviews_version()
    assert after_vote > before
    body = {"rating": 4, "authorName": "x", "body": "A fair review text."}
    with django_capture_on_commit_callbacks(execute=True):
        voter().post(f"/v1/models/{review.model.slug}/reviews", body, format="json")
    assert reviews_version() > after_vote
    assert data_version() == catalog


def test_it_refuses_a_vote_for_your_own_review():
    account = AccountFactory()
    review = ReviewFactory(account=account)
    response = vote(voter(account=account), review_public_id(review.pk))
    assert response.status_code == 403
    assert response.json() == {
        "error": {"code": "forbidden", "message": "You cannot mark your own review as helpful.", "details": None}
    }
    review.refresh_from_db()
    assert review.helpful_count == 0
    assert not HelpfulVote.objects.filter(review=review).exists()
