"""The project's URLs plus stand-in reads and a write that touch the database, to test limits and outages."""

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiKey
from aimodelsmap.urls import handler400, handler403, handler404, handler500  # noqa: F401  (the JSON error views)
from aimodelsmap.urls import urlpatterns as project_urlpatterns


class KeyedRead(APIView):
    def get(self, request):
        return Response({"keys": ApiKey.objects.count()})


class PublicRead(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []

    def get(self, request):
        return Response({"keys": ApiKey.objects.count()})


class KeyedWrite(APIView):
    def post(self, request):
        return Response({"received": len(request.data)}, status=201)


urlpatterns = [
    path("v1/writes", KeyedWrite.as_view()),
    path("v1/reads", KeyedRead.as_view()),
    path("api/reads", PublicRead.as_view()),
    *project_urlpatterns,
]
