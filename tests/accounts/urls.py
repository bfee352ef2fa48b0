"""A minimal keyed endpoint with the default v1 auth and quota, to test them in isolation."""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView


class KeyedEcho(APIView):
    def get(self, request):
        return Response({"plan": request.auth.plan_slug})


urlpatterns = [path("v1/echo", KeyedEcho.as_view())]
