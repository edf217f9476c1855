"""The product's URLs plus the benchmark's baselines, both inside a network so that they pass
through the same middleware (sessions, language, tenancy, CSP) as every measured page: a bare
view answering a plain "ok", and an empty page — the site's layout (navigation, language
switcher, footer) with nothing in it, the floor of every page a person sees."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path


def bare(request, network):
    return HttpResponse("ok", content_type="text/plain")


def empty_page(request, network):
    return render(request, "base/base.html")


urlpatterns = [
    path("<slug:network>/bench-bare/", bare, name="bench_bare"),
    path("<slug:network>/bench-empty/", empty_page, name="bench_empty"),
    path("", include("mentoring.urls")),
]
