"""Review reads: the rating summary shown above a model's review list."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from models_registry.models import Model
from reviews.models import RATINGS, Review


def review_summary(*, model: Model) -> dict:
    """Average, count and per-rating counts of the model's visible reviews.

    Every rating "1".."5" is present (zeros included) so clients can draw the
    distribution without filling gaps. The average is rounded half-up to one
    decimal, and None when there are no reviews: no reviews is not a rating of 0.
    """
    counts = dict(Review.objects.visible().filter(model=model).values_list("rating").annotate(n=Count("id")).order_by())
    total = sum(counts.values())
    weighted = sum(rating * n for rating, n in counts.items())
    average = (Decimal(weighted) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP) if total else None
    return {
        "average_rating": average,
        "total_reviews": total,
        "rating_distribution": {str(rating): counts.get(rating, 0) for rating in RATINGS},
    }
