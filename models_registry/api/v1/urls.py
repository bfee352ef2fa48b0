from django.urls import path

from models_registry.api.v1 import views

# The fixed paths come before models/<slug> so "search" and "compare" are never read as slugs.
urlpatterns = [
    path("models", views.ModelListView.as_view(), name="v1-models"),
    path("models/search", views.ModelSearchView.as_view(), name="v1-models-search"),
    path("models/compare", views.ModelCompareView.as_view(), name="v1-models-compare"),
    path("models/<str:slug>", views.ModelDetailView.as_view(), name="v1-model-detail"),
    path("categories", views.CategoryListView.as_view(), name="v1-categories"),
    path("categories/<str:slug>", views.CategoryDetailView.as_view(), name="v1-category-detail"),
]
