from django.urls import path

from rankings.api.v1 import views

urlpatterns = [
    path("models/<str:slug>/scores", views.ModelScoresView.as_view(), name="v1-model-scores"),
    path("models/<str:slug>/signals", views.ModelSignalsView.as_view(), name="v1-model-signals"),
    path("rankings/<str:category>", views.RankingView.as_view(), name="v1-rankings"),
    path("rankings/<str:category>/history", views.RankingHistoryView.as_view(), name="v1-rankings-history"),
    path("rankings/<str:category>/movers", views.MoversView.as_view(), name="v1-rankings-movers"),
]
