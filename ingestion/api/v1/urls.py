from django.urls import path

from ingestion.api.v1.views import PipelinesHealthView

urlpatterns = [
    path("health/pipelines", PipelinesHealthView.as_view(), name="health-pipelines"),
]
