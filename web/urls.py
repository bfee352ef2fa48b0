from django.urls import path

from web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("leaderboards/<slug:slug>/", views.leaderboard, name="leaderboard"),
    path("leaderboards/<slug:slug>/quality-vs-price/", views.quality_price, name="quality-price"),
    path("models/<str:slug>/", views.model, name="model"),
    path("compare/", views.compare, name="compare"),
    path("providers/<slug:slug>/", views.provider, name="provider"),
]
