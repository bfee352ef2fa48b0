"""Review writes: the one-per-account upsert and helpful votes."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F

from aimodelsmap.dataversion import reviews_version_bump
from models_registry.models import Model
from reviews.models import HelpfulVote, Review

# The columns a submission may set; everything else (id, account, counters,
# moderation state, timestamps) is the server's.
SUBMITTED_FIELDS = ("author_name", "rating", "title", "body", "use_case")


OWN_REVIEW_VOTE = "You cannot mark your own review as helpful."


@dataclass(frozen=True)
class ReviewSubmission:
    review: Review
    created: bool


def review_submit(
    *,
    model: Model,
    account_id: int,
    author_name: str,
    rating: int,
    body: str,
    title: str | None = None,
    use_case: str | None = None,
) -> ReviewSubmission:
    """Create the account's review of ``model``, or update it if there is one.

    The unique (model, account) constraint is the arbiter: a first submission
    inserts inside a savepoint, and if a concurrent first submission won the
    race the insert fails and this one updates the winner's row instead, so
    concurrent submissions never give duplicates or errors. The existing row
    is locked before updating so two resubmissions apply one after the other.
    """
    values = {"author_name": author_name, "rating": rating, "title": title, "body": body, "use_case": use_case}
    with transaction.atomic():
        review = _locked_review(model=model, account_id=account_id)
        created = False
        if review is None:
            try:
                with transaction.atomic():
                    review = Review.objects.create(model=model, account_id=account_id, **values)
                created = True
            except IntegrityError:
                review = _locked_review(model=model, account_id=account_id)
                if review is None:  # the failure was not the uniqueness race
                    raise
        if not created:
            for field, value in values.items():
                setattr(review, field, value)
            review.save(update_fields=[*SUBMITTED_FIELDS, "updated_at"])
        reviews_version_bump()
    return ReviewSubmission(review=review, created=created)


def _locked_review(*, model: Model, account_id: int) -> Review | None:
    return Review.objects.select_for_update().filter(model=model, account_id=account_id).first()


def review_vote_helpful(*, review: Review, account_id: int) -> bool:
    """Record that the account found ``review`` helpful. Idempotent.

    The vote row's unique constraint decides whether this is a new vote; only
    a new vote increments the counter, in SQL (F()) so concurrent votes never
    lose an increment. Returns whether a vote was added. An author's vote for
    their own review is refused: "helpful" is what other readers found.
    """
    if review.account_id == account_id:
        raise PermissionDenied(OWN_REVIEW_VOTE)
    with transaction.atomic():
        try:
            with transaction.atomic():
                HelpfulVote.objects.create(review=review, account_id=account_id)
        except IntegrityError:
            if not HelpfulVote.objects.filter(review=review, account_id=account_id).exists():
                raise
            return False
        Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
        reviews_version_bump()
    return True


def review_set_hidden(*, reviews, hidden: bool) -> int:
    """Hide or show reviews (moderation). Returns how many changed."""
    with transaction.atomic():
        changed = reviews.exclude(is_hidden=hidden).update(is_hidden=hidden)
        if changed:
            reviews_version_bump()
    return changed


def review_moderate(*, review: Review, changed_fields: list[str]) -> Review:
    """Save a moderator's edit of a review (text, rating or hidden flag)."""
    if changed_fields:
        with transaction.atomic():
            review.save(update_fields=[*changed_fields, "updated_at"])
            reviews_version_bump()
    return review
