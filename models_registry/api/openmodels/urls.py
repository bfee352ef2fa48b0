from django.urls import path

from models_registry.api.openmodels import views

# Model ids may be aliases containing "/" (anthropic/claude-3.5-sonnet), so the
# sub-resources are matched before the bare <path:model_id>.
urlpatterns = [
    path("models", views.ModelListView.as_view(), name="openmodels-models"),
    path("models/<path:model_id>/providers", views.ModelProvidersView.as_view(), name="openmodels-model-providers"),
    path("models/<path:model_id>/compare", views.ModelCompareView.as_view(), name="openmodels-model-compare"),
    path("models/<path:model_id>", views.ModelDetailView.as_view(), name="openmodels-model-detail"),
    path("providers", views.ProviderListView.as_view(), name="openmodels-providers"),
    path("providers/<str:provider_id>", views.ProviderDetailView.as_view(), name="openmodels-provider-detail"),
]
