from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

# Text limits of the submission contract; the columns enforce the same maxima.
AUTHOR_NAME_MAX = 100
TITLE_MAX = 200
BODY_MIN = 10
BODY_MAX = 5000
USE_CASE_MAX = 500
RATINGS = (1, 2, 3, 4, 5)


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        """Reviews shown in listings and summaries: not hidden by a moderator."""
        return self.filter(is_hidden=False)


class Review(models.Model):
    """One account's review of one model. Resubmitting updates the same row."""

    model = models.ForeignKey("models_registry.Model", on_delete=models.CASCADE, related_name="reviews")
    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="reviews")
    author_name = models.CharField(max_length=AUTHOR_NAME_MAX)
    rating = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=TITLE_MAX, null=True, blank=True)
    body = models.TextField()
    use_case = models.CharField(max_length=USE_CASE_MAX, null=True, blank=True)
    helpful_count = models.PositiveIntegerField(default=0, help_text="Kept equal to the number of helpful votes.")
    is_hidden = models.BooleanField(default=False, help_text="Hidden by a moderator: left out of listings.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["model", "account"], name="review_one_per_account_per_model"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
            models.CheckConstraint(
                condition=Q(GreaterThanOrEqual(Length("body"), BODY_MIN), LessThanOrEqual(Length("body"), BODY_MAX)),
                name="review_body_length",
            ),
            models.CheckConstraint(condition=~Q(author_name=""), name="review_author_name_not_empty"),
        ]
        indexes = [
            models.Index(fields=["model", "-created_at", "-id"], name="review_model_recent_idx"),
            models.Index(fields=["model", "-helpful_count"], name="review_model_helpful_idx"),
            models.Index(fields=["model", "rating"], name="review_model_rating_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 by {self.author_name} on {self.model_id}"

    @property
    def public_id(self) -> str:
        return review_public_id(self.pk)


class HelpfulVote(models.Model):
    """An account found a review helpful. At most one per account and review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="helpful_votes")
    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="helpful_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "account"], name="helpful_vote_one_per_account"),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} found {self.review_id} helpful"


# Public review ids are "rev_" + the primary key in base 36: opaque to
# clients, stable, and parsed back without a lookup table.
PUBLIC_ID_PREFIX = "rev_"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_MAX_PK = 2**63 - 1


def review_public_id(pk: int) -> str:
    digits = ""
    while True:
        pk, remainder = divmod(pk, 36)
        digits = _DIGITS[remainder] + digits
        if pk == 0:
            return PUBLIC_ID_PREFIX + digits


def review_pk_from_public_id(public_id: str) -> int | None:
    """The primary key a public id names, or None if it is not a well-formed id."""
    if not public_id.startswith(PUBLIC_ID_PREFIX):
        return None
    digits = public_id[len(PUBLIC_ID_PREFIX) :]
    if not 1 <= len(digits) <= 13 or any(char not in _DIGITS for char in digits):
        return None
    pk = int(digits, 36)
    return pk if 0 < pk <= _MAX_PK else None
