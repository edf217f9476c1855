"""The product's URLs plus the benchmark's baseline: a bare view inside a network, so that it
passes through the same middleware (sessions, language, tenancy, CSP) as every measured page."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request, network):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("<slug:network>/bench-bare/", bare, name="bench_bare"),
    path("", include("mentoring.urls")),
]
