from django.urls import path

from models_registry.api.v1 import views

# The model detail route is included after these (and after the other apps' routes):
# "search" and "compare" are never read as slugs.
urlpatterns = [
    path("models", views.ModelListView.as_view(), name="v1-models"),
    path("models/search", views.ModelSearchView.as_view(), name="v1-models-search"),
    path("models/compare", views.ModelCompareView.as_view(), name="v1-models-compare"),
    path("resolve", views.ResolveView.as_view(), name="v1-resolve"),
    path("categories", views.CategoryListView.as_view(), name="v1-categories"),
    path("categories/<str:slug>", views.CategoryDetailView.as_view(), name="v1-category-detail"),
]

# A model id may hold "/" (OpenRouter's anthropic/claude-sonnet-4.5, sent as is or
# %2F-encoded: both reach Django as a slash), so the detail route takes the rest of
# the path. The project's v1 routes include it last, after every
# models/<slug>/<sub-resource> route of the other apps has had its chance.
model_detail_patterns = [
    path("models/<path:slug>", views.ModelDetailView.as_view(), name="v1-model-detail"),
]
