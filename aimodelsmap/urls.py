from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView, SpectacularSwaggerView

from aimodelsmap.api import health
from models_registry.api.v1.urls import model_detail_patterns

handler400 = "aimodelsmap.api.errors.handler400"
handler403 = "aimodelsmap.api.errors.handler403"
handler404 = "web.errors.handler404"  # HTML for browsers off the API paths, else the API's
handler500 = "aimodelsmap.api.errors.handler500"

v1_patterns = [
    # models_registry first: its fixed paths (/models/search, /models/compare)
    # must win over /models/<slug>.
    path("", include("models_registry.api.v1.urls")),
    path("", include("rankings.api.v1.urls")),
    path("", include("reviews.api.v1.urls")),
    path("", include("pricing.api.v1.urls")),
    # Last: /models/<slug-or-alias> takes ids with "/" (see model_detail_patterns).
    path("", include(model_detail_patterns)),
]

openmodels_patterns = [
    path("", include("models_registry.api.openmodels.urls")),
    path("", include("telemetry.api.openmodels.urls")),
]

urlpatterns = [
    path("v1/", include(v1_patterns)),
    path("api/", include(openmodels_patterns)),
    path("health", health.HealthView.as_view(), name="health"),
    path("", include("ingestion.api.v1.urls")),
    path(
        "openapi.json",
        SpectacularJSONAPIView.as_view(renderer_classes=[OpenApiJsonRenderer2]),
        name="openapi-schema",
    ),
    path("docs/", SpectacularSwaggerView.as_view(url_name="openapi-schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="openapi-schema"), name="redoc"),
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    # The public pages, last: their paths are the site's, the API's prefixes win.
    path("", include("web.urls")),
]
