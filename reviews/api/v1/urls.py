from django.urls import path

from reviews.api.v1.views import ModelReviewsView, ReviewHelpfulView

urlpatterns = [
    path("models/<str:slug>/reviews", ModelReviewsView.as_view(), name="v1-model-reviews"),
    path("reviews/<str:review_id>/helpful", ReviewHelpfulView.as_view(), name="v1-review-helpful"),
]
