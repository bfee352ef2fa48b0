"""The project's URLs plus a keyed JSON write, to test the body limits of the shared parser in isolation."""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from aimodelsmap.urls import handler400, handler403, handler404, handler500  # noqa: F401  (the JSON error views)
from aimodelsmap.urls import urlpatterns as project_urlpatterns


class KeyedWrite(APIView):
    def post(self, request):
        return Response({"received": len(request.data)}, status=201)


urlpatterns = [
    path("v1/writes", KeyedWrite.as_view()),
    *project_urlpatterns,
]
