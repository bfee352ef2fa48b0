from django.urls import path

from pricing.api.v1.views import ModelPricingView, PricingCalculateView

urlpatterns = [
    path("models/<str:slug>/pricing", ModelPricingView.as_view(), name="v1-model-pricing"),
    path("pricing/calculate", PricingCalculateView.as_view(), name="v1-pricing-calculate"),
]
