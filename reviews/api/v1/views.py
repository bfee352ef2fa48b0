"""v1 review endpoints: list + submit per model, helpful votes per review."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from accounts.permissions import CanWrite
from aimodelsmap.api.fields import validate_query
from aimodelsmap.api.pagination import OrderKey, paginate_keyset
from aimodelsmap.api.schema import paginated, v1_errors
from models_registry.api.lookups import model_or_404
from reviews.api.v1.serializers import (
    ReviewListQuerySerializer,
    ReviewSerializer,
    ReviewSubmitSerializer,
    ReviewSummarySerializer,
)
from reviews.models import Review, review_pk_from_public_id
from reviews.selectors import review_summary
from reviews.services import review_submit, review_vote_helpful

# Every ordering ends with the primary key so keyset pages are stable under ties.
REVIEW_ORDERINGS = {
    "recent": [OrderKey("created_at", True), OrderKey("id", True)],
    "helpful": [OrderKey("helpful_count", True), OrderKey("created_at", True), OrderKey("id", True)],
    "rating_high": [OrderKey("rating", True), OrderKey("created_at", True), OrderKey("id", True)],
    "rating_low": [OrderKey("rating"), OrderKey("created_at", True), OrderKey("id", True)],
}

SLUG_PARAMETER = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Model slug (or one of its aliases).")
REVIEW_ID_PARAMETER = OpenApiParameter("review_id", str, OpenApiParameter.PATH, description="Review id (rev_...).")

ReviewResponseSerializer = inline_serializer(name="ReviewResponse", fields={"data": ReviewSerializer()})
ReviewListResponseSerializer = paginated(
    "ReviewListResponse", ReviewSerializer, summary=ReviewSummarySerializer(), model=serializers.CharField()
)


class CanVote(CanWrite):
    anonymous_message = "An API key is required to vote on reviews."


def _review_for_response(pk: int) -> Review:
    return Review.objects.select_related("account").get(pk=pk)


class ModelReviewsView(GenericAPIView):
    serializer_class = ReviewSerializer

    def get_permissions(self):
        if self.request.method == "POST":
            return [CanWrite()]
        return super().get_permissions()

    @extend_schema(
        operation_id="v1_model_reviews_list",
        tags=["reviews"],
        summary="List a model's reviews",
        parameters=[SLUG_PARAMETER, ReviewListQuerySerializer],
        responses={200: ReviewListResponseSerializer, **v1_errors(400, 401, 404, 429)},
    )
    def get(self, request, slug: str):
        params = validate_query(ReviewListQuerySerializer, request)
        model = model_or_404(slug)
        sort = params["sortBy"]
        page = paginate_keyset(
            Review.objects.visible().filter(model=model).select_related("account"),
            ordering=REVIEW_ORDERINGS[sort],
            limit=params["limit"],
            cursor=params.get("cursor"),
            scope=f"reviews:{model.pk}:{sort}",
        )
        return Response(
            {
                "data": ReviewSerializer(page.rows, many=True).data,
                "summary": review_summary(model=model),
                "model": model.slug,
                "pagination": page.pagination(),
            }
        )

    @extend_schema(
        operation_id="v1_model_reviews_submit",
        tags=["reviews"],
        summary="Submit or update your review of a model",
        description=(
            "One review per account per model: the first submission creates it (201), a later one updates "
            "the same review, keeping its id (200). Needs a key whose plan allows writes."
        ),
        parameters=[SLUG_PARAMETER],
        request=ReviewSubmitSerializer,
        responses={
            201: OpenApiResponse(ReviewResponseSerializer, description="Review created."),
            200: OpenApiResponse(ReviewResponseSerializer, description="Your existing review was updated."),
            **v1_errors(400, 401, 403, 404, 413, 415, 429),
        },
    )
    def post(self, request, slug: str):
        model = model_or_404(slug)
        serializer = ReviewSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = review_submit(model=model, account_id=request.auth.account_id, **serializer.to_service_kwargs())
        body = {"data": ReviewSerializer(_review_for_response(result.review.pk)).data}
        return Response(body, status=201 if result.created else 200)


class ReviewHelpfulView(GenericAPIView):
    serializer_class = ReviewSerializer
    permission_classes = [CanVote]

    @extend_schema(
        operation_id="v1_review_helpful",
        tags=["reviews"],
        summary="Mark a review as helpful",
        description=(
            "Counts one helpful vote per account. Voting again changes nothing and returns the same "
            "result, so retries are safe. Needs a key whose plan allows writes; a review's author cannot "
            "vote for it (403). The response is the review with its updated helpful_count."
        ),
        parameters=[REVIEW_ID_PARAMETER],
        request=None,
        responses={200: ReviewResponseSerializer, **v1_errors(401, 403, 404, 429)},
    )
    def post(self, request, review_id: str):
        pk = review_pk_from_public_id(review_id)
        review = Review.objects.visible().filter(pk=pk).first() if pk is not None else None
        if review is None:
            raise NotFound("Review not found.")
        review_vote_helpful(review=review, account_id=request.auth.account_id)
        return Response({"data": ReviewSerializer(_review_for_response(review.pk)).data})
