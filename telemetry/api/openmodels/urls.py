from django.urls import path

from telemetry.api.openmodels import views

urlpatterns = [
    path("telemetry/health/<str:provider_id>", views.ProviderHealthView.as_view(), name="openmodels-provider-health"),
    path(
        "telemetry/latency/<str:provider_id>", views.ProviderLatencyView.as_view(), name="openmodels-provider-latency"
    ),
    path("telemetry/ranked/<path:model_id>", views.RankedHostsView.as_view(), name="openmodels-ranked"),
    path("health", views.SystemHealthView.as_view(), name="openmodels-health"),
]
