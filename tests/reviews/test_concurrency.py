"""Real threads against the real database: the upsert and the vote counter under races."""

import pytest
from rest_framework.test import APIClient

from reviews.models import HelpfulVote, Review, review_public_id
from tests.concurrency import run_together
from tests.conftest import make_key
from tests.factories import AccountFactory, ModelFactory, ReviewFactory

pytestmark = pytest.mark.django_db(transaction=True)


def post_with(raw_key, path, payload=None):
    def call():
        client = APIClient()
        client.credentials(HTTP_X_API_KEY=raw_key)
        return client.post(path, payload, format="json") if payload is not None else client.post(path)

    return call


def test_50_concurrent_submissions_from_10_accounts_give_10_reviews():
    model = ModelFactory()
    accounts = [AccountFactory() for _ in range(10)]
    keys = {account.pk: make_key("pro", account=account) for account in accounts}
    texts = {
        account.pk: [f"Review by {account.name}, version {version}." for version in range(5)] for account in accounts
    }
    submissions = [(account.pk, texts[account.pk][version]) for version in range(5) for account in accounts]
    calls = [
        post_with(keys[account_id], f"/v1/models/{model.slug}/reviews", {"rating": 3, "authorName": "n", "body": text})
        for account_id, text in submissions
    ]

    responses = run_together(calls)

    statuses = [response.status_code for response in responses]
    assert statuses.count(201) == 10
    assert statuses.count(200) == 40
    reviews = Review.objects.filter(model=model)
    assert reviews.count() == 10
    assert {review.account_id for review in reviews} == set(keys)
    for review in reviews:
        assert review.body in texts[review.account_id]
    # Every submission by an account answered with that account's one review id.
    ids = {}
    for (account_id, _), response in zip(submissions, responses, strict=True):
        ids.setdefault(account_id, set()).add(response.json()["data"]["id"])
    assert ids == {review.account_id: {review_public_id(review.pk)} for review in reviews}


def test_100_accounts_voting_at_once_give_100():
    review = ReviewFactory()
    keys = [make_key("pro", account=AccountFactory()) for _ in range(100)]
    path = f"/v1/reviews/{review_public_id(review.pk)}/helpful"

    responses = run_together([post_with(key, path) for key in keys])

    assert {response.status_code for response in responses} == {200}
    review.refresh_from_db()
    assert review.helpful_count == 100
    assert HelpfulVote.objects.filter(review=review).count() == 100


def test_one_account_voting_20_times_at_once_gives_1():
    review = ReviewFactory()
    key = make_key("pro")
    path = f"/v1/reviews/{review_public_id(review.pk)}/helpful"

    responses = run_together([post_with(key, path) for _ in range(20)])

    assert {response.status_code for response in responses} == {200}
    review.refresh_from_db()
    assert review.helpful_count == 1
    assert HelpfulVote.objects.filter(review=review).count() == 1
