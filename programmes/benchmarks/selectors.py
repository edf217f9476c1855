"""Reads for the benchmark pages."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404

from .models import Benchmark, ContextFactor, KeyFactor


def benchmarks(network):
    return list(
        Benchmark.objects.filter(network=network).annotate(factor_count=Count("key_factors")).order_by("title", "-version")
    )


def get_benchmark(network, pk):
    factors = KeyFactor.objects.prefetch_related("questions").order_by("number")
    return get_object_or_404(
        Benchmark.objects.filter(network=network, pk=pk).prefetch_related(
            Prefetch("key_factors", queryset=factors), "context_factors"
        )
    )


def get_key_factor(benchmark, pk):
    return get_object_or_404(KeyFactor.objects.filter(benchmark=benchmark, pk=pk).prefetch_related("questions"))


def get_context_factor(benchmark, pk):
    return get_object_or_404(ContextFactor.objects.filter(benchmark=benchmark, pk=pk))


def other_versions(benchmark):
    return list(Benchmark.objects.filter(network=benchmark.network, lineage=benchmark.lineage)
                .exclude(pk=benchmark.pk).order_by("-version"))
