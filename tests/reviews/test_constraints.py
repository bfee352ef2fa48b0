"""The database, not just the API, holds the review rules."""

import pytest
from django.db import IntegrityError

from tests.factories import HelpfulVoteFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_one_review_per_account_per_model():
    review = ReviewFactory()
    with pytest.raises(IntegrityError):
        ReviewFactory(model=review.model, account=review.account)


@pytest.mark.parametrize("rating", [0, 6])
def test_the_rating_is_1_to_5(rating):
    with pytest.raises(IntegrityError):
        ReviewFactory(rating=rating)


@pytest.mark.parametrize("body", ["too short", "x" * 5001])
def test_the_body_is_10_to_5000_characters(body):
    with pytest.raises(IntegrityError):
        ReviewFactory(body=body)


def test_the_author_name_is_not_empty():
    with pytest.raises(IntegrityError):
        ReviewFactory(author_name="")


def test_one_helpful_vote_per_account_per_review():
    vote = HelpfulVoteFactory()
    with pytest.raises(IntegrityError):
        HelpfulVoteFactory(review=vote.review, account=vote.account)
